package xray.model;

import java.util.List;

/**
 * Everything {@code xray mem} shows: the host as read and its numbers, how cgroups are laid out,
 * and every cgroup with its numbers, parent before children.
 *
 * @param notLinux the host is not Linux: totals came from the operating system, and there are no cgroups
 */
public record MemReport(HostSample host, HostMemory memory, CgroupLayout layout, List<Cgroup> cgroups,
                        boolean notLinux) {
    public MemReport {
        cgroups = List.copyOf(cgroups);
    }
}
