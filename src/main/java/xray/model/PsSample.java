package xray.model;

import java.util.List;

/**
 * What {@code xray ps} read, before any formula: the processes that match, and KSM's savings.
 *
 * @param processes every matching process, in pid order
 * @param ksm       bytes KSM saves, or null when it is off or absent
 * @param selfEuid  the effective uid xray runs as on the live host, else null (a snapshot)
 */
public record PsSample(Options options, List<ProcessSample> processes, Long ksm, Integer selfEuid) {

    /**
     * What to read.
     *
     * @param pss           read smaps_rollup (PSS, USS): walks each process's page tables
     * @param pssMaxRss     processes with a larger VmRSS are not walked
     * @param kernelThreads include kernel threads (and zombies): they have no memory of their own
     * @param user          only this user's processes (a name or a uid), or null
     * @param cgroup        only processes in this cgroup or below (a path), or null
     */
    public record Options(boolean pss, long pssMaxRss, boolean kernelThreads, String user, String cgroup) {
    }

    public PsSample {
        processes = List.copyOf(processes);
    }
}
