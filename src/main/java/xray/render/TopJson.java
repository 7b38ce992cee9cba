package xray.render;

import java.io.Writer;
import java.util.List;
import xray.model.Cgroup;
import xray.model.CgroupField;
import xray.model.CgroupRates;
import xray.model.HostField;
import xray.model.HostRates;
import xray.model.StatKey;
import xray.model.TopFrame;
import xray.model.Verdict;

/**
 * The {@code xray.top/v2} frames of {@code xray top --json}: one compact JSON document per frame and
 * line (NDJSON), with the time, the host and every cgroup with its values and rates (README.md).
 */
public final class TopJson {
    public static final String SCHEMA = "xray.top/v2";

    private TopJson() {
    }

    /** @param xrayVersion the version of xray, for the document's header */
    public static void write(Writer out, TopFrame f, String xrayVersion, List<String> warnings) {
        try (JsonOut j = new JsonOut(out, JsonOut.Format.COMPACT)) {
            j.document(SCHEMA, new xray.model.Origin(f.sample().host().identity().hostname(), f.sample().epochMillis(),
                            xrayVersion))
                    .dec("seconds", f.hasRates() ? f.seconds() : null)
                    .bool("rates", f.hasRates())
                    .str("ratesNote", f.noRates());
            host(j, f);
            j.beginArray("cgroups");
            for (Cgroup cg : f.report().cgroups()) {
                cgroup(j, cg, f.rates().get(cg.path()), f.cache().get(cg.path()));
            }
            j.endArray();
            j.begin("self").dec("cpuPercent", f.ownCpuPercent()).num("rss", f.sample().own().rss()).end();
            j.strings("warnings", warnings);
            j.end();
        }
        JsonOut.newline(out);
    }

    private static void host(JsonOut j, TopFrame f) {
        HostRates r = f.host();
        j.begin("host");
        MemJson.host(j, f.report(), HostField.TOP);
        j.dec("pressureSomePercent", r.pressureSomePercent())
                .dec("pressureFullPercent", r.pressureFullPercent())
                .dec("refaultsPerSecond", r.refaultsPerSecond())
                .dec("refaultFilePerSecond", r.refaultFilePerSecond())
                .dec("refaultAnonPerSecond", r.refaultAnonPerSecond())
                .end();
    }

    private static void cgroup(JsonOut j, Cgroup cg, CgroupRates r, Verdict cache) {
        j.begin().str("path", cg.path()).str("name", cg.name()).str("kind", cg.kind()).num("depth", cg.depth());
        for (CgroupField f : List.of(CgroupField.CURRENT, CgroupField.REAL_COST, CgroupField.ANON, CgroupField.FILE,
                CgroupField.SHMEM, CgroupField.HOT_CACHE, CgroupField.COLD_CACHE, CgroupField.KERNEL, CgroupField.SWAP)) {
            j.num(f.key(), f.number(cg));
        }
        j.limit("max", cg.sample().max()).limit("high", cg.sample().high());
        j.dec("limitUse", TopText.limitUse(cg));
        j.pressure("pressure", cg.pressure())
                .num("oomKills", cg.oomKills())
                .num("processes", cg.processes());
        CgroupRates rates = r == null ? CgroupRates.NONE : r;
        j.num("oomKillsSinceStart", rates.oomKillsSinceStart())
                .bool("oomKillNew", rates.oomKillNew())
                .dec("realCostPerSecond", rates.realCostPerSecond())
                .dec("refaultsPerSecond", rates.refaultsPerSecond())
                .dec("refaultFilePerSecond", rates.refaultFilePerSecond())
                .dec("refaultAnonPerSecond", rates.refaultAnonPerSecond())
                .dec("pressureSomePercent", rates.pressureSomePercent())
                .num("workingsetRefaultFile", cg.sample().stat(StatKey.WORKINGSET_REFAULT_FILE))
                .num("workingsetRefaultAnon", cg.sample().stat(StatKey.WORKINGSET_REFAULT_ANON));
        if (cache == null) {
            j.str("cache", null);
        } else {
            j.verdict("cache", cache, TopText.sentence(cache));
        }
        j.end();
    }
}
