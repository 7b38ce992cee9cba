package xray.analysis;

import xray.model.CgroupMemory;
import xray.model.CgroupSample;
import xray.model.HostMemory;
import xray.kernel.KeyedValues;

/**
 * The formulas of MEMORY-MODEL.md, each in exactly one place. Inputs are counters as read;
 * outputs are bytes, or null when the kernel does not provide what a formula needs.
 */
public final class MemoryModel {
    private MemoryModel() {
    }

    /** Host numbers from /proc/meminfo (values already in bytes). */
    public static HostMemory host(KeyedValues mi) {
        Long total = mi.get("MemTotal");
        Long free = mi.get("MemFree");
        Long buffers = mi.get("Buffers");
        Long cached = mi.get("Cached");
        Long sRecl = mi.get("SReclaimable");
        Long activeFile = mi.get("Active(file)");
        Long inactiveFile = mi.get("Inactive(file)");
        // buffCache = Buffers + Cached + SReclaimable (what free(1) prints as buff/cache)
        Long buffCache = buffers == null || cached == null ? null : Sum.present(buffers, cached, sRecl);
        // used = MemTotal − MemFree − buffCache
        Long used = Sum.atLeastZero(Sum.minus(total, free), buffCache);
        Long available = mi.get("MemAvailable");
        boolean estimated = false;
        if (available == null && free != null && activeFile != null && inactiveFile != null) {
            // Before 3.14 there is no MemAvailable: MemFree + Active(file) + Inactive(file) + SReclaimable
            available = Sum.present(free, activeFile, inactiveFile, sRecl);
            estimated = available != null;
        }
        Long anon = mi.get("AnonPages");
        // realCost = AnonPages + Shmem + SUnreclaim + KernelStack + PageTables + SecPageTables + Percpu
        Long realCost = anon == null ? null : Sum.present(anon, mi.get("Shmem"), mi.get("SUnreclaim"),
                mi.get("KernelStack"), mi.get("PageTables"), mi.get("SecPageTables"), mi.get("Percpu"));
        return new HostMemory(total, free, available, estimated, buffers, cached, buffCache, used, anon,
                mi.get("Shmem"), activeFile, inactiveFile, sRecl, mi.get("SwapTotal"), mi.get("SwapFree"), realCost);
    }

    /** MemTotal − MemFree: what the host has in use (its root cgroup's charge on v2); null when unknown. */
    public static Long inUse(HostMemory h) {
        return Sum.atLeastZero(h.memTotal(), h.memFree());
    }

    /** SwapTotal − SwapFree; null when unknown. */
    public static Long swapUsed(HostMemory h) {
        return Sum.atLeastZero(h.swapTotal(), h.swapFree());
    }

    /** MemTotal + SwapTotal: no count of one cgroup can be more; null when unknown. */
    public static Long memoryAndSwap(HostMemory h) {
        return h == null ? null : Sum.of(h.memTotal(), h.swapTotal() == null ? 0L : h.swapTotal());
    }

    /** The numbers of one cgroup. */
    public static CgroupMemory cgroup(CgroupSample s) {
        return s.v1() ? v1(s) : v2(s);
    }

    /**
     * The root of a cgroup v2 host has no memory.current: use the host numbers for what the
     * root's memory.stat lacks or undercounts (kernel memory), and MemTotal − MemFree as what is
     * charged.
     */
    public static CgroupMemory v2HostRoot(CgroupSample s, HostMemory h) {
        Long current = inUse(h);
        // The host's unreclaimable kernel memory: realCost − AnonPages − Shmem
        Long unreclaimable = Sum.atLeastZero(Sum.atLeastZero(h.realCost(), h.anon()), h.shmem() == null ? 0L : h.shmem());
        if (s.stat() == null || s.stat("anon") == null) {
            Long file = h.cached() == null ? null : Sum.present(h.cached(), h.buffers());
            return derive(current, s.peak(), h.anon(), file, h.shmem(), h.activeFile(), h.inactiveFile(),
                    unreclaimable, false, null, null, null, null, swapUsed(h));
        }
        // The root's memory.stat counts only kernel memory charged to cgroups, but current
        // (MemTotal − MemFree) holds all of it: take the kernel from /proc/meminfo too, or the
        // kernel's own unreclaimable memory would come out as cold cache.
        Long kernel = unreclaimable == null ? null : Sum.present(unreclaimable, h.sReclaimable());
        return derive(current, s.peak(), s.stat("anon"), s.stat("file"), s.stat("shmem"), s.stat("active_file"),
                s.stat("inactive_file"), kernel, false, s.stat("kernel_stack"), s.stat("pagetables"), s.stat("sock"),
                h.sReclaimable(), s.swapCurrent());
    }

