package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import xray.analysis.CgroupFold;
import xray.analysis.CgroupTree;
import xray.collect.MemCollector;
import xray.collect.Scraper;
import xray.collect.Warnings;
import xray.jvm.PerfData;
import xray.model.Cgroup;
import xray.model.CgroupField;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.ScrapeSample;
import xray.testing.HostFixtures;
import xray.testing.Live;
import xray.testing.Tree;

/** What xray serve exports for a fixture host: names, labels, values, folding, and both text formats. */
class MetricsTest {
    @TempDir
    Path tmp;

    static final String FROTH = "/system.slice/froth.service";
    static final String DOCKER = "/docker/" + HostFixtures.CONTAINER_ID;

    /** The hybrid fixture, with refault counters for froth and a JVM's perf data (JDK 17) as pid 100's. */
    static Tree host() throws IOException {
        Tree t = HostFixtures.hybrid(new Tree());
        Path stat = t.root().resolve("sys/fs/cgroup/memory" + FROTH + "/memory.stat");
        Files.writeString(stat, "workingset_refault_anon 7\nworkingset_refault_file 12\ntotal_workingset_refault_anon 9\n"
                + "total_workingset_refault_file 4242\n", StandardOpenOption.APPEND);
        Path perf = t.root().resolve("proc/100/root/tmp/hsperfdata_root/100");
        Files.createDirectories(perf.getParent());
        Files.write(perf, Files.readAllBytes(Path.of("src/test/resources/xray/jvm/jdk17/hsperfdata")));
        return t;
    }

    static String text(MetricSnapshots s) {
        return PrometheusTextFormatWriter.create().toDebugString(s);
    }

