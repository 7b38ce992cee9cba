package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import xray.analysis.CgroupFold;
import xray.collect.Scraper;
import xray.kernel.KernelFs;
import xray.kernel.ReadFailure;
import xray.model.FoldPlan;
import xray.model.ScrapeSample;
import xray.testing.HostFixtures;
import xray.testing.Tree;

/**
 * xray serve on a tree of more cgroups than --max-cgroups reads their charges first, then whole
 * only the cgroups kept and the tops of the folded subtrees: it exports exactly what reading
 * every cgroup whole does, and reads none of the other files of the cgroups below a folded top.
 */
class ServeFoldTest {
    static final String CG = "/sys/fs/cgroup";

    /**
     * A cgroup v2 host: 3 slices of 6 services of 3 scopes each (76 cgroups with the root, which
     * has no memory.current), charges drawn from a few values so that ties are broken by path,
     * each parent's charge its children's and its own; every file serve reads.
     */
    static Tree v2(Tree t) {
        t.file("/proc/meminfo", HostFixtures.meminfo())
                .file("/proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n")
                .file(CG + "/cgroup.controllers", "memory\n")
                .file(CG + "/memory.stat", "anon 1000000\nfile 2000000\nshmem 0\n");
        Random random = new Random(14);
        for (int s = 0; s < 3; s++) {
            String slice = "/s-" + s + ".slice";
            long sliceCharge = 4096;
            for (int u = 0; u < 6; u++) {
                String service = slice + "/u-" + u + ".service";
                long serviceCharge = 4096L * random.nextInt(3);
                for (int c = 0; c < 3; c++) {
                    long charge = 4096L * (1 + random.nextInt(8));
                    cgroup(t, service + "/scope-" + c + ".scope", charge, random);
                    serviceCharge += charge;
                }
                cgroup(t, service, serviceCharge, random);
                sliceCharge += serviceCharge;
            }
            cgroup(t, slice, sliceCharge, random);
        }
        return t;
    }

    private static void cgroup(Tree t, String path, long current, Random random) {
        String dir = CG + path;
        long anon = current / 2;
        long file = current - anon;
        t.file(dir + "/memory.current", current + "\n")
                .file(dir + "/memory.peak", (current + 4096L * random.nextInt(4)) + "\n")
                .file(dir + "/memory.max", random.nextBoolean() ? "max\n" : (current * 2) + "\n")
                .file(dir + "/memory.high", "max\n")
                .file(dir + "/memory.swap.current", 4096L * random.nextInt(2) + "\n")
                .file(dir + "/memory.stat", "anon " + anon + "\nfile " + file + "\nkernel 8192\nshmem 4096\n"
                        + "active_file " + file / 2 + "\ninactive_file " + (file - file / 2) + "\nslab_reclaimable 4096\n"
                        + "workingset_refault_anon " + random.nextInt(10) + "\nworkingset_refault_file "
                        + random.nextInt(1000) + "\n")
                .file(dir + "/memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill " + random.nextInt(3) + "\n")
                .file(dir + "/memory.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=" + random.nextInt(100000)
                        + "\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=" + random.nextInt(1000) + "\n");
    }

    /** One scrape, reading every cgroup whole or (folding) the charges first. */
    static ScrapeSample scrape(KernelFs fs, int max, boolean folding, Duration timeout) {
        try (Scraper s = folding
                ? new Scraper(fs, 5, timeout, max, charges -> CgroupFold.ofCharges(charges, max), w -> { })
                : new Scraper(fs, 5, timeout, w -> { })) {
            return s.scrape();
        }
    }

    /** Every series as exported, but the scrape's own duration. */
    static Map<String, String> series(ScrapeSample s, int max) {
        Map<String, String> out = new TreeMap<>();
        for (String line : PrometheusTextFormatWriter.create().toDebugString(Exporter.snapshots(s, max)).split("\n")) {
            if (!line.startsWith("#") && !line.isBlank() && !line.startsWith("xray_scrape_duration_seconds")) {
                int sp = line.lastIndexOf(' ');
                out.put(line.substring(0, sp), line.substring(sp + 1));
            }
        }
        return out;
    }

    @Test
    void foldingFirstExportsWhatReadingEveryCgroupDoes() {
        KernelFs fs = v2(new Tree()).kernelFs();
        for (int max : new int[] {1, 2, 5, 20, 40, 75, 76, 500}) {
            ScrapeSample whole = scrape(fs, max, false, Duration.ofSeconds(30));
            ScrapeSample folding = scrape(fs, max, true, Duration.ofSeconds(30));
            assertEquals(76, whole.cgroups().size());
            Map<String, String> expected = series(whole, max);
            assertEquals(expected, series(folding, max), "--max-cgroups " + max);
            if (max < 76) {
                assertNotNull(folding.fold(), "a fold chosen from the charges");
                assertEquals(folding.fold().kept().size() + folding.fold().foldedTops().size(), folding.cgroups().size(),
                        "read whole: the kept and the folded tops alone");
                assertEquals(76 - folding.fold().kept().size(), Double.parseDouble(expected.get("xray_cgroups_folded")));
                assertTrue(expected.containsKey("xray_cgroup_current_bytes{cgroup=\"other\"}"), expected.keySet().toString());
            } else {
                assertNull(folding.fold(), "no more cgroups than series: every one read whole, once");
                assertEquals("0.0", expected.get("xray_cgroups_folded"));
            }
            assertEquals("0.0", expected.get("xray_scrape_partial"));
            assertEquals("0.0", expected.get("xray_scrape_skipped_cgroups"));
        }
    }

