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
 * @param children  how many child cgroups it has (0: a leaf)
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
        CgroupLimit limit,
        int children) {
    /**
     * Worth a look whatever its size: the kernel OOM-killed a process in it, its real cost or charge
     * is within 10% of its limit, or it is under memory pressure (some avg10 above 0). A table never
     * folds such a cgroup away, nor leaves out the column that says so without a word.
     */
    public boolean notable() {
        return oomKilled() || (limit != null && limit.close()) || pressured();
    }

    /** The kernel OOM-killed a process in it. */
    public boolean oomKilled() {
        return oomKills != null && oomKills > 0;
    }

    /** Memory pressure some avg10 above 0. */
    public boolean pressured() {
        return pressure != null && pressure.some() != null && pressure.some().avg10() > 0;
    }

    /** A cgroup without children: where processes live (systemd-cgtop's flat view lists these). */
    public boolean leaf() {
        return children == 0;
    }
}
