package xray.model;

/** How cgroups are mounted on a host. */
public enum CgroupMode {
    /** Only cgroup v1 hierarchies (one of them with the memory controller). */
    V1("v1"),
    /** Only the unified cgroup2 hierarchy, with the memory controller. */
    V2("v2"),
    /** The memory controller on v1, plus a cgroup2 mount without it (e.g. /sys/fs/cgroup/unified). */
    HYBRID("hybrid"),
    /** No memory controller mounted (or not Linux). */
    NONE("none");

    private final String id;

    CgroupMode(String id) {
        this.id = id;
    }

    /** The JSON value. */
    public String id() {
        return id;
    }
}
