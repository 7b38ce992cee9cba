package xray.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process the live tests start (a target JVM, or sleep): it is killed by pid in
 * {@link #close()}. Lines of its stdout are queued; {@link #awaitLine} waits for one.
 */
public final class TargetJvm implements AutoCloseable {
    public static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    public static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private final Process process;
    private int pid;
    /** A JVM started by {@link #start}: it understands "exit" on its stdin. */
    private boolean jvm;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
    private final List<String> seen = new ArrayList<>();

    private TargetJvm(Process process) {
        this.process = process;
        this.pid = (int) process.pid();
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.offer(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "target-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The java command for a test main class on this JDK: {@code java FLAGS -cp test-classes MAIN}. */
    public static List<String> java(Path jdk, String mainClass, String... flags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.resolve("bin/java").toString());
        cmd.addAll(List.of(flags));
        cmd.add("-cp");
        cmd.add(testClasses().toString());
        cmd.add(mainClass);
        return cmd;
    }

    public static Path testClasses() {
        try {
            return Path.of(AuditTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the command and waits for "ready" on its stdout. */
    public static TargetJvm start(List<String> command) {
        return start(command, null);
    }

    /**
     * @param pidOf when the command is a wrapper (unshare, runuser), finds the pid of the JVM from
     *              the wrapper's pid; null when the command is the JVM itself
     */
    public static TargetJvm start(List<String> command, java.util.function.LongFunction<Integer> pidOf) {
        TargetJvm t = plain(command);
        t.jvm = true;
        try {
            t.awaitLine("ready", 30);
            if (pidOf != null) {
                t.pid = pidOf.apply(t.process.pid());
            }
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** Starts a process (in /tmp, stderr inherited) and returns at once. */
    public static TargetJvm plain(List<String> command) {
        try {
            return new TargetJvm(new ProcessBuilder(command).directory(Path.of("/tmp").toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only child of a wrapper process (the JVM that unshare or runuser started). */
    public static int childOf(long wrapper) {
        for (int tries = 0; tries < 100; tries++) {
            List<ProcessHandle> kids = ProcessHandle.of(wrapper).map(h -> h.children().toList()).orElse(List.of());
            if (kids.size() == 1) {
                return (int) kids.get(0).pid();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new IllegalStateException("wrapper " + wrapper + " has no single child");
    }

    public int pid() {
        return pid;
    }

    public boolean alive() {
        return Files.exists(Path.of("/proc/" + pid));
    }

    /** Sends a line to stdin and returns the next line of stdout. */
    public String ask(String line) {
        stdin.println(line);
        return next(10);
    }

    public String next(int seconds) {
        try {
            String l = lines.poll(seconds, TimeUnit.SECONDS);
            if (l == null) {
                throw new IllegalStateException("pid " + pid + " printed nothing within " + seconds + " s");
            }
            seen.add(l);
            return l;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void awaitLine(String expected, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (next(seconds).equals(expected)) {
                return;
            }
        }
        throw new IllegalStateException("pid " + process.pid() + " never printed '" + expected + "': " + seen);
    }

    /** Everything printed on stdout since the last read, without waiting. */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        lines.drainTo(out);
        return out;
    }

    /** Sends a signal (STOP, CONT) to the target by pid. */
    public void signal(String name) {
        run("kill", "-" + name, String.valueOf(pid));
    }

    static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the target by pid: "exit" on its stdin first, so the JVM removes its attach socket and
     * hsperfdata file as it exits; SIGKILL when it is still there after two seconds (a stopped one,
     * or sleep). The wrapper it was started with (unshare, runuser) goes with it.
     */
    @Override
    public void close() {
        Optional<ProcessHandle> target = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (jvm && target.isPresent() && !stopped()) {
            stdin.println("exit");
            target.get().onExit().completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
        }
        target.filter(ProcessHandle::isAlive).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        });
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopped() {
        try {
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            return status.contains("\nState:\tT") || status.contains("\nState:\tt");
        } catch (IOException e) {
            return false;
        }
    }
}
