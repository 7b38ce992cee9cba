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
        Long buffCache = buffers == null || cached == null ? null : buffers + cached + orZero(sRecl);
        // used = MemTotal − MemFree − buffCache
        Long used = total == null || free == null || buffCache == null ? null : Math.max(0, total - free - buffCache);
        Long available = mi.get("MemAvailable");
        boolean estimated = false;
        if (available == null && free != null && activeFile != null && inactiveFile != null) {
            // Before 3.14 there is no MemAvailable: MemFree + Active(file) + Inactive(file) + SReclaimable
            available = free + activeFile + inactiveFile + orZero(sRecl);
            estimated = true;
        }
        Long anon = mi.get("AnonPages");
        // realCost = AnonPages + Shmem + SUnreclaim + KernelStack + PageTables + SecPageTables + Percpu
        Long realCost = anon == null ? null
                : anon + sum(mi, "Shmem", "SUnreclaim", "KernelStack", "PageTables", "SecPageTables", "Percpu");
        return new HostMemory(total, free, available, estimated, buffers, cached, buffCache, used, anon,
                mi.get("Shmem"), activeFile, inactiveFile, sRecl, mi.get("SwapTotal"), mi.get("SwapFree"), realCost);
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
        Long current = h.memTotal() == null || h.memFree() == null ? null : h.memTotal() - h.memFree();
        if (s.stat() == null || s.stat("anon") == null) {
            Long file = h.cached() == null ? null : h.cached() + orZero(h.buffers());
            return derive(current, s.peak(), h.anon(), file, h.shmem(), h.activeFile(), h.inactiveFile(),
                    h.realCost() == null || h.anon() == null ? null : h.realCost() - h.anon() - orZero(h.shmem()),
                    false, null, null, null, null, h.swapTotal() == null || h.swapFree() == null
                            ? null : h.swapTotal() - h.swapFree());
        }
        // The root's memory.stat counts only kernel memory charged to cgroups, but current
        // (MemTotal − MemFree) holds all of it: take the kernel from /proc/meminfo too, or the
        // kernel's own unreclaimable memory would come out as cold cache.
        Long unreclaimable = h.realCost() == null || h.anon() == null ? null
                : h.realCost() - h.anon() - orZero(h.shmem());
        Long kernel = unreclaimable == null ? null : unreclaimable + orZero(h.sReclaimable());
        return derive(current, s.peak(), s.stat("anon"), s.stat("file"), s.stat("shmem"), s.stat("active_file"),
                s.stat("inactive_file"), kernel, false, s.stat("kernel_stack"), s.stat("pagetables"), s.stat("sock"),
                h.sReclaimable(), s.swapCurrent());
    }

    private static CgroupMemory v2(CgroupSample s) {
        Long kernel = s.stat("kernel");
        if (kernel == null) {
            // Before 5.18 there is no "kernel" key: add up the kernel parts that are present.
            kernel = sumPresent(s, "kernel_stack", "pagetables", "sec_pagetables", "percpu", "vmalloc", "slab");
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
            kernel = Math.max(0, s.current() - anon - file);
            approximate = true;
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
            pinnedFile = file == null || activeFile == null || inactiveFile == null
                    ? 0 : Math.max(0, file - shmem - activeFile - inactiveFile);
            // unreclaimable kernel = kernel − slab_reclaimable (v1 has no slab split: all of kernel)
            unreclaimableKernel = kernel == null ? 0 : Math.max(0, kernel - orZero(slabReclaimable));
            // realCost = anon + shmem + (kernel − slab_reclaimable) + sock + pinnedFile
            realCost = anon + shmem + unreclaimableKernel + orZero(sock) + pinnedFile;
        }
        // hotCache = active_file
        Long hotCache = activeFile;
        // coldCache = max(0, current − realCost − hotCache)
        Long coldCache = current == null || realCost == null || hotCache == null
                ? null : Math.max(0, current - realCost - hotCache);
        // workingSet = max(0, current − inactive_file), as docker stats and the kubelet compute it
        Long workingSet = current == null || inactiveFile == null ? null : Math.max(0, current - inactiveFile);
        return new CgroupMemory(current, peak, anon, file, shmem, activeFile, inactiveFile, kernel, kernelApprox,
                kernelStack, pageTables, sock, slabReclaimable, swap, realCost, unreclaimableKernel, pinnedFile, hotCache,
                coldCache, workingSet);
    }

    private static Long sumPresent(CgroupSample s, String... keys) {
        Long total = null;
        for (String k : keys) {
            Long v = s.stat(k);
            if (v != null) {
                total = (total == null ? 0 : total) + v;
            }
        }
        return total;
    }

    private static long sum(KeyedValues mi, String... keys) {
        long total = 0;
        for (String k : keys) {
            total += orZero(mi.get(k));
        }
        return total;
    }

    static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
