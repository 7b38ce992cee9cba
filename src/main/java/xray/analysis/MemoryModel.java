package xray.analysis;

import static xray.model.StatKey.ACTIVE_FILE;
import static xray.model.StatKey.ANON;
import static xray.model.StatKey.FILE;
import static xray.model.StatKey.INACTIVE_FILE;
import static xray.model.StatKey.KERNEL;
import static xray.model.StatKey.KERNEL_STACK;
import static xray.model.StatKey.PAGETABLES;
import static xray.model.StatKey.PERCPU;
import static xray.model.StatKey.SEC_PAGETABLES;
import static xray.model.StatKey.SHMEM;
import static xray.model.StatKey.SLAB;
import static xray.model.StatKey.SLAB_RECLAIMABLE;
import static xray.model.StatKey.SOCK;
import static xray.model.StatKey.VMALLOC;

import java.util.Map;
import xray.model.CgroupMemory;
import xray.model.CgroupSample;
import xray.model.HostMemory;

/**
 * The formulas of MEMORY-MODEL.md, each in exactly one place. Inputs are counters as read;
 * outputs are bytes, or null when the kernel does not provide what a formula needs.
 */
public final class MemoryModel {
    private MemoryModel() {
    }

    /** Host numbers from /proc/meminfo (values already in bytes). */
    public static HostMemory host(Map<String, Long> mi) {
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
        // inUse = MemTotal − MemFree: what the host has in use (its root cgroup's charge on v2)
        Long inUse = Sum.atLeastZero(total, free);
        // swapUsed = SwapTotal − SwapFree
        Long swapUsed = Sum.atLeastZero(mi.get("SwapTotal"), mi.get("SwapFree"));
        // reclaimable = inUse − realCost: cache and reclaimable kernel memory, given back when asked
        Long reclaimable = Sum.atLeastZero(inUse, realCost);
        // hotCache = Active(file); coldCache = max(0, inUse − realCost − hotCache), as for a cgroup
        Long coldCache = Sum.atLeastZero(reclaimable, activeFile);
        return new HostMemory(total, free, available, estimated, buffers, cached, buffCache, used, anon,
                mi.get("Shmem"), activeFile, inactiveFile, sRecl, mi.get("SwapTotal"), mi.get("SwapFree"), realCost,
                inUse, swapUsed, reclaimable, coldCache);
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
        Long current = h.inUse();
        // The host's unreclaimable kernel memory: realCost − AnonPages − Shmem
        Long unreclaimable = Sum.atLeastZero(Sum.atLeastZero(h.realCost(), h.anon()), h.shmem() == null ? 0L : h.shmem());
        if (s.stat() == null || s.stat(ANON) == null) {
            Long file = h.cached() == null ? null : Sum.present(h.cached(), h.buffers());
            return derive(current, s.peak(), h.anon(), file, h.shmem(), h.activeFile(), h.inactiveFile(),
                    unreclaimable, false, null, null, null, null, h.swapUsed());
        }
        // The root's memory.stat counts only kernel memory charged to cgroups, but current
        // (MemTotal − MemFree) holds all of it: take the kernel from /proc/meminfo too, or the
        // kernel's own unreclaimable memory would come out as cold cache.
        Long kernel = unreclaimable == null ? null : Sum.present(unreclaimable, h.sReclaimable());
        return derive(current, s.peak(), s.stat(ANON), s.stat(FILE), s.stat(SHMEM), s.stat(ACTIVE_FILE),
                s.stat(INACTIVE_FILE), kernel, false, s.stat(KERNEL_STACK), s.stat(PAGETABLES), s.stat(SOCK),
                h.sReclaimable(), s.swapCurrent());
    }

    private static CgroupMemory v2(CgroupSample s) {
        Long kernel = s.stat(KERNEL);
        if (kernel == null) {
            // Before 5.18 there is no "kernel" key: add up the kernel parts that are present.
            kernel = Sum.ofPresent(s.stat(KERNEL_STACK), s.stat(PAGETABLES), s.stat(SEC_PAGETABLES),
                    s.stat(PERCPU), s.stat(VMALLOC), s.stat(SLAB));
        }
        return derive(s.current(), s.peak(), s.stat(ANON), s.stat(FILE), s.stat(SHMEM),
                s.stat(ACTIVE_FILE), s.stat(INACTIVE_FILE), kernel, false, s.stat(KERNEL_STACK),
                s.stat(PAGETABLES), s.stat(SOCK), s.stat(SLAB_RECLAIMABLE), s.swapCurrent());
    }

    /** v1: anon = total_rss, file = total_cache, shmem = total_shmem (StatKey maps them; the reader drops "total_"). */
    private static CgroupMemory v1(CgroupSample s) {
        Long anon = s.stat(ANON);
        Long file = s.stat(FILE);
        Long kernel = s.kmemUsage();
        boolean approximate = false;
        if (kernel == null && s.current() != null && anon != null && file != null) {
            // No memory.kmem.usage_in_bytes: estimate kernel = max(0, current − rss − cache)
            Long rssAndCache = Sum.of(anon, file);
            kernel = rssAndCache == null ? null : Math.max(0, s.current() - rssAndCache);
            approximate = kernel != null;
        }
        return derive(s.current(), s.peak(), anon, file, s.stat(SHMEM), s.stat(ACTIVE_FILE),
                s.stat(INACTIVE_FILE), kernel, approximate, null, null, null, null, s.swapCurrent());
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
