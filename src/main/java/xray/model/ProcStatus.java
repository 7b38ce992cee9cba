package xray.model;

import java.util.List;

/**
 * What {@code /proc/PID/status} says about a process, in bytes (null where the kernel lacks the
 * key: kernel threads have no Vm* or Rss* lines).
 *
 * @param uids   real, effective, saved and filesystem uid
 * @param nspid  the pid in each nested pid namespace, outermost first (the last is the pid the
 *               process sees for itself)
 * @param sigCgt the bit mask of caught signals (bit n−1 for signal n), or null
 * @param tgid   the thread group (the process a thread belongs to; the pid itself for a process)
 * @param state  the State letter (R, S, D, T, t, Z, …), or null
 */
public record ProcStatus(
        int pid,
        String name,
        List<Integer> uids,
        List<Integer> nspid,
        Long vmRss,
        Long rssAnon,
        Long rssFile,
        Long rssShmem,
        Long vmSwap,
        Long vmPte,
        Long sigCgt,
        int threads,
        int tgid,
        String state) {

    public ProcStatus {
        uids = List.copyOf(uids);
        nspid = List.copyOf(nspid);
    }

    /** Effective uid, or null. */
    public Integer euid() {
        return uids.size() > 1 ? uids.get(1) : null;
    }

    /** The pid inside the innermost pid namespace (the last NSpid field), or the pid itself. */
    public int innermostPid() {
        return nspid.isEmpty() ? pid : nspid.get(nspid.size() - 1);
    }

    /** True for kernel threads: no user memory at all. */
    public boolean isKernelThread() {
        return vmRss == null && rssAnon == null;
    }
}
