package xray.model;

/**
 * Where the memory controller is mounted and how to read it, as decided from
 * {@code /proc/self/mountinfo} (see {@code xray.kernel.CgroupMounts}): the {@code cgroup2} mount
 * and/or the cgroup v1 mount whose super options include {@code memory}. Hybrid hosts have both.
 *
 * @param mode          v1, v2, hybrid or none
 * @param memoryMount   host path of the hierarchy whose tree is walked (v1 memory, or cgroup2)
 * @param unifiedMount  host path of the cgroup2 mount, or null (hybrid hosts read PSI there)
 * @param mountRoot     the cgroup path the walked mount shows at its top ("/" on a host)
 * @param inContainer   true when the top of the walked mount is a container's own cgroup
 *                      (a cgroup namespace, or a mount of a sub-tree)
 * @param note          how this was decided, when it was not from mountinfo; else null
 */
public record CgroupLayout(CgroupMode mode, String memoryMount, String unifiedMount, String mountRoot,
                           boolean inContainer, String note) {

    public static final CgroupLayout NONE = new CgroupLayout(CgroupMode.NONE, null, null, "/", false, null);

    public boolean memoryIsV1() {
        return mode == CgroupMode.V1 || mode == CgroupMode.HYBRID;
    }
}
