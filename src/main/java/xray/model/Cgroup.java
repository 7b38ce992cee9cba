package xray.model;

/**
 * One cgroup in the report: where it is, what people call it, what was read, what it means.
 *
 * @param parent    the parent's path, or null for the root shown
 * @param name      the name people recognise ("foo.service", "docker 1c8fa019b5ed")
 * @param kind      service, scope, slice, container, pod, root, user, session or cgroup
 * @param pressure  memory pressure (PSI) for it: its memory.pressure, or for the host's root the host's; null when none
 * @param oomKills  OOM kills counted by the kernel for this cgroup
 * @param processes processes in this cgroup and its descendants (null when unreadable)
 * @param limit     the limit in force (memory.max, else memory.high), or null when there is none
 */
public record Cgroup(
        String path,
        String parent,
        String name,
        String kind,
        int depth,
        CgroupSample sample,
        CgroupMemory memory,
        Pressure pressure,
        Long oomKills,
        Integer processes,
        CgroupLimit limit) {
}
