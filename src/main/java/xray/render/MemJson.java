package xray.render;

import java.io.Writer;
import java.util.List;
import xray.collect.MemReport;
import xray.model.Cgroup;
import xray.model.HostMemory;
import xray.model.HostSample;
import xray.model.CgroupProcess;
import xray.model.ProcStatus;

/** The {@code xray.mem/v1} JSON document (schema in README.md). */
public final class MemJson {
    public static final String SCHEMA = "xray.mem/v1";

    private MemJson() {
    }

    /**
     * @param cgroups   the cgroups to list (all, or the one asked for and its descendants)
     * @param processes the processes of the cgroup asked for, or null for the whole-host form
     * @param verdicts  the verdicts for the cgroup asked for, or null
     */
    public static void write(Writer out, MemReport report, List<Cgroup> cgroups, List<CgroupProcess> processes,
                             List<String> verdicts, List<String> warnings) {
        write(out, report, null, cgroups, processes, verdicts, warnings);
    }

    /** With {@code sharing} (xray mem --pss): host.sharing = {processes, rss, pss, shared}, else null. */
    public static void write(Writer out, MemReport report, xray.model.Sharing sharing, List<Cgroup> cgroups,
                             List<CgroupProcess> processes, List<String> verdicts, List<String> warnings) {
        try (JsonOut j = new JsonOut(out)) {
            j.begin().str("schema", SCHEMA);
            host(j, report, sharing);
            j.beginArray("cgroups");
            for (Cgroup cg : cgroups) {
                cgroup(j, cg);
            }
            j.endArray();
            if (processes != null) {
                j.beginArray("processes");
                for (CgroupProcess p : processes) {
                    process(j, p);
                }
                j.endArray();
            }
            if (verdicts != null) {
                j.strings("verdicts", verdicts);
            }
            j.strings("warnings", warnings);
            j.end();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void host(JsonOut j, MemReport r, xray.model.Sharing sharing) {
        HostSample h = r.host();
        HostMemory m = h.memory();
        j.begin("host")
                .str("hostname", h.identity().hostname())
                .str("os", h.identity().os())
                .str("kernelRelease", h.identity().kernelRelease())
                .num("cpus", h.identity().cpus())
                .str("cgroupMode", r.layout().mode().id())
                .bool("inContainer", r.layout().inContainer())
                .num("memTotal", m.memTotal())
                .num("memFree", m.memFree())
                .num("memAvailable", m.memAvailable())
                .bool("memAvailableEstimated", m.memAvailableEstimated())
                .num("buffers", m.buffers())
                .num("cached", m.cached())
                .num("buffCache", m.buffCache())
                .num("used", m.used())
                .num("anon", m.anon())
                .num("shmem", m.shmem())
                .num("swapTotal", m.swapTotal())
                .num("swapFree", m.swapFree())
                .num("realCost", m.realCost())
                .pressure("pressure", h.pressure())
                .str("pressureNote", h.pressureNote())
                .bool("mglru", h.mglru())
                .num("ksmSharing", h.ksmSharing());
        if (sharing == null) {
            j.str("sharing", null);
        } else {
            j.begin("sharing").num("processes", sharing.processes()).num("rss", sharing.rss())
                    .num("pss", sharing.pss()).num("shared", sharing.shared()).end();
        }
        j.end();
    }

    private static void cgroup(JsonOut j, Cgroup cg) {
        j.begin().str("path", cg.path()).str("parent", cg.parent()).str("name", cg.name()).str("kind", cg.kind())
                .num("depth", cg.depth());
        for (CgroupField f : CgroupField.values()) {
            j.num(f.key(), f.of(cg));
        }
        j.bool("kernelApproximate", cg.memory().kernelApproximate())
                .limit("max", cg.sample().max())
                .limit("high", cg.sample().high())
                .limit("softLimit", cg.sample().softLimit())
                .pressure("pressure", cg.sample().pressure())
                .num("oomKills", cg.oomKills())
                .num("processes", cg.processes())
                .end();
    }

    private static void process(JsonOut j, CgroupProcess cp) {
        ProcStatus p = cp.status();
        j.begin().num("pid", p.pid()).str("name", p.name()).str("cgroup", cp.cgroup())
                .num("rssAnon", p.rssAnon()).num("rssFile", p.rssFile()).num("rssShmem", p.rssShmem())
                .num("swap", p.vmSwap()).end();
    }
}
