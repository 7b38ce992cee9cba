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
    NAME("name", "CGROUP", "name", Unit.TEXT, "unit", "service"),
    KIND("kind", "KIND", "kind", Unit.TEXT),
    DEPTH("depth", "DEPTH", "depth", Unit.COUNT),
    CHILDREN("children", "CHILDREN", "child cgroups", Unit.COUNT),
    LEAF("leaf", "LEAF", "has no child cgroups", Unit.FLAG),
    CURRENT("current", "CURRENT", "charged (current)", Unit.BYTES, "charged", "usage", "mem", "memory"),
    PEAK("peak", "PEAK", "peak", Unit.BYTES, "max usage"),
    ANON("anon", "ANON", "anon", Unit.BYTES),
    FILE("file", "FILE", "file (page cache)", Unit.BYTES, "FILE (INACTIVE)", "cache", "page cache"),
    SHMEM("shmem", "SHMEM", "shmem", Unit.BYTES),
    ACTIVE_FILE("activeFile", "ACTIVE", "active file", Unit.BYTES),
    INACTIVE_FILE("inactiveFile", "INACTIVE", "inactive file", Unit.BYTES),
    KERNEL("kernel", "KERNEL", "kernel", Unit.BYTES),
    KERNEL_STACK("kernelStack", "STACK", "kernel stack", Unit.BYTES),
    PAGE_TABLES("pageTables", "PTE", "page tables", Unit.BYTES),
    SOCK("sock", "SOCK", "socket buffers", Unit.BYTES),
    SLAB_RECLAIMABLE("slabReclaimable", "SLAB-R", "reclaimable slab", Unit.BYTES),
    SWAP("swap", "SWAP", "swap", Unit.BYTES),
    REAL_COST("realCost", "REAL COST", "real cost", Unit.BYTES, "cost", "real"),
    UNRECLAIMABLE_KERNEL("unreclaimableKernel", "KERNEL-U", "unreclaimable kernel", Unit.BYTES),
    PINNED_FILE("pinnedFile", "PINNED", "pinned file", Unit.BYTES),
    HOT_CACHE("hotCache", "HOT", "hot cache (active file)", Unit.BYTES),
    COLD_CACHE("coldCache", "COLD", "cold cache", Unit.BYTES),
    WORKING_SET("workingSet", "WSS", "working set", Unit.BYTES, "working set"),
    KERNEL_APPROXIMATE("kernelApproximate", "KERNEL~", "kernel is an estimate", Unit.FLAG),
    MAX("max", "LIMIT", "limit", Unit.LIMIT, "memory.max", "limit_in_bytes"),
    HIGH("high", "HIGH", "high", Unit.LIMIT),
    SOFT_LIMIT("softLimit", "SOFT LIMIT", "soft limit", Unit.LIMIT),
    PRESSURE("pressure", "PSI10", "pressure", Unit.PRESSURE, "psi", "avg10"),
    OOM_KILLS("oomKills", "OOM", "OOM kills", Unit.COUNT, "ooms", "oom kill"),
    PROCESSES("processes", "PROCS", "processes", Unit.COUNT, "tasks");

    /**
     * The columns of the cgroup tree, in order, and their priorities: when the terminal is too
     * narrow for all, the lowest goes first (KERNEL, PROCS, OOM, PEAK, PSI10, LIMIT, FILE, ANON;
     * then CURRENT and REAL COST; the name stays). A column with something notable in it (an OOM
     * kill, a limit within 10%, pressure above 0) rises above ANON. FILE shows the inactive part
     * beside it; LIMIT is memory.max, else memory.high; PSI10 is pressure some avg10.
     */
    public static final List<Column<CgroupField>> TREE = List.of(
            Column.of(NAME, 100), Column.of(CURRENT, 98), Column.of(PEAK, 40), Column.of(REAL_COST, 99), Column.of(ANON, 80),
            new Column<>(FILE, FILE.title() + " (" + INACTIVE_FILE.title() + ")", 70), Column.of(KERNEL, 25),
            Column.of(MAX, 65), Column.of(PRESSURE, 60), Column.of(OOM_KILLS, 35), Column.of(PROCESSES, 30));

    /** The fields --sort takes: the numbers, and the name and path (A to Z). */
    public static final List<CgroupField> SORT = List.of(REAL_COST, CURRENT, PEAK, ANON, FILE, SHMEM, KERNEL, SWAP,
            HOT_CACHE, COLD_CACHE, WORKING_SET, MAX, PRESSURE, OOM_KILLS, PROCESSES, CHILDREN, NAME, PATH);

    /** The fields -o/--fields takes: every field but the path's parts that the tree already shows. */
    public static final List<CgroupField> SELECTABLE = List.of(PATH, PARENT, NAME, KIND, DEPTH, CHILDREN, LEAF,
            CURRENT, PEAK, ANON, FILE, SHMEM, ACTIVE_FILE, INACTIVE_FILE, KERNEL, KERNEL_STACK, PAGE_TABLES, SOCK,
            SLAB_RECLAIMABLE, SWAP, REAL_COST, UNRECLAIMABLE_KERNEL, PINNED_FILE, HOT_CACHE, COLD_CACHE, WORKING_SET,
            MAX, HIGH, SOFT_LIMIT, PRESSURE, OOM_KILLS, PROCESSES);

    /** The columns of CSV and TSV without -o: the tree's, with the path first and FILE's parts apart. */
    public static final List<CgroupField> CSV = List.of(PATH, NAME, KIND, CURRENT, PEAK, REAL_COST, ANON, FILE,
            INACTIVE_FILE, KERNEL, MAX, PRESSURE, OOM_KILLS, PROCESSES, CHILDREN);

    private final Info info;

    CgroupField(String key, String title, String label, Unit unit, String... aliases) {
        this.info = new Info(key, title, label, unit, List.of(aliases));
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
            case CHILDREN -> (long) cg.children();
            case LEAF -> cg.leaf();
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
