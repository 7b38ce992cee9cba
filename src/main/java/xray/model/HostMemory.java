package xray.model;

/**
 * The host numbers of MEMORY-MODEL.md, in bytes (null where /proc/meminfo lacks the key).
 *
 * @param memAvailableEstimated true when MemAvailable is absent (before 3.14) and was estimated
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
        Long realCost) {
}
