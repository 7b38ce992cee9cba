package xray.model;

/** How cgroups are mounted on a host. */
public enum CgroupMode {
    /** Only cgroup v1 hierarchies (one of them with the memory controller). */
    V1,
    /** Only the unified cgroup2 hierarchy, with the memory controller. */
    V2,
    /** The memory controller on v1, plus a cgroup2 mount without it (e.g. /sys/fs/cgroup/unified). */
    HYBRID,
    /** No memory controller mounted (or not Linux). */
    NONE;

    /** The JSON value: "v1", "v2", "hybrid", "none". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
