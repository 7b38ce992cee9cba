package xray.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xray.kernel.KernelFs;
import xray.kernel.Passwd;
import xray.model.CgroupLayout;
import xray.model.CgroupSample;
import xray.model.ProcessSample;
import xray.model.PsSample;

/** Reads what {@code xray ps} shows: the processes that match, and KSM's savings. */
public final class PsCollector {
    private PsCollector() {
    }

    /** A --user that names nobody: not in /etc/passwd and not a number. */
    public static final class UnknownUser extends RuntimeException {
        public UnknownUser(String message) {
            super(message, null, false, false);
        }
    }

    public static PsSample collect(KernelFs fs, PsSample.Options options, Warnings warnings) {
        return collect(fs, null, options, warnings);
    }

    /** The same, with the cgroup layout the caller read already (null: read it here). */
    public static PsSample collect(KernelFs fs, CgroupLayout known, PsSample.Options options, Warnings warnings) {
        if (HostCollector.notLinux(fs)) {
            throw new HostCollector.Unreadable("xray ps reads /proc: Linux only");
        }
        if (!fs.exists(fs.path("/proc/self")) && !fs.exists(fs.path("/proc/1"))) {
            throw new HostCollector.Unreadable(fs.path("/proc") + ": no processes; is " + fs + " a Linux root?");
        }
        Map<Integer, String> users = Passwd.read(fs);
        String user = options.user();
        if (user != null && !user.chars().allMatch(Character::isDigit) && !users.containsValue(user)) {
            throw new UnknownUser("no user '" + user + "' in " + fs.path("/etc/passwd"));
        }
        CgroupLayout layout = known != null ? known : MemCollector.layout(fs, warnings);
        List<ProcessSample> processes = new ProcessScan(fs, options, layout, users, warnings).scan();
        Reader r = new Reader(fs, warnings);
        return new PsSample(options, processes, HostCollector.ksm(fs, r, warnings),
                fs.isLive() ? ProcessCollector.ownEuid() : null);
    }

    /**
     * The processes that are members of these cgroups (their cgroup.procs), each read as {@code xray
     * ps} reads one (status, cgroup, command line; no PSS), by pid; xray itself is left out.
     */
    public static List<ProcessSample> members(KernelFs fs, CgroupLayout layout, List<CgroupSample> cgroups,
                                              Warnings warnings) {
        Integer self = ProcessCollector.self(fs);
        java.util.TreeSet<Integer> pids = new java.util.TreeSet<>();
        for (CgroupSample cg : cgroups) {
            if (cg.procs() != null) {
                pids.addAll(cg.procs());
            }
        }
        if (self != null) {
            pids.remove(self);
        }
        ProcessScan scan = new ProcessScan(fs, new PsSample.Options(false, Long.MAX_VALUE, true, null, null),
                layout, Passwd.read(fs), warnings);
        List<ProcessSample> out = new ArrayList<>(pids.size());
        for (int pid : pids) {
            ProcessSample p = scan.read(pid);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
