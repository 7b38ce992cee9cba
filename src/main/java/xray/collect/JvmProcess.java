package xray.collect;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xray.kernel.Cmdline;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Lstat;
import xray.kernel.Malformed;
import xray.kernel.StatusFile;
import xray.jvm.HotSpotAttach;
import xray.jvm.PerfData;
import xray.model.ProcStatus;

/**
 * What /proc says about a process in JVM terms, read without talking to it: whether it is a JVM
 * (libjvm.so mapped, an hsperfdata file, or a launcher named java), its hsperfdata counters, where
 * its attach socket is, whether it catches SIGQUIT, and its namespaces.
 *
 * @param kind      what the process is, as far as /proc shows
 * @param tgid      the process the pid belongs to (another number when the pid is one of its threads)
 * @param state     the State letter of /proc/PID/status ("S", "T", ...)
 * @param perfFile  its hsperfdata file as seen from here, or null
 * @param perf      the counters in it, or null
 * @param perfProblem why an hsperfdata file named after it could not be used (malformed, too large,
 *                  another user's, a link), or null
 * @param command   /proc/PID/cmdline split at NUL
 * @param netNs     the network namespace link ("net:[4026531840]"), or null when unreadable
 */
public record JvmProcess(ProcStatus status, int tgid, Kind kind, String state, Path perfFile, PerfData perf,
                         String perfProblem, List<String> command, String netNs, String mntNs, boolean attachDisabled,
                         KernelFs fs) {

    /** HotSpot, OpenJ9 (another attach protocol), looks like a JVM (java launcher, maps unreadable), or not. */
    public enum Kind { HOTSPOT, OPENJ9, LIKELY_JVM, NOT_JVM }

    /** SIGQUIT is signal 3: bit 2 of SigCgt. */
    static final long SIGQUIT_MASK = 0x4;
    static final String DISABLE_ATTACH = "-XX:+DisableAttachMechanism";

    public int pid() {
        return status.pid();
    }

    public int nspid() {
        return status.innermostPid();
    }

    public boolean isJvm() {
        return kind != Kind.NOT_JVM;
    }

    /** The process is stopped (SIGSTOP, job control) or traced at a stop. */
    public boolean stopped() {
        return stopped(state);
    }

    static boolean stopped(String state) {
        return "T".equals(state) || "t".equals(state);
    }

    /**
     * The State letter of /proc/PID/status as it is now: "" when it cannot be told (garbled), null
     * when the process is gone. What an audit that ran out of time asks (is the JVM stopped?).
     */
    static String stateNow(KernelFs fs, int pid) {
        Optional<String> text = fs.read(fs.path("/proc/" + pid), "status");
        if (text.isEmpty()) {
            return null;
        }
        try {
            String s = StatusFile.parse(pid, text.get()).state();
            return s == null ? "" : s;
        } catch (Malformed m) {
            return "";
        }
    }

    public boolean catchesQuit() {
        return status.sigCgt() != null && (status.sigCgt() & SIGQUIT_MASK) != 0;
    }

    /** The attach socket inside the JVM's own mount namespace, reached through /proc/PID/root. */
    public Path socket() {
        return fs.path("/proc/" + pid() + "/root/tmp/.java_pid" + nspid());
    }

    /** What the attach client needs to know of this process; {@code users} names uids in its sentences. */
    public HotSpotAttach.Target attachTarget(Map<Integer, String> users) {
        String trigger = ".attach_pid" + nspid();
        return new HotSpotAttach.Target(pid(), nspid(), socket(),
                List.of(fs.path("/proc/" + pid() + "/cwd/" + trigger), fs.path("/proc/" + pid() + "/root/tmp/" + trigger)),
                status.euid(), users, catchesQuit(), kind == Kind.HOTSPOT, stopped());
    }

    /** The main class or jar: from hsperfdata, else from the command line; null if neither says. */
    public String mainClass() {
        String main = mainFromPerf(perf);
        return main != null ? main : mainFromCommandLine(command);
    }

    /** The main class or jar as the launcher told the perf data (sun.rt.javaCommand), or null. */
    static String mainFromPerf(PerfData perf) {
        String cmd = perf == null ? null : perf.javaCommand();
        return cmd == null || cmd.isBlank() ? null : cmd.trim().split("\\s+")[0];
    }

    /**
     * The first argument of a java command line that is not an option: the main class, or the jar
     * after -jar, or the module after -m.
     * <pre>java -Xmx1g -cp app.jar:lib/* com.example.Main --port 8080 → com.example.Main</pre>
     */
    static String mainFromCommandLine(List<String> argv) {
        if (argv.isEmpty()) {
            return null;
        }
        List<String> withValue = List.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
                "--add-modules", "--add-opens", "--add-exports", "--add-reads", "--limit-modules",
                "--upgrade-module-path", "--patch-module", "--enable-native-access");
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
                return i + 1 < argv.size() ? argv.get(i + 1) : null;
            }
            if (withValue.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The process, or null when there is no such pid (or it exited while being read).
     *
     * @param thorough read /proc/PID/maps even when nothing else suggests a JVM (one pid asked for);
     *                 a scan of every process reads it only for those with hsperfdata or named java
     */
    static JvmProcess read(KernelFs fs, int pid, PerfIndex perfIndex, boolean thorough, Warnings warnings) {
        Optional<String> statusText = fs.read(fs.path("/proc/" + pid), "status");
        if (statusText.isEmpty()) {
            return null;
        }
        ProcStatus st;
        try {
            st = StatusFile.parse(pid, statusText.get());
        } catch (Malformed m) {
            warnings.add(fs.path("/proc/" + pid + "/status") + ": " + m.getMessage());
            return null;
        }
        int tgid = st.tgid();
        if (st.isKernelThread() || tgid != pid) {
            return new JvmProcess(st, tgid, Kind.NOT_JVM, st.state(), null, null, null, List.of(), null, null, false,
                    fs);
        }
        List<String> command = cmdline(fs, pid);
        String mntNs = link(fs, "/proc/" + pid + "/ns/mnt");
        PerfRead perfRead = findPerf(fs, pid, st, mntNs, perfIndex);
        PerfData perf = perfRead.perf();
        Kind kind = thorough || perf != null || namedJava(st, command) ? kind(fs, pid, st, command, perf != null)
                : Kind.NOT_JVM;
        boolean disabled = false;
        if (kind != Kind.NOT_JVM) {
            disabled = perf != null && Boolean.FALSE.equals(perf.attachSupported())
                    || command.contains(DISABLE_ATTACH) || environmentDisablesAttach(fs, pid);
        }
        return new JvmProcess(st, tgid, kind, st.state(), perfRead.file(), perf, perfRead.problem(), command,
                link(fs, "/proc/" + pid + "/ns/net"), mntNs, disabled, fs);
    }

    /**
     * The process's hsperfdata among the files {@code index} finds for it (its /tmp as it sees it,
     * under its own and its namespace pid): the JVM's own file, else the first problem met.
     */
    static PerfRead findPerf(KernelFs fs, int pid, ProcStatus st, String mntNs, PerfIndex index) {
        PerfRead found = PerfRead.NONE;
        for (Path file : index.find(fs, pid, mntNs, st.innermostPid())) {
            PerfRead r = perfData(fs, file, st.euid());
            if (r.perf() != null || found.problem() == null) {
                found = r;
            }
            if (r.perf() != null) {
                break;
            }
        }
        return found;
    }

    static List<String> cmdline(KernelFs fs, int pid) {
        try {
            Optional<byte[]> raw = fs.readBytes(fs.path("/proc/" + pid + "/cmdline"));
            if (raw.isEmpty() || raw.get().length == 0) {
                return List.of();
            }
            return Cmdline.parse(raw.get());
        } catch (FileProblem e) {
            return List.of();
        }
    }

    private static String link(KernelFs fs, String path) {
        try {
            return fs.readLink(fs.path(path)).orElse(null);
        } catch (FileProblem e) {
            return null; // another user's process: no access to its namespaces
        }
    }

    /** What reading one hsperfdata file gave: the file and its counters, or why they cannot be used. */
    record PerfRead(Path file, PerfData perf, String problem) {
        static final PerfRead NONE = new PerfRead(null, null, null);
    }

    /** Real files are 32 or 64 KiB (-XX:PerfDataMemorySize); none is this large. */
    static final int PERF_DATA_MAX = 8 << 20;

    /**
     * One hsperfdata file, read as what it is: written by the JVM's user, in a directory any user
     * can make. It is used only when it is a regular file (never through a link), of at most
     * {@value #PERF_DATA_MAX} bytes, and, on the live host, owned by the process's effective uid;
     * every offset in it is checked ({@link PerfData#parse}). Another user's file that xray may not
     * read is no problem, just absent.
     */
    static PerfRead perfData(KernelFs fs, Path file, Integer euid) {
        try {
            Optional<Lstat> st = Lstat.of(file);
            if (st.isEmpty()) {
                return PerfRead.NONE;
            }
            Lstat s = st.get();
            if (s.kind() != Lstat.Kind.FILE) {
                return new PerfRead(file, null, file + " is " + s.kindWords() + ", not a file");
            }
            if (fs.isLive() && s.uid() != null && euid != null && !s.uid().equals(euid)) {
                return new PerfRead(file, null, file + " belongs to uid " + s.uid() + ", not to the JVM's uid " + euid);
            }
            if (s.size() > PERF_DATA_MAX) {
                return new PerfRead(file, null, file + " has " + s.size() + " bytes, more than perf data ever has");
            }
            Optional<Lstat.Read> read = Lstat.readAtMost(file, PERF_DATA_MAX);
            if (read.isEmpty()) {
                return PerfRead.NONE;
            }
            if (read.get().tooLong()) {
                return new PerfRead(file, null, file + " grew past " + (PERF_DATA_MAX >> 20) + " MiB while being read");
            }
            return new PerfRead(file, PerfData.parse(read.get().bytes()), null);
        } catch (AccessDeniedException e) {
            return PerfRead.NONE; // hsperfdata is private to its user
        } catch (IOException e) {
            return new PerfRead(file, null, file + ": " + e.getMessage());
        } catch (Malformed m) {
            return new PerfRead(file, null, file + ": " + m.getMessage());
        }
    }

    /**
     * libjvm.so in /proc/PID/maps makes a HotSpot JVM (libj9vm an OpenJ9 one). When maps cannot be
     * read (another user's process), an hsperfdata file or a launcher named java is taken as a sign.
     */
    private static Kind kind(KernelFs fs, int pid, ProcStatus st, List<String> command, boolean hasPerf) {
        try {
            Optional<String> maps = fs.read("/proc/" + pid + "/maps");
            if (maps.isPresent()) {
                String m = maps.get();
                if (PerfIndex.mapsHotSpot(m)) {
                    return Kind.HOTSPOT;
                }
                if (m.contains("/libj9vm")) {
                    return Kind.OPENJ9;
                }
                return Kind.NOT_JVM;
            }
        } catch (FileProblem e) {
            // not readable: fall through to the weaker signs
        }
        if (hasPerf) {
            return Kind.HOTSPOT;
        }
        return namedJava(st, command) ? Kind.LIKELY_JVM : Kind.NOT_JVM;
    }

    private static boolean namedJava(ProcStatus st, List<String> command) {
        String argv0 = command.isEmpty() ? "" : command.get(0);
        return "java".equals(st.name()) || argv0.equals("java") || argv0.endsWith("/java");
    }

    /** -XX:+DisableAttachMechanism given through JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or _JAVA_OPTIONS. */
    private static boolean environmentDisablesAttach(KernelFs fs, int pid) {
        try {
            Optional<String> env = fs.read("/proc/" + pid + "/environ");
            if (env.isEmpty()) {
                return false;
            }
            for (String var : env.get().split("\0")) {
                if ((var.startsWith("JAVA_TOOL_OPTIONS=") || var.startsWith("JDK_JAVA_OPTIONS=")
                        || var.startsWith("_JAVA_OPTIONS=")) && var.contains(DISABLE_ATTACH)) {
                    return true;
                }
            }
        } catch (FileProblem e) {
            // not ours to read
        }
        return false;
    }
}
