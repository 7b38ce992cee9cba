package xray.model;

import java.util.List;

/**
 * The fields of the host, the one registry for {@code xray mem}'s host summary and the host object
 * of its JSON and of {@code xray top}'s: the JSON key (a public contract: never renamed), the
 * summary's title, the label and the unit. {@code xray mem}'s JSON writes them all, in this order.
 */
public enum HostField implements Field {
    HOSTNAME("hostname", "HOST", "host name", Unit.TEXT),
    OS("os", "OS", "operating system", Unit.TEXT),
    KERNEL_RELEASE("kernelRelease", "KERNEL", "kernel release", Unit.TEXT),
    CPUS("cpus", "CPUS", "CPUs online", Unit.COUNT),
    CGROUP_MODE("cgroupMode", "CGROUPS", "cgroup mode", Unit.TEXT),
    IN_CONTAINER("inContainer", "CONTAINER", "inside a container", Unit.FLAG),
    MEM_TOTAL("memTotal", "total", "MemTotal", Unit.BYTES),
    MEM_FREE("memFree", "free", "MemFree", Unit.BYTES),
    MEM_AVAILABLE("memAvailable", "available", "MemAvailable", Unit.BYTES),
    MEM_AVAILABLE_ESTIMATED("memAvailableEstimated", "estimated", "MemAvailable estimated", Unit.FLAG),
    BUFFERS("buffers", "buffers", "Buffers", Unit.BYTES),
    CACHED("cached", "cached", "Cached", Unit.BYTES),
    BUFF_CACHE("buffCache", "buff/cache", "buffers, cache and reclaimable slab", Unit.BYTES),
    USED("used", "used", "used", Unit.BYTES),
    ANON("anon", "anon", "AnonPages", Unit.BYTES),
    SHMEM("shmem", "shmem", "Shmem", Unit.BYTES),
    SWAP_TOTAL("swapTotal", "swap", "SwapTotal", Unit.BYTES),
    SWAP_FREE("swapFree", "swap free", "SwapFree", Unit.BYTES),
    REAL_COST("realCost", "real cost", "real cost", Unit.BYTES),
    HOT_CACHE("hotCache", "hot cache", "hot cache (Active(file))", Unit.BYTES),
    COLD_CACHE("coldCache", "cold cache", "cold cache", Unit.BYTES),
    PRESSURE("pressure", "pressure", "memory pressure", Unit.PRESSURE),
    /** Why there is no pressure figure: words, which render makes from the sample. */
    PRESSURE_NOTE("pressureNote", "note", "why no pressure figure", Unit.TEXT),
    MGLRU("mglru", "MGLRU", "multi-generational LRU on", Unit.FLAG),
    KSM_SHARING("ksmSharing", "KSM", "what KSM saves", Unit.BYTES);

    /** The columns of the host summary (its memory row; swap shows under total, used and free). */
    public static final List<Column<HostField>> SUMMARY = List.of(Column.of(MEM_TOTAL, 9), Column.of(USED, 8),
            Column.of(BUFF_CACHE, 7), Column.of(MEM_FREE, 6), Column.of(MEM_AVAILABLE, 8), Column.of(REAL_COST, 9));

    /** The host object of {@code xray top}'s frames, before its rates. */
    public static final List<HostField> TOP = List.of(HOSTNAME, CGROUP_MODE, MEM_TOTAL, MEM_AVAILABLE, BUFF_CACHE, USED,
            REAL_COST, HOT_CACHE, COLD_CACHE, SWAP_TOTAL, SWAP_FREE, PRESSURE);

    private final Info info;

    HostField(String key, String title, String label, Unit unit) {
        this.info = new Info(key, title, label, unit);
    }

    @Override
    public Info info() {
        return info;
    }

    /**
     * The value in a report: a Long for bytes and counts, a String, a Boolean or a {@link Pressure},
     * as {@link #unit()} says; null when absent. {@link #PRESSURE_NOTE} is words, made in render:
     * here it is null.
     */
    public Object of(MemReport r) {
        HostIdentity id = r.host().identity();
        HostMemory m = r.memory();
        return switch (this) {
            case HOSTNAME -> id.hostname();
            case OS -> id.os();
            case KERNEL_RELEASE -> id.kernelRelease();
            case CPUS -> id.cpus() == null ? null : (long) id.cpus();
            case CGROUP_MODE -> r.layout().mode().id();
            case IN_CONTAINER -> r.layout().inContainer();
            case MEM_TOTAL -> m.memTotal();
            case MEM_FREE -> m.memFree();
            case MEM_AVAILABLE -> m.memAvailable();
            case MEM_AVAILABLE_ESTIMATED -> m.memAvailableEstimated();
            case BUFFERS -> m.buffers();
            case CACHED -> m.cached();
            case BUFF_CACHE -> m.buffCache();
            case USED -> m.used();
            case ANON -> m.anon();
            case SHMEM -> m.shmem();
            case SWAP_TOTAL -> m.swapTotal();
            case SWAP_FREE -> m.swapFree();
            case REAL_COST -> m.realCost();
            case HOT_CACHE -> m.hotCache();
            case COLD_CACHE -> m.coldCache();
            case PRESSURE -> r.host().pressure();
            case PRESSURE_NOTE -> null;
            case MGLRU -> r.host().mglru();
            case KSM_SHARING -> r.host().ksmSharing();
        };
    }
}
