package xray.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import xray.kernel.CgroupLayout;
import xray.model.Cgroup;
import xray.model.CgroupRates;
import xray.model.HostMemory;
import xray.model.HostRates;
import xray.model.Limit;
import xray.model.TopFrame;
import xray.model.Verdict;

/**
 * The {@code xray.top/v1} frames of {@code xray top --json}: one compact JSON document per frame and
 * line (NDJSON), with the time, the host and every cgroup with its values and rates (README.md).
 */
public final class TopJson {
    public static final String SCHEMA = "xray.top/v1";

    private TopJson() {
    }

    public static void write(Writer out, TopFrame f, CgroupLayout layout, List<String> warnings) {
        try (JsonOut j = new JsonOut(out, false)) {
            j.begin().str("schema", SCHEMA)
                    .str("time", java.time.Instant.ofEpochMilli(f.sample().epochMillis()).toString())
                    .dec("seconds", f.hasRates() ? f.seconds() : null)
                    .bool("rates", f.hasRates())
                    .str("ratesNote", f.noRates());
            host(j, f, layout);
            j.beginArray("cgroups");
            for (Cgroup cg : f.sample().cgroups()) {
                cgroup(j, cg, f.rates().get(cg.path()), f.cache().get(cg.path()));
            }
            j.endArray();
            j.begin("self").dec("cpuPercent", f.ownCpuPercent()).num("rss", f.sample().own().rss()).end();
            j.strings("warnings", warnings);
            j.end();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void host(JsonOut j, TopFrame f, CgroupLayout layout) {
        HostMemory m = f.sample().host().memory();
        HostRates r = f.host();
        j.begin("host")
                .str("hostname", f.sample().host().identity().hostname())
                .str("cgroupMode", layout.mode().id())
                .num("memTotal", m.memTotal())
                .num("memAvailable", m.memAvailable())
                .num("buffCache", m.buffCache())
                .num("used", m.used())
                .num("realCost", m.realCost())
                .num("swapTotal", m.swapTotal())
                .num("swapFree", m.swapFree())
                .pressure("pressure", f.sample().host().pressure())
                .dec("pressureSomePercent", r.pressureSomePercent())
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
            j.num(f.key(), f.of(cg));
        }
        Limit max = cg.sample().max();
        j.limit("max", max).limit("high", cg.sample().high());
        Limit limit = TopText.limit(cg);
        j.dec("limitUse", limit == null || cg.memory().current() == null ? null
                : (double) cg.memory().current() / limit.bytes());
        j.pressure("pressure", cg.sample().pressure())
                .num("oomKills", cg.oomKills())
                .num("processes", cg.processes());
        CgroupRates rates = r == null ? new CgroupRates(null, null, null, null, null, null, false) : r;
        j.num("oomKillsSinceStart", rates.oomKillsSinceStart())
                .bool("oomKillNew", rates.oomKillNew())
                .dec("realCostPerSecond", rates.realCostPerSecond())
                .dec("refaultsPerSecond", rates.refaultsPerSecond())
                .dec("refaultFilePerSecond", rates.refaultFilePerSecond())
                .dec("refaultAnonPerSecond", rates.refaultAnonPerSecond())
                .dec("pressureSomePercent", rates.pressureSomePercent())
                .num("workingsetRefaultFile", cg.sample().stat("workingset_refault_file"))
                .num("workingsetRefaultAnon", cg.sample().stat("workingset_refault_anon"));
        if (cache == null) {
            j.str("cache", null);
        } else {
            verdict(j, "cache", cache);
        }
        j.end();
    }

    /** {code, severity, subject, figures{…}, text}: a verdict as data, with its sentence. */
    static void verdict(JsonOut j, String key, Verdict v) {
        j.begin(key).str("code", v.code()).str("severity", v.severity().key()).str("subject", v.subject());
        j.begin("figures");
        for (Map.Entry<String, Object> e : v.figures().entrySet()) {
            Object o = e.getValue();
            if (o instanceof Long l) {
                j.num(e.getKey(), l);
            } else if (o instanceof Double d) {
                j.dec(e.getKey(), d);
            } else {
                j.str(e.getKey(), (String) o);
            }
        }
        j.end();
        j.str("text", TopText.sentence(v)).end();
    }
}
