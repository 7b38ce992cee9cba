package xray.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import xray.kernel.Cmdline;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.KeyedValues;
import xray.kernel.Malformed;
import xray.kernel.Passwd;
import xray.kernel.ProcCgroup;
import xray.kernel.SmapsRollup;
import xray.kernel.StatusFile;
import xray.model.Bytes;
import xray.model.CgroupLayout;
import xray.model.CgroupPath;
import xray.model.ProcSmaps;
import xray.model.ProcStatus;
import xray.model.ProcessSample;
import xray.model.PsSample;
import xray.model.PssRead;

/**
 * Reads every process under /proc: status, cgroup, cmdline, and with PSS smaps_rollup. A process
 * that exits during the scan is left out without a word; an unreadable smaps_rollup (another
 * user's process) is counted, not warned about.
 */
final class ProcessScan {
    private final KernelFs fs;
    private final Reader r;
    private final Warnings warnings;
    private final PsSample.Options options;
    private final CgroupLayout layout;
    private final Map<Integer, String> users;
    private final Set<Integer> hsperfdata;
    private final boolean kernelHasRollup;

    ProcessScan(KernelFs fs, PsSample.Options options, CgroupLayout layout, Map<Integer, String> users,
                Warnings warnings) {
        this.fs = fs;
        this.r = new Reader(fs, warnings);
        this.warnings = warnings;
        this.options = options;
        this.layout = layout;
        this.users = users;
        this.hsperfdata = hsperfdataPids();
        this.kernelHasRollup = fs.isLive() && fs.exists(fs.path("/proc/self/smaps_rollup"));
    }