    private static CgroupMemory v2(CgroupSample s) {
        Long kernel = s.stat("kernel");
        if (kernel == null) {
            // Before 5.18 there is no "kernel" key: add up the kernel parts that are present.
            kernel = Sum.ofPresent(s.stat("kernel_stack"), s.stat("pagetables"), s.stat("sec_pagetables"),
                    s.stat("percpu"), s.stat("vmalloc"), s.stat("slab"));
        }
        return derive(s.current(), s.peak(), s.stat("anon"), s.stat("file"), s.stat("shmem"),
                s.stat("active_file"), s.stat("inactive_file"), kernel, false, s.stat("kernel_stack"),
                s.stat("pagetables"), s.stat("sock"), s.stat("slab_reclaimable"), s.swapCurrent());
    }

    /** v1: anon = total_rss, file = total_cache, shmem = total_shmem (the reader drops "total_"). */
    private static CgroupMemory v1(CgroupSample s) {
        Long anon = s.stat("rss");
        Long file = s.stat("cache");
        Long kernel = s.kmemUsage();
        boolean approximate = false;
        if (kernel == null && s.current() != null && anon != null && file != null) {
            // No memory.kmem.usage_in_bytes: estimate kernel = max(0, current − rss − cache)
            Long rssAndCache = Sum.of(anon, file);
            kernel = rssAndCache == null ? null : Math.max(0, s.current() - rssAndCache);
            approximate = kernel != null;
        }
        return derive(s.current(), s.peak(), anon, file, s.stat("shmem"), s.stat("active_file"),
                s.stat("inactive_file"), kernel, approximate, null, null, null, null, s.swapCurrent());
    }

    private static CgroupMemory derive(Long current, Long peak, Long anon, Long file, Long shmem, Long activeFile,
                                       Long inactiveFile, Long kernel, boolean kernelApprox, Long kernelStack,
                                       Long pageTables, Long sock, Long slabReclaimable, Long swap) {
        Long realCost = null;
        Long unreclaimableKernel = null;
        Long pinnedFile = null;
        if (anon != null && shmem != null) {
            // pinnedFile = max(0, file − shmem − active_file − inactive_file): file pages on no file LRU
            Long onLists = Sum.of(shmem, activeFile, inactiveFile);
            pinnedFile = file == null || onLists == null ? 0L : Math.max(0, file - onLists);
            // unreclaimable kernel = kernel − slab_reclaimable (v1 has no slab split: all of kernel)
            unreclaimableKernel = kernel == null ? 0L : Math.max(0, kernel - (slabReclaimable == null ? 0 : slabReclaimable));
            // realCost = anon + shmem + (kernel − slab_reclaimable) + sock + pinnedFile
            realCost = Sum.present(anon, shmem, unreclaimableKernel, sock, pinnedFile);
        }
        // hotCache = active_file
        Long hotCache = activeFile;
        // coldCache = max(0, current − realCost − hotCache)
        Long coldCache = Sum.atLeastZero(current, Sum.of(realCost, hotCache));
        // workingSet = max(0, current − inactive_file), as docker stats and the kubelet compute it
        Long workingSet = Sum.atLeastZero(current, inactiveFile);
        return new CgroupMemory(current, peak, anon, file, shmem, activeFile, inactiveFile, kernel, kernelApprox,
                kernelStack, pageTables, sock, slabReclaimable, swap, realCost, unreclaimableKernel, pinnedFile, hotCache,
                coldCache, workingSet);
    }
}
