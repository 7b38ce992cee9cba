package xray.jvm;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import xray.model.JvmReport.CommandRun;

/**
 * xray's own client of the HotSpot attach mechanism (no jdk.attach module, no agent). The JVM
 * listens on {@code /tmp/.java_pid<nspid>} inside its own mount namespace, reached from outside
 * as {@code /proc/PID/root/tmp/...}. When the socket is not there yet, the JVM opens it on SIGQUIT
 * if it finds a file {@code .attach_pid<nspid>} in its working directory or its /tmp; xray creates
 * that file, signals, waits for the socket (bounded by the deadline) and removes the file again.
 *
 * <p>SIGQUIT kills a process that does not catch it, so it is sent only to a HotSpot JVM whose
 * {@code SigCgt} has bit 3 set, and never to a stopped one (the signal would wait, and turn into a
 * thread dump on its stdout later). Safe to use from several threads: each request is its own
 * connection and the JVM serves them one at a time.
 */
public final class HotSpotAttach {
    /**
     * What /proc says about the target before xray talks to it.
     *
     * @param socket       the attach socket as seen from here
     * @param triggerFiles where {@code .attach_pid<nspid>} may be created, in order of preference
     * @param catchesQuit  SigCgt has SIGQUIT (mask 0x4)
     * @param hotspot      libjvm.so is mapped, or the JVM keeps an hsperfdata file
     * @param stopped      the process is stopped (state T or t)
     */
    public record Target(int pid, int nspid, Path socket, List<Path> triggerFiles, boolean catchesQuit,
                         boolean hotspot, boolean stopped) {
        public Target {
            triggerFiles = List.copyOf(triggerFiles);
        }
    }

    /** The JVM took the request but did not answer before the deadline. */
    public static final class NoAnswer extends RuntimeException {
        NoAnswer(String what) {
            super(what, null, false, false);
        }
    }

    /** A diagnostic command the JVM ran and reported as failed (status ≠ 0); the message is its first line. */
    public static final class CommandFailed extends RuntimeException {
        CommandFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final Target target;
    private final Deadline deadline;
    private final boolean startedListener;
    private final List<CommandRun> runs = new ArrayList<>();

    private HotSpotAttach(Target target, Deadline deadline, boolean startedListener) {
        this.target = target;
        this.deadline = deadline;
        this.startedListener = startedListener;
    }

    /** Finds or starts the attach listener of the target. */
    public static HotSpotAttach open(Target t, Deadline deadline) {
        if (Files.exists(t.socket())) {
            return new HotSpotAttach(t, deadline, false);
        }
        startListener(t, deadline);
        return new HotSpotAttach(t, deadline, true);
    }

    /** True when xray had to start the attach listener (SIGQUIT); false when it was already running. */
    public boolean startedListener() {
        return startedListener;
    }

    /** Runs a diagnostic command (what {@code jcmd PID <line>} runs) and returns its text. */
    public String jcmd(String line) {
        AttachSocket.Reply r = request("jcmd", line);
        if (r.status() != 0) {
            String first = r.body().strip().lines().findFirst().orElse("status " + r.status());
            throw new CommandFailed(line + ": " + first);
        }
        return r.body();
    }

    /** Runs a raw attach operation ({@code properties}, {@code agentProperties}) and returns its text. */
    public String operation(String name) {
        AttachSocket.Reply r = request(name);
        if (r.status() != 0) {
            throw new CommandFailed(name + ": status " + r.status());
        }
        return r.body();
    }

    /** The requests sent so far, in order, with how long each took. */
    public synchronized List<CommandRun> runs() {
        return List.copyOf(runs);
    }

    private AttachSocket.Reply request(String command, String... args) {
        String label = args.length == 0 ? command : args[0];
        long t0 = System.nanoTime();
        try {
            AttachSocket.Reply r = AttachSocket.request(target.socket(), deadline, command, args);
            record(label, t0);
            return r;
        } catch (AttachSocket.NoAnswer e) {
            record(label + " (no answer)", t0);
            throw new NoAnswer(label);
        } catch (SocketException e) {
            throw new AttachRefused("pid " + target.pid() + " refuses connections on its attach socket "
                    + target.socket() + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new AttachRefused("pid " + target.pid() + " did not answer '" + label + "': " + e.getMessage());
        }
    }

    private synchronized void record(String label, long t0) {
        runs.add(new CommandRun(label, (System.nanoTime() - t0) / 1e6));
    }

    /**
     * Why xray will not send SIGQUIT to start the attach listener, as one sentence, or null when it
     * may: it must be a HotSpot JVM that catches SIGQUIT and is not stopped.
     */
    public static String signalBlocker(Target t) {
        String who = "pid " + t.pid();
        if (!t.hotspot()) {
            return who + " has no attach socket and is not known to be a HotSpot JVM, so xray will not signal it";
        }
        if (!t.catchesQuit()) {
            return who + " has no attach socket and does not catch SIGQUIT (started with -Xrs?), so starting its"
                    + " attach listener would kill it; xray will not signal it";
        }
        if (t.stopped()) {
            return who + " is stopped (SIGSTOP or a debugger) and has no attach socket yet; continue it with kill -CONT "
                    + t.pid() + " and try again";
        }
        return null;
    }

    private static void startListener(Target t, Deadline deadline) {
        String who = "pid " + t.pid();
        String blocker = signalBlocker(t);
        if (blocker != null) {
            throw new AttachRefused(blocker);
        }
        Path trigger = createTrigger(t);
        try {
            signalQuit(t.pid(), deadline);
            long sleep = 2;
            while (!Files.exists(t.socket())) {
                long left = deadline.remainingMillis();
                if (left <= 0) {
                    throw new AttachRefused(who + " did not open its attach socket within " + deadline.budget()
                            + " of SIGQUIT (is it hung, or was its socket deleted and this JVM too old to make"
                            + " a new one?)");
                }
                sleep(Math.min(Math.min(sleep, 50), left));
                sleep *= 2;
            }
        } finally {
            if (trigger != null) {
                try {
                    Files.deleteIfExists(trigger);
                } catch (IOException e) {
                    // The JVM may have removed it already; nothing else to do.
                }
            }
        }
    }

    /** Creates the trigger file where the JVM looks for it; returns it, or null if one was there already. */
    private static Path createTrigger(Target t) {
        IOException last = null;
        for (Path p : t.triggerFiles()) {
            try {
                Files.createFile(p);
                return p;
            } catch (FileAlreadyExistsException e) {
                return null; // another attach is under way; it will remove the file
            } catch (IOException e) {
                last = e;
            }
        }
        throw new AttachRefused("pid " + t.pid() + " has no attach socket and xray cannot create "
                + t.triggerFiles().get(0).getFileName() + " in its working directory or /tmp ("
                + (last == null ? "no place to try" : last.getMessage()) + ")");
    }

    /** Java has no kill(2); the kill(1) of procps sends the one signal. */
    private static void signalQuit(int pid, Deadline deadline) {
        try {
            Process p = new ProcessBuilder("kill", "-QUIT", Integer.toString(pid))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AttachRefused("kill -QUIT " + pid + " did not finish within " + deadline.budget());
            }
            if (p.exitValue() != 0) {
                String out = new String(p.getInputStream().readAllBytes()).strip();
                throw new AttachRefused("kill -QUIT " + pid + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AttachRefused("cannot run kill(1) to start the attach listener of pid " + pid + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachRefused("interrupted while starting the attach listener of pid " + pid);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachRefused("interrupted while waiting for an attach socket");
        }
    }
}
