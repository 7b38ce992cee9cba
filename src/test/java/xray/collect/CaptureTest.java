package xray.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.analysis.CgroupTree;
import xray.analysis.ProcessModel;
import xray.model.CaptureSummary;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.Origin;
import xray.model.PsProcess;
import xray.model.PsSample;
import xray.kernel.KernelFs;
import xray.kernel.ReadFailure;
import xray.kernel.ReadLog;
import xray.render.JsonOut;
import xray.render.ManifestJson;
import xray.render.MemJson;
import xray.render.PsJson;
import xray.testing.HostFixtures;
import xray.testing.Live;
import xray.testing.Tree;

/**
 * A capture and the bundle it makes: {@code xray mem} and {@code xray ps} over the bundle print
 * what they printed over the host at the capture (the same bytes: the same numbers), and the
 * bundle holds exactly the files those readers read over it, no others.
 */
class CaptureTest {
    @TempDir
    Path tmp;

    static final ObjectMapper JSON = new ObjectMapper();

    /** Captures {@code root}, writes the bundle, opens it again. */
    record RoundTrip(Capture capture, Bundle bundle, Path file, KernelFs opened) {
    }

    static final long PSS_MAX_RSS = 64L << 30;

    RoundTrip roundTrip(Path root, boolean pss, Integer ownPid) throws IOException {
        Capture c = Capture.record(root, pss, PSS_MAX_RSS, new Warnings());
        Bundle b = Bundle.of(c.log(), ownPid);
        Path file = tmp.resolve("bundle-" + System.nanoTime() + ".tar.gz");
        try (var out = Files.newOutputStream(file)) {
            b.write(out, "xray-test-20260101T000000Z", ManifestJson.of(b.summary(Instant.EPOCH.toString(), c.identity(),
                    "xray test", pss, c.mem().cgroups().size(), c.ps().processes().size())), 0);
        }
        return new RoundTrip(c, b, file, BundleFs.open(file).fs());
    }

    /** One header for the documents compared (the time a document was made is not what is compared). */
    static final Origin SAME_ORIGIN = new Origin("fixture-host", 0, "test");

    static String mem(MemSample s) {
        MemReport r = CgroupTree.report(s);
        StringWriter w = new StringWriter();
        MemJson.write(w, JsonOut.Format.PRETTY, SAME_ORIGIN, new MemJson.Content(r, null, r.cgroups(), r.cgroups().size(),
                null, null, List.of()));
        return w.toString();
    }

    static MemSample mem(KernelFs fs) {
        return MemCollector.collect(fs, new Warnings(), true);
    }

    static String ps(PsSample s) {
        return ps(s, -1);
    }

    /** xray ps's document, without the process {@code leaveOut}. */
    static String ps(PsSample s, int leaveOut) {
        var r = ProcessModel.report(s);
        StringWriter w = new StringWriter();
        List<PsProcess> ps = r.processes().stream().filter(p -> p.pid() != leaveOut).toList();
        PsJson.write(w, JsonOut.Format.PRETTY, SAME_ORIGIN, new PsJson.Content(ps, ps.size(), List.of(), 0, null,
                ProcessModel.sharing(ps, s.ksm()), r.notes(), List.of()));
        return w.toString();
    }

    static PsSample ps(KernelFs fs, boolean pss) {
        return PsCollector.collect(fs, new PsSample.Options(pss, PSS_MAX_RSS, true, null, null), new Warnings());
    }

