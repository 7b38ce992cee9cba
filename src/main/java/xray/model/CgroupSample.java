package xray.model;

import java.util.List;
import java.util.Map;

/**
 * What was read from one cgroup directory, before any formula: counters by their kernel names.
 * Absent values are null. v1 files are mapped to these slots by the reader
 * ({@code memory.usage_in_bytes} → current, {@code memory.max_usage_in_bytes} → peak, ...).
 *
 * @param path        the cgroup path as the kernel names it ("/" for the root shown)
 * @param v1          read from a cgroup v1 memory hierarchy
 * @param current     memory.current / memory.usage_in_bytes
 * @param peak        memory.peak / memory.max_usage_in_bytes
 * @param max         memory.max / memory.limit_in_bytes
 * @param high        memory.high (v2 only)
 * @param softLimit   memory.soft_limit_in_bytes (v1 only)
 * @param low         memory.low (v2 only)
 * @param min         memory.min (v2 only)
 * @param swapCurrent memory.swap.current (v2) or total_swap from memory.stat (v1)
 * @param kmemUsage   memory.kmem.usage_in_bytes (v1 only)
 * @param stat        memory.stat by key (the {@link StatKey} keys); on v1 the hierarchical total_* keys
 *                    without the prefix
 * @param events      memory.events by key (v2), or memory.oom_control (v1)
 * @param pressure    memory.pressure (v2; on hybrid hosts from the same path in the cgroup2 tree)
 * @param procs       pids in cgroup.procs (this cgroup only), or null when unreadable
 */
public record CgroupSample(
        String path,
        boolean v1,
        Long current,
        Long peak,
        Limit max,
        Limit high,
        Limit softLimit,
        Limit low,
        Limit min,
        Long swapCurrent,
        Long kmemUsage,
        Map<String, Long> stat,
        Map<String, Long> events,
        Pressure pressure,
        List<Integer> procs) {

    public CgroupSample {
        // The readers hand over unmodifiable maps and lists; copying 10,000 of them would double a scan.
        stat = stat == null ? null : java.util.Collections.unmodifiableMap(stat);
        events = events == null ? null : java.util.Collections.unmodifiableMap(events);
        procs = procs == null ? null : java.util.Collections.unmodifiableList(procs);
    }

    /** A memory.stat key, or null when the file, the key, or the key on this cgroup version is absent. */
    public Long stat(StatKey key) {
        String name = key.name(v1);
        return stat == null || name == null ? null : stat.get(name);
    }

    /**
     * The file refault counter this kernel has: workingset_refault_file (5.9+), else the one
     * workingset_refault, which counted file pages only.
     */
    public Long refaultsFile() {
        Long file = stat(StatKey.WORKINGSET_REFAULT_FILE);
        return file != null ? file : stat(StatKey.WORKINGSET_REFAULT);
    }

    /** A memory.events key, or null. */
    public Long event(String key) {
        return events == null ? null : events.get(key);
    }
}
