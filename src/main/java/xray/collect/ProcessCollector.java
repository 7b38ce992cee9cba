package xray.collect;

import java.util.ArrayList;
import java.util.List;
import xray.kernel.KernelFs;
import xray.kernel.StatusFile;
import xray.model.ProcStatus;

/** Reads /proc/PID/status for processes; processes that exit during the read are skipped. */
public final class ProcessCollector {
    private final Reader r;
    private final KernelFs fs;

    public ProcessCollector(KernelFs fs, Warnings warnings) {
        this.fs = fs;
        this.r = new Reader(fs, warnings);
    }

    /** The pids /proc lists, in pid order (the names that are numbers a pid can be; the rest is not a process). */
    public static List<Integer> pids(KernelFs fs) {
        List<Integer> out = new ArrayList<>();
        for (String name : fs.list(fs.path("/proc"))) { // not list(dir, keep): a capture keeps those lists as names
            if (KernelFs.isPid(name)) {
                out.add(Integer.parseInt(name));
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * xray's own pid on the live host, or null (a snapshot has no xray in it). xray leaves itself out
     * of its process lists: it is not a workload of the host it looks at.
     */
    public static Integer self(KernelFs fs) {
        return fs.isLive() ? (int) ProcessHandle.current().pid() : null;
    }

    /** The status of {@code pid}, or null when it is gone (or unreadable, which warns). */
    ProcStatus status(int pid) {
        return r.read(fs.path("/proc/" + pid), "status", t -> StatusFile.parse(pid, t)); // printed in one piece
    }

    /**
     * The effective uid xray itself runs as, from the live /proc/self/status (whatever --root says:
     * it is this process), else from the user's name when that is root; null when unknown.
     */
    public static Integer ownEuid() {
        try {
            Integer euid = KernelFs.live().read("/proc/self/status").map(t -> StatusFile.parse(0, t).euid()).orElse(null);
            if (euid != null) {
                return euid;
            }
        } catch (xray.kernel.FileProblem | xray.kernel.Malformed e) {
            // not Linux, or no /proc: go by the name
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : null;
    }
}