    @Test
    void aFixtureHostReadsTheSameFromItsBundle() throws IOException {
        Tree t = HostFixtures.hybrid(Tree.onDisk(tmp.resolve("host")));
        t.file("/proc/100/environ", "AWS_SECRET_ACCESS_KEY=hunter2\0")
                .file("/proc/100/smaps_rollup", "Rss: 966656 kB\nPss: 900000 kB\nPss_Anon: 880000 kB\n"
                        + "Pss_File: 20000 kB\nPss_Shmem: 0 kB\nPrivate_Clean: 1000 kB\nPrivate_Dirty: 880000 kB\n"
                        + "SwapPss: 0 kB\n")
                .file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
                .file("/etc/shadow", "root:$6$secret:19000:0:99999:7:::\n")
                .file("/tmp/hsperfdata_root/100", "perf data")
                .file("/tmp/unrelated.txt", "private notes");
        RoundTrip rt = roundTrip(t.root(), true, null);
        MemSample again = mem(rt.opened());
        assertEquals(mem(rt.capture().mem()), mem(again));
        assertEquals(ps(rt.capture().ps()), ps(ps(rt.opened(), true)));
        assertTrue(ps(rt.capture().ps()).contains("\"pss\" : 921600000"), "PSS was captured");

        Set<String> held = rt.bundle().files().keySet();
        assertFalse(held.stream().anyMatch(p -> p.contains("environ") || p.contains("shadow") || p.contains("unrelated")),
                held.toString());
        assertEquals(List.of("/tmp/hsperfdata_root/100"), rt.bundle().names(), "the JVM's file, as a name only");
        assertEquals("", rt.opened().read("/tmp/hsperfdata_root/100").orElseThrow(), "names hold no contents");
    }

    /**
     * Exactly the files --root reads: every file the readers read over the bundle is in it with the
     * bytes read at the capture, every file in it is read, and every file they look for that it
     * lacks was absent on the host too or is named in the manifest as left out.
     */
    @Test
    void aBundleHoldsExactlyWhatTheReadersReadOverIt() throws IOException {
        Tree t = HostFixtures.hybrid(Tree.onDisk(tmp.resolve("host")));
        t.file("/proc/100/environ", "SECRET=1\0").file("/tmp/hsperfdata_root/100", "x");
        RoundTrip rt = roundTrip(t.root(), true, null);
        exactly(rt);
    }

    static void exactly(RoundTrip rt) {
        ReadLog over = new ReadLog(rt.opened().path("/"));
        KernelFs rec = rt.opened().recording(over);
        mem(rec);
        ps(rec, rt.capture().ps().options().pss());
        Bundle b = rt.bundle();
        Set<String> skipped = new TreeSet<>();
        b.skipped().forEach(s -> skipped.add(s.path()));
        for (Map.Entry<String, byte[]> e : over.files().entrySet()) {
            if (b.names().contains(e.getKey())) {
                continue;
            }
            assertTrue(b.files().containsKey(e.getKey()), "read over the bundle but not in it: " + e.getKey());
            assertArrayEquals(b.files().get(e.getKey()), e.getValue(), e.getKey());
        }
        List<String> unread = new ArrayList<>(b.files().keySet());
        unread.removeAll(over.files().keySet());
        assertEquals(List.of(), unread, "in the bundle but read by no reader");
        Map<String, ReadFailure> before = rt.capture().log().failures();
        for (Map.Entry<String, ReadFailure> e : over.failures().entrySet()) {
            String p = e.getKey();
            assertTrue(before.containsKey(p) || skipped.contains(p) || rt.capture().log().files().containsKey(p),
                    "looked for over the bundle, and neither absent at the capture nor left out: " + p);
        }
        assertEquals(b.names().size(), over.names().values().stream().mapToLong(n -> n.stream()
                .filter(x -> !x.startsWith("hsperfdata_")).count()).sum(), "the hsperfdata names, all listed");
    }

    @Test
    void theManifestSaysWhatWasLeftOutAndWhy() throws IOException {
        Tree t = HostFixtures.hybrid(Tree.onDisk(tmp.resolve("host")));
        t.file("/proc/100/environ", "SECRET=1\0");
        ReadLog log = new ReadLog(t.root());
        KernelFs fs = KernelFs.at(t.root()).recording(log);
        fs.read("/proc/100/environ");
        fs.read("/proc/100/maps");
        fs.read("/etc/shadow");
        Bundle b = Bundle.of(log, null);
        assertEquals(List.of(new CaptureSummary.Skipped("/proc/100/environ", "environment variables: they may hold secrets")),
                b.skipped());
        assertEquals(2, b.absent());
        JsonNode m = JSON.readTree(ManifestJson.of(b.summary("2026-12-01T10:00:00Z",
                new xray.model.HostIdentity("h", "Debian", "6.1.0", 4), "0.1.0+5d52ceb", false, 1, 2)));
        assertEquals(List.of("schema", "time", "hostname", "xrayVersion"), xray.testing.JsonChecks.keys(m).subList(0, 4),
                "the header every document starts with");
        assertEquals("xray.capture/v2", m.get("schema").asText());
        assertEquals("0.1.0+5d52ceb", m.get("xrayVersion").asText(), "the key every document has");
        assertEquals("h", m.get("hostname").asText());
        assertEquals("2026-12-01T10:00:00Z", m.get("time").asText());
        assertEquals("6.1.0", m.get("kernelRelease").asText());
        assertEquals("environment variables: they may hold secrets", m.get("skipped").get(0).get("why").asText());
    }

