package xray.model;

/**
 * The host numbers of MEMORY-MODEL.md, in bytes (null where /proc/meminfo lacks what a formula
 * needs). Computed only by {@code xray.analysis.MemoryModel}.
 *
 * @param memAvailableEstimated true when MemAvailable is absent (before 3.14) and was estimated
 * @param inUse                 MemTotal − MemFree: what the host has in use
 * @param swapUsed              SwapTotal − SwapFree
 * @param reclaimable           inUse − realCost: cache and reclaimable kernel memory, given back when asked
 * @param coldCache             max(0, inUse − realCost − hotCache): cache and reclaimable kernel memory kept
 *                              only because nothing else wants the RAM
 */
public record HostMemory(
        Long memTotal,
        Long memFree,
        Long memAvailable,
        boolean memAvailableEstimated,
        Long buffers,
        Long cached,
        Long buffCache,
        Long used,
        Long anon,
        Long shmem,
        Long activeFile,
        Long inactiveFile,
        Long sReclaimable,
        Long swapTotal,
        Long swapFree,
        Long realCost,
        Long inUse,
        Long swapUsed,
        Long reclaimable,
        Long coldCache) {
    /** Active(file): page cache used recently (the host's hot cache, as a cgroup's is its active_file). */
    public Long hotCache() {
        return activeFile;
    }
}
