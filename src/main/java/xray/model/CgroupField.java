package xray.model;

import java.util.List;

/**
 * The fields of a cgroup, the one registry for {@code xray mem}'s cgroup table and JSON: the JSON
 * key (a public contract: never renamed), the table title, the drill-down label and the unit. JSON
 * writes them in this order; {@link #TREE} is the table's columns.
 */
public enum CgroupField implements Field {
    PATH("path", "PATH", "path", Unit.TEXT),
    PARENT("parent", "PARENT", "parent", Unit.TEXT),
    NAME("name", "CGROUP", "name", Unit.TEXT),
    KIND("kind", "KIND", "kind", Unit.TEXT),
    DEPTH("depth", "DEPTH", "depth", Unit.COUNT),
    CURRENT("current", "CURRENT", "charged (current)", Unit.BYTES),
    PEAK("peak", "PEAK", "peak", Unit.BYTES),
    ANON("anon", "ANON", "anon", Unit.BYTES),
    FILE("file", "FILE", "file (page cache)", Unit.BYTES),
    SHMEM("shmem", "SHMEM", "shmem", Unit.BYTES),
    ACTIVE_FILE("activeFile", "ACTIVE", "active file", Unit.BYTES),
    INACTIVE_FILE("inactiveFile", "INACTIVE", "inactive file", Unit.BYTES),
    KERNEL("kernel", "KERNEL", "kernel", Unit.BYTES),
    KERNEL_STACK("kernelStack", "STACK", "kernel stack", Unit.BYTES),
    PAGE_TABLES("pageTables", "PTE", "page tables", Unit.BYTES),
    SOCK("sock", "SOCK", "socket buffers", Unit.BYTES),
    SLAB_RECLAIMABLE("slabReclaimable", "SLAB-R", "reclaimable slab", Unit.BYTES),
    SWAP("swap", "SWAP", "swap", Unit.BYTES),
    REAL_COST("realCost", "REAL COST", "real cost", Unit.BYTES),
    UNRECLAIMABLE_KERNEL("unreclaimableKernel", "KERNEL-U", "unreclaimable kernel", Unit.BYTES),
    PINNED_FILE("pinnedFile", "PINNED", "pinned file", Unit.BYTES),
    HOT_CACHE("hotCache", "HOT", "hot cache (active file)", Unit.BYTES),
    COLD_CACHE("coldCache", "COLD", "cold cache", Unit.BYTES),
    WORKING_SET("workingSet", "WSS", "working set (as docker stats)", Unit.BYTES),
    KERNEL_APPROXIMATE("kernelApproximate", "KERNEL~", "kernel is an estimate", Unit.FLAG),
    MAX("max", "LIMIT", "limit", Unit.LIMIT),
    HIGH("high", "HIGH", "high", Unit.LIMIT),
    SOFT_LIMIT("softLimit", "SOFT LIMIT", "soft limit", Unit.LIMIT),
    PRESSURE("pressure", "PSI10", "pressure", Unit.PRESSURE),
    OOM_KILLS("oomKills", "OOM", "OOM kills", Unit.COUNT),
    PROCESSES("processes", "PROCS", "processes", Unit.COUNT);

    /**
     * The columns of the cgroup tree, in order. FILE shows the inactive part beside it; LIMIT is
     * memory.max, else memory.high; PSI10 is pressure some avg10.
     */
    public static final List<Column<CgroupField>> TREE = List.of(
            Column.of(NAME, 100), Column.of(CURRENT, 99), Column.of(PEAK, 40), Column.of(REAL_COST, 98), Column.of(ANON, 80),
            new Column<>(FILE, FILE.title() + " (" + INACTIVE_FILE.title() + ")", 70), Column.of(KERNEL, 50),
            Column.of(MAX, 60), Column.of(PRESSURE, 75), Column.of(OOM_KILLS, 30), Column.of(PROCESSES, 45));

    private final Info info;

    CgroupField(String key, String title, String label, Unit unit) {
        this.info = new Info(key, title, label, unit);
    }

    @Override
    public Info info() {
        return info;
    }

    /** True for the memory.stat keys cgroup v1 does not report. */
    public boolean v2Only() {
        return this == KERNEL_STACK || this == PAGE_TABLES || this == SOCK || this == SLAB_RECLAIMABLE || this == HIGH;
    }

    /**
     * The value for a cgroup: a Long for bytes and counts (null when absent), a String, a Boolean, a
     * {@link Limit} or a {@link Pressure}, as {@link #unit()} says.
     */
    public Object of(Cgroup cg) {
        CgroupMemory m = cg.memory();
        return switch (this) {
            case PATH -> cg.path();
            case PARENT -> cg.parent();
            case NAME -> cg.name();
            case KIND -> cg.kind();
            case DEPTH -> (long) cg.depth();
            case CURRENT -> m.current();
            case PEAK -> m.peak();
            case ANON -> m.anon();
            case FILE -> m.file();
            case SHMEM -> m.shmem();
            case ACTIVE_FILE -> m.activeFile();
            case INACTIVE_FILE -> m.inactiveFile();
            case KERNEL -> m.kernel();
            case KERNEL_STACK -> m.kernelStack();
            case PAGE_TABLES -> m.pageTables();
            case SOCK -> m.sock();
            case SLAB_RECLAIMABLE -> m.slabReclaimable();
            case SWAP -> m.swap();
            case REAL_COST -> m.realCost();
            case UNRECLAIMABLE_KERNEL -> m.unreclaimableKernel();
            case PINNED_FILE -> m.pinnedFile();
            case HOT_CACHE -> m.hotCache();
            case COLD_CACHE -> m.coldCache();
            case WORKING_SET -> m.workingSet();
            case KERNEL_APPROXIMATE -> m.kernelApproximate();
            case MAX -> cg.sample().max();
            case HIGH -> cg.sample().high();
            case SOFT_LIMIT -> cg.sample().softLimit();
            case PRESSURE -> cg.pressure();
            case OOM_KILLS -> cg.oomKills();
            case PROCESSES -> cg.processes() == null ? null : (long) cg.processes();
        };
    }

    /** The value of a byte or count field, or null (absent, or not such a field). */
    public Long number(Cgroup cg) {
        return unit() == Unit.BYTES || unit() == Unit.COUNT ? (Long) of(cg) : null;
    }
}
