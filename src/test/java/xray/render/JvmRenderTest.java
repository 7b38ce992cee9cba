package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import xray.model.JvmReport;
import xray.model.JvmReport.Pool;
import xray.model.Verdict;

/** The text and JSON of one audit, from a report built by hand: absent stays absent. */
class JvmRenderTest {
    static final long MIB = 1 << 20;

    /** An audit the way the diagnostic-command path leaves it: no JMX, no NMT. */
    static JvmReport report() {
        JvmReport.Info info = new JvmReport.Info("OpenJDK 64-Bit Server VM", "17.0.15+6", "Debian", "app", 1000,
                "com.example.Shop", 3725.0, "G1", List.of(new JvmReport.Collector("G1 young collection pauses", 12, 85L)),
                2100L, 3L, 256 * MIB, 256 * MIB, true, "off");
        JvmReport.Memory memory = new JvmReport.Memory(300 * MIB, 280 * MIB, 20 * MIB, 0L, null, 50 * MIB, 100 * MIB,
                256 * MIB, List.of(new Pool("garbage-first heap", 50 * MIB, 100 * MIB, null)), 30 * MIB, 32 * MIB,
                3 * MIB, 4 * MIB, 10 * MIB, null, null, null, 7L, null, null, null, 18 * MIB, 2 * MIB, 138 * MIB,
                "smaps", new JvmReport.Resident(300 * MIB, 60 * MIB, 34 * MIB, 12 * MIB, 3 * MIB, 14, 2 * MIB, null,
                138 * MIB, 51 * MIB, null, 64L << 30));
        JvmReport.Threads threads = new JvmReport.Threads(12, 10, 14, Map.of("RUNNABLE", 5, "WAITING", 7), 9, 1.0,
                "interval", List.of(new JvmReport.HotThread("worker-1", 4242, 31L, 97.5, "RUNNABLE",
                List.of("com.example.Work.spin(Work.java:10)"), null)),
                List.of(new JvmReport.BlockedGroup("holder", "TIMED_WAITING", "com.example.Gate@0x1",
                        List.of("w1", "w2"))),
                List.of(new JvmReport.Deadlock(List.of(new JvmReport.DeadlockLink("a", "java.lang.Object@0x2", "b"),
                        new JvmReport.DeadlockLink("b", "java.lang.Object@0x3", "a")))),
                List.of(new JvmReport.HotThread("Attach Listener", 4250, 20L, 2.5, "RUNNABLE", List.of(), 1024L)));
        JvmReport.Listeners listeners = new JvmReport.Listeners("all", "listener", 1.0,
                3, false, null, List.of(new JvmReport.ListenerClass("com.example.OrderListener", null, 5000, 80000, 120L,
                true, 2, null)), 4);
        JvmReport.Sources sources = new JvmReport.Sources("started", false, "turned-off", null, false, null,
                null, Map.of("memory", List.of("VM.info")), List.of(new JvmReport.CommandRun("VM.flags", 1.23)), null,
                null);
        return new JvmReport(4240, 1, info, memory, threads, listeners, sources, List.of(
                new Verdict("deadlock", Verdict.Severity.CRIT, "a, b", Map.of("threads", 2L)),
                new Verdict("listener-growth", Verdict.Severity.WARN, "com.example.OrderListener", new java.util.LinkedHashMap<>(
                        Map.of("growth", 120L, "count", 5000L, "intervalSeconds", 1.0, "histograms", 3L, "mode", "all")))));
    }

    /** The resident read before attaching and smaps's total, read after some requests: both shown when they differ. */
    @Test
    void residentBeforeAndAtSmapsBothShownWhenTheyDiffer() {
        JvmReport.Memory same = report().memory();
        assertTrue(JvmText.breakdown(same).startsWith("Resident 300 MiB: heap 60 MiB, "), JvmText.breakdown(same));
        JvmReport.Memory grew = new JvmReport.Memory(295 * MIB, 275 * MIB, 20 * MIB, 0L, null, 50 * MIB, 100 * MIB,
                256 * MIB, List.of(new Pool("garbage-first heap", 50 * MIB, 100 * MIB, null)), 30 * MIB, 32 * MIB,
                3 * MIB, 4 * MIB, 10 * MIB, null, null, null, 7L, null, null, null, 18 * MIB, 2 * MIB, 138 * MIB,
                "smaps", same.resident());
        assertTrue(JvmText.breakdown(grew).startsWith("Resident 300 MiB when smaps was read, after xray's first requests "
                + "(295 MiB before them): heap 60 MiB, "), JvmText.breakdown(grew));
    }

