package xray.render;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import xray.model.JvmReport;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Pool;
import xray.model.JvmField;
import xray.model.JvmSummary;
import xray.model.Origin;
import xray.model.Verdict;

/** The {@code xray.jvm/v3} (one JVM) and {@code xray.jvms/v2} (the list) JSON documents (README.md). */
public final class JvmJson {
    public static final String SCHEMA = "xray.jvm/v3";
    public static final String LIST_SCHEMA = "xray.jvms/v2";

    private JvmJson() {
    }

    /**
     * The list: every field of the registry for each JVM, in its order.
     *
     * @param total how many JVMs there were before --top
     */
    public static void list(Writer out, JsonOut.Format format, Origin origin, List<JvmSummary> jvms, int total,
                            List<String> warnings) {
        try (JsonOut j = new JsonOut(out, format)) {
            j.document(LIST_SCHEMA, origin).beginArray("jvms");
            for (JvmSummary s : jvms) {
                j.begin();
                for (JvmField f : JvmField.all()) {
                    MemJson.value(j, f, f.of(s));
                }
                j.end();
            }
            j.endArray().truncated(jvms.size(), total).strings("warnings", warnings).end();
        }
        JsonOut.newline(out);
    }

    public static void report(Writer out, JsonOut.Format format, Origin origin, JvmReport r, List<String> warnings) {
        try (JsonOut j = new JsonOut(out, format)) {
            j.document(SCHEMA, origin).num("pid", r.pid()).num("nspid", r.nspid());
            info(j, r.jvm());
            memory(j, r.memory());
            threads(j, r.threads());
            listeners(j, r.listeners());
            sources(j, r.sources());
            verdicts(j, r.verdicts());
            j.strings("warnings", warnings).end();
        }
        JsonOut.newline(out);
    }

    private static void info(JsonOut j, JvmReport.Info i) {
        j.begin("jvm").str("name", i.vmName()).str("version", i.version()).str("vendor", i.vendor())
                .str("user", i.user()).num("uid", i.uid()).str("mainClass", i.mainClass())
                .dec("uptimeSeconds", i.uptimeSeconds()).str("gc", i.gc());
        j.beginArray("collectors");
        for (JvmReport.Collector c : i.collectors()) {
            j.begin().str("name", c.name()).num("count", c.count()).num("timeMillis", c.timeMillis()).end();
        }
        j.endArray().num("classesLoaded", i.classesLoaded()).num("classesUnloaded", i.classesUnloaded())
                .num("heapMax", i.heapMax()).num("directMemoryMax", i.directMemoryMax())
                .bool("directMemoryMaxIsDefault", i.directMemoryMaxIsDefault()).str("nmt", i.nmt()).end();
    }

    private static void memory(JsonOut j, JvmReport.Memory m) {
        j.begin("memory").num("rss", m.rss()).num("rssAnon", m.rssAnon()).num("rssFile", m.rssFile())
                .num("rssShmem", m.rssShmem()).num("swap", m.swap())
                .num("heapUsed", m.heapUsed()).num("heapCommitted", m.heapCommitted()).num("heapMax", m.heapMax());
        j.beginArray("heapPools");
        for (Pool p : m.heapPools()) {
            j.begin().str("name", p.name()).num("used", p.used()).num("committed", p.committed()).num("max", p.max()).end();
        }
        j.endArray()
                .num("metaspaceUsed", m.metaspaceUsed()).num("metaspaceCommitted", m.metaspaceCommitted())
                .num("classSpaceUsed", m.classSpaceUsed()).num("classSpaceCommitted", m.classSpaceCommitted())
                .num("codeCacheUsed", m.codeCacheUsed()).num("codeCacheCommitted", m.codeCacheCommitted());
        buffers(j, "directBuffers", m.directBuffers());
        j.str("directBuffersBasis", m.directBuffersBasis()).num("directBufferObjects", m.directBufferObjects());
        buffers(j, "mappedBuffers", m.mappedBuffers());
        j.num("threadStacks", m.threadStacks());
        if (m.nmt() == null) {
            j.str("nmt", null);
        } else {
            j.begin("nmt").num("reserved", m.nmt().reserved()).num("committed", m.nmt().committed())
                    .num("malloc", m.nmt().malloc())
                    .beginArray("categories");
            for (JvmReport.NmtCategory c : m.nmt().categories()) {
                j.begin().str("name", c.name()).num("reserved", c.reserved()).num("committed", c.committed()).end();
            }
            j.endArray().end();
        }
        j.num("mallocOutstanding", m.mallocOutstanding()).num("mallocRetained", m.mallocRetained())
                .num("untrackedNative", m.untrackedNative()).str("untrackedBasis", m.untrackedBasis());
        JvmReport.Resident r = m.resident();
        j.begin("resident").num("total", r.total()).num("heap", r.heap()).num("metaspace", r.metaspace())
                .num("codeCache", r.codeCache()).num("threadStacks", r.threadStacks()).num("stacksFound", r.stacksFound())
                .num("gcStructures", r.gcStructures()).num("directBuffers", r.directBuffers())
                .num("untracked", r.untracked()).num("files", r.files()).str("skipped", r.skipped())
                .num("limit", r.limit()).end().end();
    }