    /** Series → value, from the Prometheus text format. */
    static Map<String, Double> series(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int sp = line.lastIndexOf(' ');
                out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            }
        }
        return out;
    }

    /** The scrape as xray serve exports it (cli's Exporter: the report, the fold, the snapshots). */
    static MetricSnapshots of(ScrapeSample s, int max) {
        MemReport r = CgroupTree.report(new MemSample(s.host(), s.layout(), s.cgroups(), false));
        return Metrics.of(s, r.memory(), r.cgroups(), CgroupFold.of(r.cgroups(), max));
    }

    static ScrapeSample scrape(Tree t, int depth) {
        try (Scraper s = new Scraper(t.kernelFs(), depth, Duration.ofSeconds(10), w -> { })) {
            return s.scrape();
        }
    }

    @Test
    void cgroupMetricsAreTheModelsNumbers() throws IOException {
        Tree t = host();
        Map<String, Double> m = series(text(of(scrape(t, 3), 500)));
        MemReport mem = CgroupTree.report(MemCollector.collect(t.kernelFs(), new Warnings(), false));
        Cgroup froth = mem.cgroups().stream().filter(c -> c.path().equals(FROTH)).findFirst().orElseThrow();
        String labels = "{cgroup=\"" + FROTH + "\",service=\"froth.service\"}";
        assertEquals((double) CgroupField.REAL_COST.number(froth), m.get("xray_cgroup_real_cost_bytes" + labels));
        assertEquals((double) CgroupField.COLD_CACHE.number(froth), m.get("xray_cgroup_cache_cold_bytes" + labels));
        assertEquals((double) CgroupField.CURRENT.number(froth), m.get("xray_cgroup_current_bytes" + labels));
        assertEquals(4242.0, m.get("xray_cgroup_refaults_total{cgroup=\"" + FROTH + "\",service=\"froth.service\",type=\"file\"}"),
                "the hierarchical counter, as counted");
        assertEquals(9.0, m.get("xray_cgroup_refaults_total{cgroup=\"" + FROTH + "\",service=\"froth.service\",type=\"anon\"}"));
        String db = "{cgroup=\"/system.slice/db.service\",service=\"db.service\"}";
        assertEquals(2.0, m.get("xray_cgroup_oom_kills_total" + db));
        assertEquals(9.13812, m.get("xray_cgroup_pressure_some_seconds_total" + db), 1e-9);
        assertEquals(1024.0 * 1024 * 1024, m.get("xray_cgroup_limit_max_bytes" + db));
        assertFalse(m.containsKey("xray_cgroup_limit_max_bytes" + labels), "unlimited: no series");
        assertTrue(m.containsKey("xray_cgroup_current_bytes{cgroup=\"" + DOCKER + "\",container=\"1c8fa019edd4\"}"),
                m.keySet().toString());
        assertTrue(m.containsKey("xray_cgroup_current_bytes{cgroup=\"/system.slice\"}"), "a slice: its path only");
        assertEquals((double) mem.memory().memTotal(), m.get("xray_host_memory_total_bytes"));
        assertEquals((double) mem.memory().realCost(), m.get("xray_host_real_cost_bytes"));
        assertEquals(1.848265, m.get("xray_host_pressure_some_seconds_total"), 1e-9);
        assertEquals(0.0, m.get("xray_scrape_partial"));
        assertEquals(0.0, m.get("xray_cgroups_folded"));
    }

    @Test
    void depthBoundsWhatIsRead() throws IOException {
        Map<String, Double> m = series(text(of(scrape(host(), 1), 500)));
        assertTrue(m.containsKey("xray_cgroup_current_bytes{cgroup=\"/system.slice\"}"));
        assertFalse(m.keySet().stream().anyMatch(k -> k.contains(FROTH)), "depth 1: no services");
    }

    @Test
    void theSmallestAreFoldedIntoOtherWithoutCountingTwice() throws IOException {
        ScrapeSample s = scrape(host(), 3);
        Map<String, Double> all = series(text(of(s, 500)));
        Map<String, Double> m = series(text(of(s, 5)));
        long cgroupSeries = m.keySet().stream().filter(k -> k.startsWith("xray_cgroup_current_bytes{")).count();
        assertEquals(5, cgroupSeries, m.keySet().toString());
        assertEquals(s.cgroups().size() - 4, m.get("xray_cgroups_folded"));
        double other = m.get("xray_cgroup_current_bytes{cgroup=\"other\"}");
        // Kept: /, /system.slice, froth, db (the largest, with their parents). Folded tops: the two tiny services,
        // /docker and /user.slice; the container and the session are inside those, so not added again.
        double expected = 0;
        for (String p : List.of("/system.slice/tiny-a.service", "/system.slice/tiny-b.service", "/docker", "/user.slice")) {
            String key = all.keySet().stream().filter(k -> k.startsWith("xray_cgroup_current_bytes{cgroup=\"" + p + "\""))
                    .findFirst().orElseThrow();
            expected += all.get(key);
        }
        assertEquals(expected, other);
        assertFalse(m.containsKey("xray_cgroup_peak_bytes{cgroup=\"other\"}"), "a sum of peaks is no peak");
    }

    @Test
    void jvmsFromTheirPerfDataAlone() throws IOException {
        Tree t = host();
        Map<String, Double> m = series(text(of(scrape(t, 3), 500)));
        PerfData perf = PerfData.parse(Files.readAllBytes(Path.of("src/test/resources/xray/jvm/jdk17/hsperfdata")));
        String l = "{main_class=\"xray.jvm.AuditTarget\",pid=\"100\"}";
        assertEquals((double) perf.heapMax(), m.get("xray_jvm_heap_max_bytes" + l));
        assertEquals(17.0, m.get("xray_jvm_threads" + l));
        assertEquals(197.0 + 630, m.get("xray_jvm_classes_loaded_total" + l));
        assertEquals(0.0, m.get("xray_jvm_gc_collections_total{gc=\"G1 young collection pauses\",main_class=\"xray.jvm.AuditTarget\",pid=\"100\"}"));
        assertEquals((double) perf.heapCommitted(), m.get("xray_jvm_heap_committed_bytes" + l), "young + old capacity");
        assertEquals(20971544.0 + 377487368, m.get("xray_jvm_heap_committed_bytes" + l));
    }

    /**
     * A JVM just starting has counters without the clock that turns ticks into seconds (found live:
     * a scrape failed while short-lived JVMs came and went): its GC counts are exported, its GC
     * time is not.
     */
    @Test
    void aJvmWithoutItsTickFrequencyHasNoGcTime() throws IOException {
        Tree t = host();
        Path perf = t.root().resolve("proc/100/root/tmp/hsperfdata_root/100");
        byte[] b = Files.readAllBytes(perf);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("sun.os.hrt.frequency");
        assertTrue(at > 0);
        b[at + "sun.os.hrt.frequency".length() - 1] = 'X';
        Files.write(perf, b);
        Map<String, Double> m = series(text(of(scrape(t, 3), 500)));
        String young = "{gc=\"G1 young collection pauses\",main_class=\"xray.jvm.AuditTarget\",pid=\"100\"}";
        assertEquals(0.0, m.get("xray_jvm_gc_collections_total" + young));
        assertFalse(m.containsKey("xray_jvm_gc_seconds_total" + young));
    }

    /** hsperfdata is written by the JVM's user: two collectors of one name and a negative counter break nothing. */
    @Test
    void hostilePerfDataCannotFailTheScrape() throws IOException {
        Tree t = host();
        Path perf = t.root().resolve("proc/100/root/tmp/hsperfdata_root/100");
        byte[] b = Files.readAllBytes(perf);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        for (String name : new String[] {"G1 young collection pauses", "G1 full collection pauses"}) {
            b[s.indexOf(name) + 2] = 0; // both are called "G1" now
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(b[4] == 0 ? java.nio.ByteOrder.BIG_ENDIAN
                : java.nio.ByteOrder.LITTLE_ENDIAN);
        int entry = buf.getInt(24);
        for (int i = 0; i < buf.getInt(28); i++) {
            int nameAt = entry + buf.getInt(entry + 4);
            if (s.startsWith("java.cls.loadedClasses\0", nameAt) || s.startsWith("sun.gc.collector.0.invocations\0", nameAt)) {
                buf.putLong(entry + buf.getInt(entry + 16), -5);
            }
            entry += buf.getInt(entry);
        }
        Files.write(perf, b);
        Map<String, Double> m = series(text(of(scrape(t, 3), 500)));
        String l = "main_class=\"xray.jvm.AuditTarget\",pid=\"100\"";
        assertEquals(1, m.keySet().stream().filter(k -> k.startsWith("xray_jvm_gc_collections_total{gc=\"G1\"," + l)).count());
        assertEquals(0.0, m.get("xray_jvm_gc_collections_total{gc=\"G1\"," + l + "}"), "the collector whose count is not below zero");
        assertEquals(2, m.keySet().stream().filter(k -> k.startsWith("xray_jvm_gc_seconds_total{gc=\"G1\"," + l)).count()
                + m.keySet().stream().filter(k -> k.startsWith("xray_jvm_gc_seconds_total{gc=\"G1 concurrent")).count(),
                "one series per name: the first G1 and the concurrent cycle");
        assertFalse(m.containsKey("xray_jvm_classes_loaded_total{" + l + "}"), "no counter below zero");
        assertTrue(m.containsKey("xray_jvm_heap_max_bytes{" + l + "}"), "the rest of the JVM's metrics");
        assertTrue(m.containsKey("xray_cgroup_current_bytes{cgroup=\"/\"}"), "and of the host");
    }

    @Test
    void openMetricsHasUnitsAndAnEnd() throws IOException {
        String om = OpenMetricsTextFormatWriter.create().toDebugString(of(scrape(host(), 3), 500));
        assertTrue(om.endsWith("# EOF\n"), om.substring(Math.max(0, om.length() - 200)));
        assertTrue(om.contains("# UNIT xray_cgroup_real_cost_bytes bytes\n"), om);
        assertTrue(om.contains("# TYPE xray_cgroup_refaults counter\n"), om);
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Live.require(Live.onPath("promtool"), "needs promtool (apt-get install prometheus)");
        Path f = tmp.resolve("metrics.txt");
        Files.writeString(f, text(of(scrape(host(), 3), 5)));
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(f.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "no lint findings");
    }
}