    @Test
    void thisHostReadsTheSameFromItsBundle() throws IOException {
        Live.require(Files.isReadable(Path.of("/proc/meminfo")) && Live.isRoot(), "needs Linux and root (every "
                + "process's files)");
        int self = (int) ProcessHandle.current().pid();
        RoundTrip rt = roundTrip(Path.of("/"), true, self);
        assertEquals(mem(rt.capture().mem()), mem(mem(rt.opened())),
                "xray mem: the numbers of the capture's instant");
        // ps: the same, except that a JVM found only from its memory map (which a bundle does not hold) is not
        // marked as a JVM in the bundle
        Set<Integer> mapsLeftOut = new TreeSet<>();
        rt.bundle().skipped().stream().filter(s -> s.path().endsWith("/maps"))
                .forEach(s -> mapsLeftOut.add(Integer.parseInt(s.path().split("/")[2])));
        JsonNode live = withoutJvmOf(JSON.readTree(ps(rt.capture().ps(), self)), mapsLeftOut);
        JsonNode bundled = withoutJvmOf(JSON.readTree(ps(ps(rt.opened(), true))), mapsLeftOut);
        // A smaps_rollup this host would not show xray (a process holding capabilities root lacks) is named in
        // the manifest; over the bundle it is simply absent, and the note says so in other words.
        boolean rollupDenied = rt.bundle().skipped().stream().anyMatch(s -> s.path().endsWith("/smaps_rollup"));
        List<String> diff = differences(live, bundled);
        diff.removeIf(d -> rollupDenied && d.startsWith("notes: ") && d.contains("smaps_rollup"));
        assertEquals(List.of(), diff, "xray ps: the capture's instant");
        exactly(rt);
        for (CaptureSummary.Skipped s : rt.bundle().skipped()) {
            assertFalse(s.why().startsWith("not among"), "a reader read a kind of file a bundle does not list: " + s);
        }
        for (String p : rt.bundle().files().keySet()) {
            assertTrue(BundleContents.leftOut(p) == null && !p.contains("environ"), p);
        }
    }

    /** The fields that differ, "pid N key: a → b", and any other difference of the documents. */
    static List<String> differences(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        Map<Integer, JsonNode> bs = new java.util.HashMap<>();
        b.get("processes").forEach(p -> bs.put(p.get("pid").asInt(), p));
        for (JsonNode p : a.get("processes")) {
            JsonNode q = bs.remove(p.get("pid").asInt());
            if (q == null) {
                out.add("pid " + p.get("pid") + " missing");
                continue;
            }
            p.fieldNames().forEachRemaining(k -> {
                if (!p.get(k).equals(q.get(k))) {
                    out.add("pid " + p.get("pid") + " " + k + ": " + p.get(k) + " -> " + q.get(k));
                }
            });
        }
        bs.keySet().forEach(pid -> out.add("pid " + pid + " added"));
        for (String k : new String[] {"sharing", "notes"}) {
            if (!a.get(k).equals(b.get(k))) {
                out.add(k + ": " + a.get(k) + " -> " + b.get(k));
            }
        }
        return out;
    }

    private static JsonNode withoutJvmOf(JsonNode ps, Set<Integer> pids) {
        for (JsonNode p : ps.get("processes")) {
            if (pids.contains(p.get("pid").asInt())) {
                ((ObjectNode) p).remove("jvm");
            }
        }
        return ps;
    }

    @Test
    void aBundleIsSmall() throws IOException {
        Tree t = HostFixtures.hybrid(Tree.onDisk(tmp.resolve("host")));
        RoundTrip rt = roundTrip(t.root(), false, null);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        rt.bundle().write(raw, "x", new byte[0], 0);
        assertTrue(Files.size(rt.file()) < rt.bundle().bytes(), "compressed: " + Files.size(rt.file()));
    }
}
