package xray.render;

import java.util.function.Function;
import xray.model.Cgroup;
import xray.model.CgroupMemory;

/**
 * The byte fields of a cgroup: JSON key (a public contract: never rename), table title and
 * drill-down label, and where the value comes from. JSON writes them in this order.
 */
public enum CgroupField {
    CURRENT("current", "CURRENT", "charged (current)", CgroupMemory::current),
    PEAK("peak", "PEAK", "peak", CgroupMemory::peak),
    ANON("anon", "ANON", "anon", CgroupMemory::anon),
    FILE("file", "FILE", "file (page cache)", CgroupMemory::file),
    SHMEM("shmem", "SHMEM", "shmem", CgroupMemory::shmem),
    ACTIVE_FILE("activeFile", "ACTIVE", "active file", CgroupMemory::activeFile),
    INACTIVE_FILE("inactiveFile", "INACTIVE", "inactive file", CgroupMemory::inactiveFile),
    KERNEL("kernel", "KERNEL", "kernel", CgroupMemory::kernel),
    KERNEL_STACK("kernelStack", "STACK", "kernel stack", CgroupMemory::kernelStack),
    PAGE_TABLES("pageTables", "PTE", "page tables", CgroupMemory::pageTables),
    SOCK("sock", "SOCK", "socket buffers", CgroupMemory::sock),
    SLAB_RECLAIMABLE("slabReclaimable", "SLAB-R", "reclaimable slab", CgroupMemory::slabReclaimable),
    SWAP("swap", "SWAP", "swap", CgroupMemory::swap),
    REAL_COST("realCost", "REAL COST", "real cost", CgroupMemory::realCost),
    UNRECLAIMABLE_KERNEL("unreclaimableKernel", "KERNEL-U", "unreclaimable kernel", CgroupMemory::unreclaimableKernel),
    PINNED_FILE("pinnedFile", "PINNED", "pinned file", CgroupMemory::pinnedFile),
    HOT_CACHE("hotCache", "HOT", "hot cache (active file)", CgroupMemory::hotCache),
    COLD_CACHE("coldCache", "COLD", "cold cache", CgroupMemory::coldCache),
    WORKING_SET("workingSet", "WSS", "working set (as docker stats)", CgroupMemory::workingSet);

    private final String key;
    private final String title;
    private final String label;
    private final Function<CgroupMemory, Long> value;

    CgroupField(String key, String title, String label, Function<CgroupMemory, Long> value) {
        this.key = key;
        this.title = title;
        this.label = label;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String label() {
        return label;
    }

    public Long of(Cgroup cg) {
        return value.apply(cg.memory());
    }
}
