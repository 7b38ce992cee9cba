package xray.collect;

import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * xray's own pid on the live host, or null (a snapshot has no xray in it). xray leaves itself out
     * of its process lists: it is not a workload of the host it looks at.
     */
    public static Integer self(KernelFs fs) {
        return fs.isLive() ? (int) ProcessHandle.current().pid() : null;
    }

    /** The status of {@code pid}, or null when it is gone (or unreadable, which warns). */
    public ProcStatus status(int pid) {
        return r.read(fs.path("/proc/" + pid + "/status"), t -> StatusFile.parse(pid, t));
    }

    public List<ProcStatus> statuses(Collection<Integer> pids) {
        List<ProcStatus> out = new ArrayList<>(pids.size());
        for (int pid : pids) {
            ProcStatus s = status(pid);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
