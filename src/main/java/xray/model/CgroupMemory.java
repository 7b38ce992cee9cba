package xray.model;

/**
 * The numbers of MEMORY-MODEL.md for one cgroup, all in bytes, null where the kernel does not
 * provide what the formula needs. Computed only by {@code xray.analysis.MemoryModel}.
 *
 * @param kernelApproximate   true when {@code kernel} is the v1 estimate current − anon − file
 * @param unreclaimableKernel the kernel part of the real cost: kernel − slab_reclaimable
 * @param pinnedFile          the file part of the real cost: file pages on no file LRU (mlocked)
 */
public record CgroupMemory(
        Long current,
        Long peak,
        Long anon,
        Long file,
        Long shmem,
        Long activeFile,
        Long inactiveFile,
        Long kernel,
        boolean kernelApproximate,
        Long kernelStack,
        Long pageTables,
        Long sock,
        Long slabReclaimable,
        Long swap,
        Long realCost,
        Long unreclaimableKernel,
        Long pinnedFile,
        Long hotCache,
        Long coldCache,
        Long workingSet) {
}
