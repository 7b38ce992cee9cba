package xray.collect;

import java.util.ArrayList;
import java.util.List;
import xray.kernel.CgroupMounts;
import xray.kernel.KernelFs;
import xray.model.CgroupLayout;
import xray.model.HostSample;
import xray.model.MemSample;

/** Reads what {@code xray mem} shows: the host, how cgroups are mounted, and every cgroup. */
public final class MemCollector {
    private MemCollector() {
    }

    /**
     * Reads the host and its cgroups under {@code fs}; {@code detail} adds what only a drill-down
     * shows (memory.low and memory.min).
     */
    public static MemSample collect(KernelFs fs, Warnings warnings, boolean detail) {
        if (HostCollector.notLinux(fs)) {
            return withoutCgroups();
        }
        HostSample host = HostCollector.collect(fs, warnings);
        CgroupLayout layout = layout(fs, warnings);
        return new MemSample(host, layout, new CgroupCollector(fs, layout, warnings, detail)
                .scan(HostCollector.memoryAndSwap(host.meminfo())), false);
    }

    /** Not Linux: host totals from the operating system (OSHI), and no cgroups. */
    static MemSample withoutCgroups() {
        return new MemSample(OshiHost.collect(), CgroupLayout.NONE, List.of(), true);
    }

    /** How cgroups are mounted under {@code fs}; what could not be read is warned about. */
    public static CgroupLayout layout(KernelFs fs, Warnings warnings) {
        if (HostCollector.notLinux(fs)) {
            return CgroupLayout.NONE;
        }
        List<String> problems = new ArrayList<>();
        CgroupLayout layout = CgroupMounts.read(fs, problems);
        problems.forEach(warnings::add);
        return layout;
    }

    /** The path of every cgroup in {@code layout}, parent before children, without reading their files. */
    public static List<String> paths(KernelFs fs, CgroupLayout layout, Warnings warnings) {
        return new CgroupCollector(fs, layout, warnings, false).paths();
    }
}
