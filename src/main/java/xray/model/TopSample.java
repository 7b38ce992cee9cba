package xray.model;

import java.util.List;
import java.util.Map;

/**
 * One reading of the host for {@code xray top}: counters as read, at one moment. Rates come only
 * from two of these and the clock between them (xray.analysis.LiveRates).
 *
 * @param nanos       when it was read, on the monotonic clock ({@code System.nanoTime})
 * @param epochMillis when it was read, on the wall clock (the {@code time} of a frame)
 * @param vmstat      the /proc/vmstat counters xray uses (workingset_refault_file, _anon, or the one
 *                    workingset_refault of kernels before 5.9), by key; empty when unreadable
 * @param layout      how cgroups are mounted
 * @param cgroups     every memory cgroup as read, parent before children (the walked mount's top first)
 * @param inodes      each cgroup directory's inode, by path: a cgroup made again under the same name
 *                    between two readings has another one (empty when the file system does not say)
 * @param own         what xray itself uses
 */
public record TopSample(long nanos, long epochMillis, HostSample host, Map<String, Long> vmstat, CgroupLayout layout,
                        List<CgroupSample> cgroups, Map<String, Long> inodes, OwnUsage own) {
    public TopSample {
        vmstat = Map.copyOf(vmstat);
        cgroups = List.copyOf(cgroups);
        inodes = Map.copyOf(inodes);
    }

    /**
     * xray's own use of the machine: CPU time in nanoseconds (utime + stime of /proc/self/stat, which
     * counts in ticks of 10 ms) and resident memory (VmRSS); null when unreadable.
     */
    public record OwnUsage(Long cpuNanos, Long rss) {
        public static final OwnUsage UNKNOWN = new OwnUsage(null, null);
    }
}