    @Test
    void textShowsAbsentAsDashAndSaysWhatIsMissing() {
        String out = new JvmText(Style.PLAIN).report(report());
        assertTrue(out.startsWith("pid 4240 (1 inside its namespace) · com.example.Shop · Java 17.0.15+6 · app · up 1h 2m\n"),
                out);
        assertTrue(out.contains("  direct buffers              -  bytes unknown without JMX (--jmx) or NMT; 7 DirectByteBuffer\n"
                + "                                 objects (slices and mapped buffers included)\n"), out);
        assertTrue(out.contains("  mapped buffers              -  unknown without JMX (--jmx)\n"), out);
        assertTrue(out.contains("    Left out, busy with xray's own requests: Attach Listener 2.5%\n"), out);
        assertTrue(out.contains("  thread stacks         3.0 MiB  resident, the stacks of 14 threads\n"), out);
        assertTrue(out.contains("  heap                   50 MiB  used of 100 MiB committed (60 MiB resident), 256 MiB max\n"),
                out);
        assertTrue(out.contains("\n  Resident 300 MiB: heap 60 MiB, untracked native 138 MiB, files (libraries, mapped files, the\n"
                + "  class-data archive) 51 MiB, metaspace 34 MiB, code cache 12 MiB, thread stacks 3.0 MiB, GC\n"
                + "  structures 2.0 MiB.\n"), out);
        assertTrue(out.contains("\nVerdict\n  • Deadlock: a, b wait for each other's locks and will never go on.\n"
                + "  • com.example.OrderListener grew by 120 to 5000 in 1.0 s, rising at each of 3 histograms;\n"
                + "    garbage is not excluded: --live confirms.\n"), out);
        assertTrue(out.contains("    com.example.OrderListener (2 loaders)   5000  78 KiB    +120\n"
                + "    4 more classes match with fewer than 100 objects, not growing, and not among the 5 most numerous\n"),
                out);
        assertTrue(out.contains("    97.5  4242  RUNNABLE  worker-1\n        at com.example.Work.spin(Work.java:10)\n"), out);
        assertTrue(out.contains("    2 threads wait for com.example.Gate@0x1 held by holder (TIMED_WAITING): w1, w2\n"),
                out);
        assertTrue(out.contains("     1. a waits for java.lang.Object@0x2 held by b\n        b waits for"), out);
        assertTrue(out.contains("  JMX            not used: turned off with --no-jmx\n"), out);
        assertFalse(out.contains("null"), out);
    }

    @Test
    void narrowTerminalsWrapNotesInsteadOfDroppingThem() {
        String out = new JvmText(new Style(false, true, 60)).report(report());
        for (String line : out.split("\n")) {
            boolean oneWord = !line.strip().contains(" ");
            if (!line.contains("CLASS") && !line.contains("OrderListener") && !oneWord) {
                assertTrue(Style.visibleLength(line) <= 60, "'" + line + "' is wider than 60");
            }
        }
        assertTrue(out.contains("turned off with --no-jmx"), out);
    }

