package xray.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import xray.testing.Live;

/**
 * Python processes with known memory for the live {@code xray ps} tests: each maps and touches
 * {@code anon} MiB of private anonymous memory, then maps a shared tmpfs file read-only and reads
 * every page of it, says "ready PID", and waits until its stdin closes. argv[0] is {@code name}, so
 * {@code xray ps --by program} groups them apart from every other process.
 */
final class PsWorkers implements AutoCloseable {
    private static final String SCRIPT = """
            import mmap, os, sys
            anon_mib, shm_path, shm_mib = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
            page = mmap.PAGESIZE
            if anon_mib:
                anon = mmap.mmap(-1, anon_mib << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
                for i in range(0, anon_mib << 20, page):
                    anon[i] = 1
            if shm_mib:
                fd = os.open(shm_path, os.O_RDONLY)
                shm = mmap.mmap(fd, shm_mib << 20, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ)
                total = 0
                for i in range(0, shm_mib << 20, page):
                    total += shm[i]
            print("ready", os.getpid(), flush=True)
            sys.stdin.read()
            """;

    private final List<Process> processes = new ArrayList<>();
    final List<Long> pids = new ArrayList<>();

    /** The Python interpreter itself (not a launcher script such as a pyenv shim). */
    static String python() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String exe = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Live.require(p.waitFor() == 0 && !exe.isEmpty(), "needs python3 (Debian package python3)");
            return exe;
        } catch (IOException e) {
            Live.require(false, "needs python3 (Debian package python3): " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A tmpfs file of {@code mib} MiB, every page written. */
    static Path sharedFile(String name, int mib) throws IOException {
        Path shm = Path.of("/dev/shm");
        Live.require(Files.isDirectory(shm) && Files.isWritable(shm), "needs a writable tmpfs at /dev/shm");
        Path f = shm.resolve(name);
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 7);
        try (var out = Files.newOutputStream(f)) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
        }
        return f;
    }

    /** One worker per entry of {@code anonMib}, each mapping {@code shmMib} MiB of {@code shm} (0: none). */
    static PsWorkers start(String name, Path dir, Path shm, int shmMib, int... anonMib) throws IOException {
        String python = python();
        Path script = dir.resolve("ps_worker.py");
        Files.writeString(script, SCRIPT);
        PsWorkers w = new PsWorkers();
        try {
            for (int mib : anonMib) {
                Process p = new ProcessBuilder("bash", "-c", "exec -a \"$0\" \"$@\"", name, python, "-S",
                        script.toString(), String.valueOf(mib), shm == null ? "-" : shm.toString(),
                        String.valueOf(shmMib)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                w.processes.add(p);
            }
            for (Process p : w.processes) {
                BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null || !line.startsWith("ready ")) {
                    throw new IllegalStateException("worker said " + line);
                }
                w.pids.add(Long.parseLong(line.substring(6).strip()));
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
