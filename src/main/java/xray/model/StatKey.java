package xray.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code memory.stat} keys xray uses (the memory model, xray top's rates), by their kernel names on cgroup v2 and on
 * cgroup v1 (where the reader keeps the hierarchical {@code total_*} keys without the prefix). The
 * one list of them: the reader reads exactly these, and the formulas can name no other, so a key
 * cannot be used without being read.
 */
public enum StatKey {
    ANON("anon", "rss"),
    FILE("file", "cache"),
    SHMEM("shmem", "shmem"),
    ACTIVE_FILE("active_file", "active_file"),
    INACTIVE_FILE("inactive_file", "inactive_file"),
    /** 5.18+; before it the kernel parts below are added up. */
    KERNEL("kernel", null),
    KERNEL_STACK("kernel_stack", null),
    PAGETABLES("pagetables", null),
    SEC_PAGETABLES("sec_pagetables", null),
    PERCPU("percpu", null),
    VMALLOC("vmalloc", null),
    SLAB("slab", null),
    SOCK("sock", null),
    SLAB_RECLAIMABLE("slab_reclaimable", null),
    /** v1 only: v2 has memory.swap.current instead. */
    SWAP(null, "swap"),
    /**
     * Refaults, pages read back in soon after they were evicted (a count of pages, not bytes), for
     * xray top's rates: file and anon from 5.9 on, in v2 and in the v1 files of recent kernels.
     */
    WORKINGSET_REFAULT_FILE("workingset_refault_file", "workingset_refault_file"),
    WORKINGSET_REFAULT_ANON("workingset_refault_anon", "workingset_refault_anon"),
    /** Before 5.9: one counter, file pages only. */
    WORKINGSET_REFAULT("workingset_refault", "workingset_refault");

    private final String v2;
    private final String v1;

    StatKey(String v2, String v1) {
        this.v2 = v2;
        this.v1 = v1;
    }

    /** The key in a memory.stat of this version (v1: without "total_"), or null when that version has none. */
    public String name(boolean cgroupV1) {
        return cgroupV1 ? v1 : v2;
    }

    /** Every key a memory.stat of this version is read for. */
    public static List<String> names(boolean cgroupV1) {
        List<String> out = new ArrayList<>();
        for (StatKey k : values()) {
            if (k.name(cgroupV1) != null) {
                out.add(k.name(cgroupV1));
            }
        }
        return out;
    }
}
