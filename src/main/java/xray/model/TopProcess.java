package xray.model;

/**
 * A process in {@code xray top}'s process views, from /proc/PID/status.
 *
 * @param cgroup   its memory cgroup's path (the one whose cgroup.procs lists it), or null
 * @param realCost rssAnon + rssShmem + swap (MEMORY-MODEL.md, per process)
 */
public record TopProcess(int pid, String name, String cgroup, Long rssAnon, Long rssFile, Long rssShmem, Long swap,
                         Long realCost) {
}