    private static void buffers(JsonOut j, String key, Buffers b) {
        if (b == null) {
            j.begin(key).num("count", (Long) null).num("bytes", (Long) null).end();
        } else {
            j.begin(key).num("count", b.count()).num("bytes", b.bytes()).end();
        }
    }

    private static void threads(JsonOut j, JvmReport.Threads t) {
        if (t == null) {
            j.str("threads", null);
            return;
        }
        j.begin("threads").num("total", t.total()).num("daemon", t.daemon()).num("peak", t.peak())
                .num("vmThreads", t.vmThreads());
        j.begin("states");
        for (Map.Entry<String, Integer> e : t.states().entrySet()) {
            j.num(e.getKey(), e.getValue());
        }
        j.end().dec("intervalSeconds", t.intervalSeconds()).str("cpuBasis", t.cpuBasis());
        hot(j, "hot", t.hot());
        hot(j, "own", t.own());
        j.beginArray("blocked");
        for (JvmReport.BlockedGroup g : t.blocked()) {
            j.begin().str("owner", g.owner()).str("ownerState", g.ownerState()).str("lock", g.lock())
                    .strings("waiters", g.waiters()).end();
        }
        j.endArray().beginArray("deadlocks");
        for (JvmReport.Deadlock d : t.deadlocks()) {
            j.begin().beginArray("threads");
            for (JvmReport.DeadlockLink l : d.cycle()) {
                j.begin().str("name", l.thread()).str("waitingFor", l.waitingFor()).str("heldBy", l.heldBy()).end();
            }
            j.endArray().end();
        }
        j.endArray().end();
    }

    private static void hot(JsonOut j, String key, List<JvmReport.HotThread> threads) {
        j.beginArray(key);
        for (JvmReport.HotThread h : threads) {
            j.begin().str("name", h.name()).num("tid", h.tid()).num("javaId", h.javaId())
                    .dec("cpuPercent", h.cpuPercent()).str("state", h.state()).strings("frames", h.frames())
                    .num("allocatedBytes", h.allocatedBytes()).end();
        }
        j.endArray();
    }

    private static void listeners(JsonOut j, JvmReport.Listeners l) {
        if (l == null) {
            j.str("listeners", null);
            return;
        }
        j.begin("listeners").str("mode", l.mode()).str("pattern", l.pattern()).dec("intervalSeconds", l.intervalSeconds())
                .num("histograms", l.histograms()).bool("byType", l.byType()).num("hierarchySkipped", l.hierarchySkipped())
                .beginArray("classes");
        for (JvmReport.ListenerClass c : l.classes()) {
            j.begin().str("name", c.name()).str("module", c.module()).num("count", c.count()).num("bytes", c.bytes())
                    .num("growth", c.growth()).bool("growing", c.growing()).num("loaders", c.loaders())
                    .str("implementing", c.implementing()).end();
        }
        j.endArray().num("leftOut", l.leftOut()).end();
    }

    private static void sources(JsonOut j, JvmReport.Sources s) {
        j.begin("sources").str("attach", s.attach()).bool("jmx", s.jmx()).str("jmxReason", s.jmxReason())
                .str("jmxProblem", s.jmxProblem()).bool("jmxAgentStarted", s.jmxAgentStarted());
        JvmReport.JmxAgent a = s.jmxAgent();
        if (a == null) {
            j.str("jmxAgent", null);
        } else {
            j.begin("jmxAgent").strings("listening", a.listening()).num("rssAdded", a.rssAdded())
                    .num("threadsAdded", a.threadsAdded()).end();
        }
        j.str("perfData", s.perfData());
        j.begin("sections");
        for (Map.Entry<String, List<String>> e : s.sections().entrySet()) {
            j.strings(e.getKey(), e.getValue());
        }
        j.end().beginArray("commands");
        for (JvmReport.CommandRun c : s.commands()) {
            j.begin().str("command", c.command()).dec("millis", Math.round(c.millis() * 10) / 10.0).end();
        }
        j.endArray().num("safepointMillis", s.safepointMillis()).num("safepoints", s.safepoints()).end();
    }

    /** Each verdict as its record and the sentence made from it. */
    private static void verdicts(JsonOut j, List<Verdict> verdicts) {
        j.beginArray("verdicts");
        for (Verdict v : verdicts) {
            j.verdict(null, v, JvmSentences.verdict(v));
        }
        j.endArray();
    }
}
