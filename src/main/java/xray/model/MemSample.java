package xray.model;

import java.util.List;

/**
 * What {@code xray mem} read, before any formula: the host, how cgroups are mounted, and every
 * cgroup that could be read, parent before children (the walked mount's top first, as "/").
 *
 * @param notLinux the host is not Linux: totals came from the operating system, and there are no cgroups
 */
public record MemSample(HostSample host, CgroupLayout layout, List<CgroupSample> cgroups, boolean notLinux) {
    public MemSample {
        cgroups = List.copyOf(cgroups);
    }
}
