package xray.model;

/**
 * What {@code /proc/PID/smaps_rollup} says about a process, in bytes; null where the kernel has
 * no such key (Pss_Anon, Pss_File and Pss_Shmem before 5.7).
 */
public record ProcSmaps(
        Long rss,
        Long pss,
        Long pssAnon,
        Long pssFile,
        Long pssShmem,
        Long sharedClean,
        Long sharedDirty,
        Long privateClean,
        Long privateDirty,
        Long swap,
        Long swapPss) {
}