    @Test
    void jsonKeysAreTheContract() throws Exception {
        StringWriter w = new StringWriter();
        JvmJson.report(w, JsonOut.Format.PRETTY, new xray.model.Origin("host", 0, "0.1.0"), report(),
                List.of("a warning"));
        JsonNode doc = new ObjectMapper().readTree(w.toString());
        TreeSet<String> keys = new TreeSet<>();
        paths(doc, "", keys);
        List<String> expected = List.of("jvm.classesLoaded", "jvm.classesUnloaded", "jvm.collectors[].count",
                "jvm.collectors[].name", "jvm.collectors[].timeMillis", "jvm.directMemoryMax",
                "jvm.directMemoryMaxIsDefault", "jvm.gc", "jvm.heapMax", "jvm.mainClass", "jvm.name", "jvm.nmt",
                "jvm.uid", "jvm.uptimeSeconds", "jvm.user", "jvm.vendor", "jvm.version",
                "listeners.classes[].bytes", "listeners.classes[].count", "listeners.classes[].growth",
                "listeners.classes[].growing", "listeners.classes[].implementing",
                "listeners.classes[].loaders", "listeners.classes[].module", "listeners.classes[].name",
                "listeners.intervalSeconds", "listeners.mode", "listeners.pattern", "listeners.histograms",
                "listeners.byType", "listeners.hierarchySkipped", "listeners.leftOut",
                "memory.classSpaceCommitted", "memory.classSpaceUsed", "memory.codeCacheCommitted",
                "memory.codeCacheUsed", "memory.directBuffers.bytes", "memory.directBuffers.count",
                "memory.directBuffersBasis", "memory.directBufferObjects", "memory.resident.total",
                "memory.resident.heap", "memory.resident.metaspace", "memory.resident.codeCache",
                "memory.resident.threadStacks", "memory.resident.stacksFound", "memory.resident.gcStructures",
                "memory.resident.directBuffers", "memory.resident.untracked", "memory.resident.files",
                "memory.resident.skipped", "memory.resident.limit",
                "memory.heapCommitted", "memory.heapMax", "memory.heapPools[].committed", "memory.heapPools[].max",
                "memory.heapPools[].name", "memory.heapPools[].used", "memory.heapUsed", "memory.mallocOutstanding",
                "memory.mallocRetained", "memory.mappedBuffers.bytes", "memory.mappedBuffers.count",
                "memory.metaspaceCommitted", "memory.metaspaceUsed", "memory.nmt", "memory.rss", "memory.rssAnon",
                "memory.rssFile", "memory.rssShmem", "memory.swap", "memory.threadStacks", "memory.untrackedBasis",
                "memory.untrackedNative", "nspid", "pid", "schema", "time", "hostname", "xrayVersion", "sources.attach", "sources.commands[].command",
                "sources.commands[].millis", "sources.jmx", "sources.jmxAgent", "sources.jmxAgentStarted", "sources.jmxReason", "sources.jmxProblem",
                "sources.perfData", "sources.safepointMillis", "sources.safepoints", "sources.sections.memory[]",
                "threads.blocked[].lock", "threads.blocked[].owner", "threads.blocked[].ownerState",
                "threads.blocked[].waiters[]", "threads.cpuBasis", "threads.daemon", "threads.deadlocks[].threads[].heldBy",
                "threads.deadlocks[].threads[].name", "threads.deadlocks[].threads[].waitingFor", "threads.hot[].allocatedBytes",
                "threads.hot[].cpuPercent", "threads.hot[].frames[]", "threads.hot[].javaId", "threads.hot[].name",
                "threads.hot[].state", "threads.hot[].tid", "threads.intervalSeconds", "threads.peak",
                "threads.own[].allocatedBytes", "threads.own[].cpuPercent", "threads.own[].frames[]",
                "threads.own[].javaId", "threads.own[].name", "threads.own[].state", "threads.own[].tid",
                "threads.states.RUNNABLE", "threads.states.WAITING", "threads.total", "threads.vmThreads", "warnings[]",
                "verdicts[].code", "verdicts[].severity", "verdicts[].subject", "verdicts[].figures.threads",
                "verdicts[].figures.growth", "verdicts[].figures.count", "verdicts[].figures.intervalSeconds",
                "verdicts[].figures.histograms", "verdicts[].figures.mode", "verdicts[].text");
        assertEquals(new TreeSet<>(expected), keys);
        assertTrue(doc.at("/memory/nmt").isNull());
        assertTrue(doc.at("/memory/directBuffers/count").isNull());
        assertTrue(doc.at("/memory/swap").isNull());
        assertEquals(100 * MIB, doc.at("/memory/heapCommitted").asLong());
        assertEquals(1.2, doc.at("/sources/commands/0/millis").asDouble());
        assertEquals("xray.jvm/v3", doc.at("/schema").asText());
        assertEquals("crit", doc.at("/verdicts/0/severity").asText());
        assertEquals(2, doc.at("/verdicts/0/figures/threads").asLong());
        assertEquals("Deadlock: a, b wait for each other's locks and will never go on.", doc.at("/verdicts/0/text").asText());
        assertEquals(120, doc.at("/verdicts/1/figures/growth").asLong());
    }

    static void paths(JsonNode n, String at, TreeSet<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                paths(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
            }
        } else if (n.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            n.forEach(items::add);
            if (items.isEmpty()) {
                out.add(at + "[]");
            }
            for (JsonNode i : items) {
                paths(i, at + "[]", out);
            }
        } else {
            out.add(at);
        }
    }

    @Test
    void durations() {
        assertEquals("-", JvmText.duration(null));
        assertEquals("59s", JvmText.duration(59.9));
        assertEquals("1m 15s", JvmText.duration(75.0));
        assertEquals("2h 1m", JvmText.duration(7260.0));
        assertEquals("2d 7h", JvmText.duration(200000.0));
    }
}
