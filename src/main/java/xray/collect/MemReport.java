package xray.collect;

import java.util.List;
import xray.kernel.CgroupLayout;
import xray.model.Cgroup;
import xray.model.HostSample;

/** Everything {@code xray mem} shows: the host, how cgroups are laid out, and every cgroup. */
public record MemReport(HostSample host, CgroupLayout layout, List<Cgroup> cgroups, String platformNote) {

    public MemReport {
        cgroups = List.copyOf(cgroups);
    }

    /**
     * Reads the host and its cgroups under {@code fs}; {@code detail} adds what only a drill-down
     * shows (memory.low and memory.min).
     */
    /** Not Linux: host totals from the operating system (OSHI), and no cgroups. */
    static MemReport withoutCgroups() {
        return new MemReport(OshiHost.collect(), CgroupLayout.NONE, List.of(),
                "cgroups are Linux-only; host totals come from the operating system");
    }

    public static MemReport collect(xray.kernel.KernelFs fs, Warnings warnings, boolean detail) {
        if (fs.isLive() && !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return withoutCgroups();
        }
        HostSample host = HostCollector.collect(fs, warnings);
        List<String> problems = new java.util.ArrayList<>();
        CgroupLayout layout = CgroupLayout.read(fs, problems);
        problems.forEach(warnings::add);
        List<Cgroup> cgroups = new CgroupCollector(fs, layout, warnings, detail).scan(host);
        return new MemReport(host, layout, cgroups, null);
    }
}