    /** Every process that matches the options, in pid order. */
    List<ProcessSample> scan() {
        List<Integer> pids = ProcessCollector.pids(fs);
        pids.remove(ProcessCollector.self(fs)); // xray itself is no workload
        ProcessSample[] found = new ProcessSample[pids.size()];
        IntStream.range(0, found.length).parallel().forEach(i -> found[i] = read(pids.get(i)));
        List<ProcessSample> out = new ArrayList<>(found.length);
        for (ProcessSample p : found) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * One process, or null when it is gone or filtered out. A process that exits at any step
     * (a file absent, ESRCH) is skipped without a word and counted for -v; files this user may not
     * read are counted for the summary line.
     */
    ProcessSample read(int pid) {
        String dir = "/proc/" + pid;
        ProcStatus status;
        try {
            Optional<String> text = fs.read(fs.path(dir), "status");
            if (text.isEmpty()) {
                return gone();
            }
            status = StatusFile.parse(pid, text.get());
        } catch (FileProblem p) {
            warnings.add(p);
            return null;
        } catch (Malformed m) {
            warnings.add(FileProblem.malformed(fs.path(dir + "/status"), m));
            return null;
        }
        if (status.isKernelThread() && !options.kernelThreads()) {
            return null;
        }
        String user = Passwd.name(users, status.euid());
        if (options.user() != null && !options.user().equals(user)
                && !options.user().equals(String.valueOf(status.euid()))) {
            return null;
        }
        String cgroup = null;
        List<String> argv = List.of();
        try {
            Optional<String> cgroupText = fs.read(fs.path(dir + "/cgroup"));
            if (cgroupText.isEmpty()) {
                return gone();
            }
            cgroup = cgroupPath(fs.path(dir + "/cgroup"), cgroupText.get());
        } catch (FileProblem p) {
            warnings.add(p);
        }
        if (options.cgroup() != null && !CgroupPath.under(cgroup, options.cgroup())) {
            return null;
        }
        try {
            Optional<byte[]> cmdline = fs.readBytes(fs.path(dir + "/cmdline"));
            if (cmdline.isEmpty()) {
                return gone();
            }
            argv = Cmdline.parse(cmdline.get());
        } catch (FileProblem p) {
            warnings.add(p);
        }
        boolean jvm = !status.isKernelThread() && isJvm(status);

        ProcSmaps smaps = null;
        PssRead pss = PssRead.NOT_ASKED;
        if (options.pss() && !status.isKernelThread()) {
            if (status.vmRss() != null && status.vmRss() > options.pssMaxRss()) {
                pss = PssRead.TOO_BIG;
            } else {
                Path file = fs.path(dir + "/smaps_rollup");
                try {
                    Optional<String> text = fs.read(fs.path(dir), "smaps_rollup");
                    if (text.isEmpty() && !hasRollup(dir)) {
                        pss = PssRead.NO_ROLLUP; // this kernel (or snapshot) has none: before 4.14
                    } else if (text.isEmpty() || text.get().isEmpty()) {
                        return gone(); // exited, or exiting (its memory already released)
                    } else {
                        smaps = rollup(file, text.get());
                        pss = smaps == null ? PssRead.FAILED : PssRead.READ;
                    }
                } catch (FileProblem p) {
                    pss = switch (p.kind()) {
                        case NOT_PERMITTED -> PssRead.DENIED;
                        case NOT_SUPPORTED, ABSENT -> PssRead.NO_ROLLUP;
                        case MALFORMED, IO_ERROR -> {
                            warnings.add(p);
                            yield PssRead.FAILED;
                        }
                    };
                }
            }
        }
        return new ProcessSample(status, user, cgroup, argv, smaps, pss, jvm);
    }

    /**
     * Whether an absent smaps_rollup means the process went away. On the live host: when the kernel
     * has the file at all (/proc/self has one); in a snapshot, which does not change, when the
     * process's status is gone too.
     */
    private boolean hasRollup(String dir) {
        return fs.isLive() ? kernelHasRollup : !fs.exists(fs.path(dir + "/status"));
    }

    private ProcessSample gone() {
        warnings.gone("process");
        return null;
    }

    /** The rollup, or null (with a warning) when it lacks Rss or Pss or says what cannot be: PSS above RSS. */
    private ProcSmaps rollup(Path file, String text) {
        KeyedValues kv = SmapsRollup.parse(text);
        for (String p : kv.problems()) {
            warnings.add(file + ": " + p);
        }
        try {
            ProcSmaps sm = SmapsRollup.of(kv);
            if (sm.pss() > sm.rss() || sm.pss() < 0 || sm.rss() < 0) {
                warnings.add(file + ": Pss " + Bytes.human(sm.pss()) + " is more than Rss " + Bytes.human(sm.rss())
                        + ", which cannot be; shown as absent");
                return null;
            }
            return sm;
        } catch (Malformed m) {
            warnings.add(file + ": " + m.getMessage());
            return null;
        }
    }

    /**
     * The memory cgroup: the v1 memory hierarchy on v1 and hybrid hosts, the unified one on v2
     * (and wherever the other is missing: a v1 host without a memory line, a bare snapshot).
     */
    private String cgroupPath(Path file, String text) {
        List<ProcCgroup.Membership> ms;
        try {
            ms = ProcCgroup.parse(text);
        } catch (Malformed m) {
            warnings.add(file + ": " + m.getMessage());
            return null;
        }
        String v1 = ProcCgroup.v1Path(ms, "memory");
        String unified = ProcCgroup.unifiedPath(ms);
        if (layout.memoryIsV1()) {
            return v1 != null ? v1 : unified;
        }
        return unified != null ? unified : v1;
    }

    /**
     * A JVM writes /tmp/hsperfdata_USER/PID (unless -XX:-UsePerfData) and maps libjvm.so. It always
     * runs several threads (VM Thread, Reference Handler, Finalizer, Signal Dispatcher, ...), so
     * the maps of a process with fewer are not read: that keeps the check cheap on hosts full of
     * single-threaded processes.
     */
    private boolean isJvm(ProcStatus status) {
        if (hsperfdata.contains(status.pid())) {
            return true;
        }
        if (status.threads() < JVM_MIN_THREADS) {
            return false;
        }
        try {
            Optional<String> maps = fs.read(fs.path("/proc/" + status.pid() + "/maps"));
            return maps.isPresent() && PerfIndex.mapsHotSpot(maps.get());
        } catch (FileProblem p) {
            return false; // another user's process: only root may read its maps
        }
    }

    /** Fewer threads than any JVM runs: main, VM Thread, Reference Handler, Finalizer, Signal Dispatcher. */
    static final int JVM_MIN_THREADS = 5;

    private Set<Integer> hsperfdataPids() {
        return PerfIndex.list(fs, fs.path("/tmp")).keySet();
    }
}
