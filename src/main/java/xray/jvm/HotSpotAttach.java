package xray.jvm;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import xray.kernel.Lstat;
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
 *
 * <p>Trust. /tmp is writable by every user, so what is found there may be planted. The socket is
 * used only when it is a socket owned by the JVM's effective uid that no other user may connect to
 * (the JDK's own client, run as root, accepts any owner); it is checked before every connection,
 * and one that fails is never connected to and never deleted. The trigger file is created with
 * O_EXCL (which never follows a link), as xray's own user (the JVM accepts a trigger of its own
 * user or root, and ignores any other), and removed only while it is still the file xray made.
 * Every reply is bounded in size ({@link #cap}) and time (the deadline).
 */
public final class HotSpotAttach {
    /**
     * What /proc says about the target before xray talks to it.
     *
     * @param socket       the attach socket as seen from here
     * @param triggerFiles where {@code .attach_pid<nspid>} may be created, in the order the JVM looks
     * @param euid         the JVM's effective uid (the Uid line of /proc/PID/status), null when unknown
     * @param users        user names by uid, for sentences
     * @param catchesQuit  SigCgt has SIGQUIT (mask 0x4)
     * @param hotspot      libjvm.so is mapped, or the JVM keeps an hsperfdata file
     * @param stopped      the process is stopped (state T or t)
     */
    public record Target(int pid, int nspid, Path socket, List<Path> triggerFiles, Integer euid,
                         Map<Integer, String> users, boolean catchesQuit, boolean hotspot, boolean stopped) {
        public Target {
            triggerFiles = List.copyOf(triggerFiles);
            users = Map.copyOf(users);
        }

        String user(Integer uid) {
            return uid == null ? "an unknown user" : users.getOrDefault(uid, "uid " + uid) + " (uid " + uid + ")";
        }
    }

    /** The answer to a diagnostic command; {@code cut} when it was longer than {@link #cap} allows. */
    public record Answer(String text, boolean cut) {
    }

    /**
     * The JVM took the request but did not answer before the deadline: the message names the
     * request, {@link #millis()} is how long xray waited for it. Not among {@link #runs()}.
     */
    public static final class NoAnswer extends RuntimeException {
        private final double millis;

        NoAnswer(String what, double millis) {
            super(what, null, false, false);
            this.millis = millis;
        }

        public double millis() {
            return millis;
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

    /** Finds or starts the attach listener of the target, trusting its socket only as the class says. */
    public static HotSpotAttach open(Target t, Deadline deadline) {
        refuseUntrusted(t); // before anything is sent or signalled
        if (present(t.socket())) {
            return new HotSpotAttach(t, deadline, false);
        }
        startListener(t, deadline);
        refuseUntrusted(t);
        return new HotSpotAttach(t, deadline, true);
    }

    /**
     * Why the attach socket is not to be trusted, as one sentence, or null when it is: it must be
     * a socket (not a link), owned by the JVM's effective uid, with no access for group or others,
     * in a /tmp that is a directory of the JVM's own namespace (not a link out of it). Null as well
     * when there is no socket.
     */
    public static String socketDistrust(Target t) {
        Path socket = t.socket();
        try {
            Optional<Lstat> tmp = Lstat.of(socket.getParent());
            if (tmp.isPresent() && tmp.get().kind() != Lstat.Kind.DIRECTORY) {
                return socket.getParent() + " is " + tmp.get().kindWords() + ", not a directory, so xray will not look"
                        + " for the attach socket of pid " + t.pid() + " through it";
            }
            Optional<Lstat> s = Lstat.of(socket);
            if (s.isEmpty()) {
                return null;
            }
            Lstat st = s.get();
            String jvm = "pid " + t.pid() + " runs as " + t.user(t.euid());
            if (st.kind() != Lstat.Kind.SOCKET) {
                return "the attach socket " + socket + " is " + st.kindWords() + ", not a socket (" + jvm
                        + "): it may be planted, so xray will not use it or remove it";
            }
            if (t.euid() == null || st.uid() == null || !st.uid().equals(t.euid())) {
                return "the attach socket " + socket + " belongs to " + t.user(st.uid()) + ", but " + jvm
                        + ": it may be planted, so xray will not connect to it or remove it";
            }
            if (st.groupOrOtherAccess()) {
                return "the attach socket " + socket + " has mode " + st.octal() + ": users other than its owner "
                        + t.user(st.uid()) + " may use it (a JVM makes it 0600), so xray will not connect to it";
            }
            return null;
        } catch (IOException e) {
            return "xray cannot check the attach socket " + socket + " of pid " + t.pid() + " (" + e.getMessage() + ")";
        }
    }

    private static void refuseUntrusted(Target t) {
        String why = socketDistrust(t);
        if (why != null) {
            throw new AttachRefused(why);
        }
    }

    /** True when something is at the path, a dangling link included. */
    private static boolean present(Path p) {
        try {
            return Lstat.of(p).isPresent();
        } catch (IOException e) {
            return true; // there, but unreadable: socketDistrust says why
        }
    }

    /** True when xray had to start the attach listener (SIGQUIT); false when it was already running. */
    public boolean startedListener() {
        return startedListener;
    }

    /** Runs a diagnostic command (what {@code jcmd PID <line>} runs) and returns its text, cut at {@link #cap}. */
    public Answer jcmd(String line) {
        AttachSocket.Reply r = request(cap(line), "jcmd", line);
        if (r.status() != 0) {
            String first = r.body().strip().lines().findFirst().orElse("status " + r.status());
            throw new CommandFailed(line + ": " + first);
        }
        return new Answer(r.body(), r.cut());
    }

    /** Runs a raw attach operation ({@code properties}, {@code agentProperties}) and returns its text. */
    public String operation(String name) {
        AttachSocket.Reply r = request(cap(name), name);
        if (r.status() != 0) {
            throw new CommandFailed(name + ": status " + r.status());
        }
        if (r.cut()) {
            throw new CommandFailed(name + ": the reply was longer than " + (cap(name) >> 20) + " MiB");
        }
        return r.body();
    }

    /** A class histogram lists every class, a thread dump every thread: the two large replies. */
    static final int HISTOGRAM_CAP = 64 << 20;
    static final int THREAD_DUMP_CAP = 32 << 20;
    /** VM.info prints the environment, the libraries and the GC history: large, but never this large. */
    static final int VM_INFO_CAP = 8 << 20;
    static final int OTHER_CAP = 1 << 20;

    /** The most xray reads of a reply to this command. */
    public static int cap(String command) {
        if (command.startsWith("GC.class_histogram")) {
            return HISTOGRAM_CAP;
        }
        if (command.startsWith("Thread.print")) {
            return THREAD_DUMP_CAP;
        }
        return command.startsWith("VM.info") ? VM_INFO_CAP : OTHER_CAP;
    }

    /** The requests answered so far, in order, with how long each took. */
    public synchronized List<CommandRun> runs() {
        return List.copyOf(runs);
    }

    private AttachSocket.Reply request(int cap, String command, String... args) {
        String label = args.length == 0 ? command : args[0];
        refuseUntrusted(target); // before every connection: the socket may have been swapped since
        long t0 = System.nanoTime();
        try {
            AttachSocket.Reply r = AttachSocket.request(target.socket(), deadline, cap, command, args);
            record(label, t0);
            return r;
        } catch (AttachSocket.NoAnswer e) {
            throw new NoAnswer(label, (System.nanoTime() - t0) / 1e6);
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
        Trigger trigger = createTrigger(t);
        try {
            signalQuit(t.pid(), deadline);
            long sleep = 2;
            while (!present(t.socket())) {
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
                trigger.remove();
            }
        }
    }

    /** The trigger file xray made, and what identifies it, so that only that file is ever removed. */
    private record Trigger(Path path, Object key) {
        void remove() {
            try {
                Optional<Lstat> now = Lstat.of(path);
                if (now.isPresent() && now.get().key() != null && now.get().key().equals(key)) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                // the JVM or the directory's owner removed or replaced it: not xray's to touch any more
            }
        }
    }

    /**
     * Creates the trigger file. The JVM looks in its working directory, then in its /tmp, reads the
     * first one it finds, and starts its listener only when that file belongs to its own user or
     * root: another user's file found first would turn the signal into a thread dump, so xray
     * refuses then. A trigger of the JVM's user or root there already is another attach under way
     * (its maker removes it): null. Otherwise xray makes one in /tmp, whose sticky bit keeps other
     * users from replacing it (and the application's directory is left alone), or in the working
     * directory when /tmp will not take it.
     */
    private static Trigger createTrigger(Target t) {
        for (Path p : t.triggerFiles()) { // the JVM's order
            Optional<Lstat> there;
            try {
                there = Lstat.of(p);
            } catch (IOException e) {
                continue; // not readable from here: the JVM's own look decides
            }
            if (there.isEmpty()) {
                continue;
            }
            return anotherAttach(t, p, there.get());
        }
        List<Path> preferred = new ArrayList<>(t.triggerFiles());
        java.util.Collections.reverse(preferred);
        IOException last = null;
        for (Path p : preferred) {
            try {
                Files.createFile(p); // O_CREAT|O_EXCL: fails on anything there, a dangling link included
                return new Trigger(p, Lstat.of(p).map(Lstat::key).orElse(null));
            } catch (FileAlreadyExistsException e) {
                try { // made a moment ago: by another attach, or planted
                    Optional<Lstat> now = Lstat.of(p);
                    if (now.isPresent()) {
                        return anotherAttach(t, p, now.get());
                    }
                } catch (IOException again) {
                    last = again;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new AttachRefused("pid " + t.pid() + " has no attach socket and xray cannot create "
                + t.triggerFiles().get(0).getFileName() + " in its /tmp or its working directory ("
                + (last == null ? "no place to try" : last.getMessage()) + ")");
    }

    /**
     * A trigger xray did not make: null when it is a file of the JVM's user or root (another attach
     * under way, whose maker removes it), else the refusal.
     */
    private static Trigger anotherAttach(Target t, Path p, Lstat st) {
        if (st.kind() == Lstat.Kind.FILE && st.uid() != null && (st.uid() == 0 || st.uid().equals(t.euid()))) {
            return null;
        }
        throw new AttachRefused("pid " + t.pid() + " has no attach socket, and " + p + " is " + st.kindWords()
                + " of " + t.user(st.uid()) + " that xray did not make; the JVM runs as " + t.user(t.euid())
                + " and would not start its listener on it, so xray will not signal it");
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