    @Test
    void aRealV1HostFoldedReadsTheSame() {
        KernelFs fs = HostFixtures.hybrid(new Tree()).kernelFs();
        for (int max = 1; max <= 10; max++) {
            ScrapeSample whole = scrape(fs, max, false, Duration.ofSeconds(30));
            assertEquals(series(whole, max), series(scrape(fs, max, true, Duration.ofSeconds(30)), max),
                    "--max-cgroups " + max + " of " + whole.cgroups().size());
        }
    }

    /** Reads (or tries) of each file, by path below the tree. */
    static final class Counting implements KernelFs.Recorder {
        final Path root;
        final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        Counting(Path root) {
            this.root = root;
        }

        @Override
        public void read(Path file, byte[] bytes) {
            reads.computeIfAbsent("/" + root.relativize(file), k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void failed(Path file, ReadFailure kind) {
            read(file, null);
        }

        @Override
        public void names(Path dir, List<String> names) {
        }

        int under(String cgroup, String file) {
            AtomicInteger n = reads.get((cgroup.equals("/") ? CG : CG + cgroup) + "/" + file);
            return n == null ? 0 : n.get();
        }

        int cgroupFiles() {
            return reads.entrySet().stream().filter(e -> e.getKey().startsWith(CG + "/")).mapToInt(e -> e.getValue().get()).sum();
        }
    }

    @Test
    void theFilesOfCgroupsBelowAFoldedTopAreNotRead() {
        Tree t = v2(new Tree());
        int max = 20;
        Counting all = new Counting(t.root());
        scrape(t.kernelFs().recording(all), max, false, Duration.ofSeconds(30));
        Counting folding = new Counting(t.root());
        ScrapeSample s = scrape(t.kernelFs().recording(folding), max, true, Duration.ofSeconds(30));
        FoldPlan plan = s.fold();
        List<String> below = new ArrayList<>();
        for (String p : paths()) {
            if (!plan.readWhole(p)) {
                below.add(p);
            }
        }
        assertFalse(below.isEmpty(), "some cgroups lie below a folded top");
        for (String p : paths()) {
            if (plan.readWhole(p)) {
                assertEquals(1, folding.under(p, "memory.stat"), p + " (kept or a folded top): read whole");
                assertEquals(1, folding.under(p, "memory.current"), p + ": its charge read once");
            } else {
                assertEquals(1, folding.under(p, "memory.current"), p + ": its charge alone");
                for (String file : List.of("memory.stat", "memory.peak", "memory.max", "memory.high", "memory.swap.current",
                        "memory.events", "memory.pressure")) {
                    assertEquals(0, folding.under(p, file), p + " below a folded top: " + file + " not read");
                }
            }
        }
        // 75 cgroups with 8 files each, and the root's: every one read whole reads them all
        assertEquals(76 * 8, all.cgroupFiles());
        int whole = plan.kept().size() + plan.foldedTops().size();
        assertEquals(whole * 8 + below.size(), folding.cgroupFiles(), whole + " read whole, " + below.size() + " by charge");
    }

    /** Every cgroup path of {@link #v2}, the root included. */
    static List<String> paths() {
        List<String> out = new ArrayList<>(List.of("/"));
        for (int s = 0; s < 3; s++) {
            String slice = "/s-" + s + ".slice";
            out.add(slice);
            for (int u = 0; u < 6; u++) {
                String service = slice + "/u-" + u + ".service";
                out.add(service);
                for (int c = 0; c < 3; c++) {
                    out.add(service + "/scope-" + c + ".scope");
                }
            }
        }
        return out;
    }

    @Test
    void aCgroupRemovedAfterItsChargeWasReadIsLeftOut() throws java.io.IOException {
        Tree t = v2(new Tree());
        String gone = "/s-0.slice/u-0.service/scope-0.scope";
        Path dir = t.root().resolve(CG.substring(1) + gone);
        ScrapeSample s;
        try (Scraper scraper = new Scraper(t.kernelFs(), 5, Duration.ofSeconds(30), 10, charges -> {
            // removed between the two passes, as systemd removes a scope that ended
            try (var files = java.nio.file.Files.list(dir)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
                java.nio.file.Files.delete(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new FoldPlan(java.util.Set.copyOf(paths()), Map.of());
        }, w -> { })) {
            s = scraper.scrape();
        }
        List<String> read = s.cgroups().stream().map(xray.model.CgroupSample::path).toList();
        assertFalse(read.contains(gone), "gone, though its charge was read: not exported with that charge alone");
        assertEquals(75, read.size());
    }

    @Test
    void aFoldingScrapeCutShortSaysWhatItSkipped() {
        KernelFs fs = v2(new Tree()).kernelFs();
        ScrapeSample cut = scrape(fs, 20, true, Duration.ofNanos(1));
        Map<String, String> m = series(cut, 20);
        assertEquals("1.0", m.get("xray_scrape_partial"));
        int exported = (int) m.keySet().stream().filter(k -> k.startsWith("xray_cgroup_current_bytes{")
                && !k.contains("cgroup=\"other\"")).count();
        int folded = (int) Double.parseDouble(m.getOrDefault("xray_cgroups_folded", "0"));
        int skipped = (int) Double.parseDouble(m.get("xray_scrape_skipped_cgroups"));
        assertTrue(skipped > 0, m.toString());
        assertTrue(exported + folded + skipped <= 76, exported + " exported, " + folded + " folded, " + skipped + " skipped");
    }
}
