package xray.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The known workload (testdata/workload/xray-load.c, compiled here with gcc) run in a cgroup v1
 * memory cgroup of the test's own, under a parent of its own: made, filled and removed again by the
 * test. Nothing is written anywhere else in the tree.
 */
public final class LoadCgroup implements AutoCloseable {
    private static final Path SOURCE = Path.of("testdata/workload/xray-load.c");

    /** The parent, /sys/fs/cgroup/memory/NAME, and its child where the workload runs. */
    public final Path parent;
    public final Path cgroup;
    /** The cgroup's path as xray names it ("/NAME/CHILD"). */
    public final String path;
    private final List<Process> processes = new ArrayList<>();
    private final Path tmp;

    private LoadCgroup(Path parent, Path cgroup, String path, Path tmp) {
        this.parent = parent;
        this.cgroup = cgroup;
        this.path = path;
        this.tmp = tmp;
    }

    /** Makes /sys/fs/cgroup/memory/{name}/{child} (needs root and a writable v1 memory controller; else a loud skip). */
    public static LoadCgroup create(String name, String child) throws IOException {
        Path mem = Live.cgroupV1Memory();
        Live.require(Files.isExecutable(Path.of("/usr/bin/gcc")), "needs gcc to build testdata/workload/xray-load.c");
        Path parent = mem.resolve(name);
        Files.createDirectory(parent);
        Path cg = parent.resolve(child);
        Files.createDirectory(cg);
        return new LoadCgroup(parent, cg, "/" + name + "/" + child, Files.createTempDirectory("xray-load"));
    }

    /** The workload binary, compiled once per instance. */
    public Path binary() throws IOException, InterruptedException {
        Path bin = tmp.resolve("xray-load");
        if (!Files.exists(bin)) {
            Process gcc = new ProcessBuilder("gcc", "-O2", "-o", bin.toString(), SOURCE.toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
            String out = new String(gcc.getInputStream().readAllBytes());
            if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new IOException("gcc failed: " + out);
            }
        }
        return bin;
    }

    public Path tmp() {
        return tmp;
    }

    /** memory.limit_in_bytes of the cgroup. */
    public void limit(long bytes) throws IOException {
        Files.writeString(cgroup.resolve("memory.limit_in_bytes"), Long.toString(bytes));
    }

    /**
     * Starts {@code xray-load ARGS} inside the cgroup (a shell joins it, then becomes the workload, so
     * no page is charged anywhere else) and waits for its "ready" line.
     */
    public Process start(String... args) throws IOException, InterruptedException {
        StringBuilder cmd = new StringBuilder("echo $$ > '" + cgroup.resolve("cgroup.procs") + "' && exec '" + binary() + "'");
        for (String a : args) {
            cmd.append(" '").append(a).append('\'');
        }
        Process p = new ProcessBuilder("sh", "-c", cmd.toString()).redirectErrorStream(true).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            throw new IOException("xray-load " + String.join(" ", args) + " did not start: " + line);
        }
        return p;
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Path dir : List.of(cgroup, parent)) {
            for (int i = 0; i < 50 && Files.exists(dir); i++) {
                try {
                    Files.delete(dir); // rmdir; fails while an exiting process is still a member
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
        }
        try (var files = Files.walk(tmp)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
