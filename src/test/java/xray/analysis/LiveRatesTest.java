package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.model.CgroupRates;
import xray.model.CgroupSample;
import xray.model.HostIdentity;
import xray.model.HostSample;
import xray.model.Pressure;
import xray.model.Psi;
import xray.model.TopFrame;
import xray.model.TopSample;
import xray.model.Verdict;

/**
 * The rates of xray top from two readings and the clock (MEMORY-MODEL.md, "Over time"): counters that
 * go backwards restart their rate and never show a negative one; cgroups that appear, vanish or are
 * made again between frames; PSI totals; the cache evidence.
 */
class LiveRatesTest {
    static final long SECOND = 1_000_000_000L;
    static final long MIB = 1L << 20;

    /** A v2 cgroup reading: anon (real cost, with no shmem or kernel), refault counters, PSI some total, OOM kills. */
    static CgroupSample cgroup(String path, long anon, Long refaultFile, Long refaultAnon, Long psiTotal, Long oomKills) {
        Map<String, Long> stat = new HashMap<>();
        stat.put("anon", anon);
        stat.put("shmem", 0L);
        stat.put("file", 64 * MIB);
        stat.put("active_file", 0L);
        stat.put("inactive_file", 64 * MIB);
        stat.put("kernel", 0L);
        if (refaultFile != null) {
            stat.put("workingset_refault_file", refaultFile);
        }
        if (refaultAnon != null) {
            stat.put("workingset_refault_anon", refaultAnon);
        }
        Pressure p = psiTotal == null ? null : new Pressure(new Psi(0.5, 0.2, 0.1, psiTotal), null);
        return new CgroupSample(path, false, anon + 64 * MIB, null, null, null, null, null, null, null, null,
                stat, oomKills == null ? null : Map.of("oom_kill", oomKills), p, List.of());
    }

    /** The root of a v2 host: no memory.current (its numbers are the host's), no pressure file of its own. */
    static final CgroupSample ROOT = new CgroupSample("/", false, null, null, null, null, null, null, null, null, null,
            Map.of("anon", MIB, "shmem", 0L, "file", 0L), null, null, List.of(1));

    static TopSample reading(long nanos, Map<String, Long> inodes, CgroupSample... cgroups) {
        Map<String, Long> meminfo = Map.of("MemTotal", 24L << 30, "MemFree", 20L << 30, "MemAvailable", 22L << 30,
                "AnonPages", 1L << 30, "SwapTotal", 0L, "SwapFree", 0L);
        HostSample host = new HostSample(new HostIdentity("h", null, null, 2), meminfo,
                new Pressure(new Psi(0, 0, 0, nanos / 1000 / 100), new Psi(0, 0, 0, 0L)), null, false, null);
        List<CgroupSample> all = new java.util.ArrayList<>(List.of(ROOT));
        all.addAll(List.of(cgroups));
        return new TopSample(nanos, nanos / 1_000_000, host, Map.of("workingset_refault_file", nanos / SECOND * 10,
                "workingset_refault_anon", 0L), CgroupTreeTest.V2, all, inodes,
                new TopSample.OwnUsage(nanos / 100, 40 * MIB));
    }

    static TopFrame[] frames(TopSample... readings) {
        LiveRates.State state = LiveRates.State.START;
        TopFrame[] out = new TopFrame[readings.length];
        for (int i = 0; i < readings.length; i++) {
            LiveRates.Step step = LiveRates.step(state, readings[i]);
            out[i] = step.frame();
            state = step.next();
        }
        return out;
    }

    @Test
    void countersBecomeRatesPerSecondOfTheInterval() {
        TopFrame[] f = frames(
                reading(10 * SECOND, Map.of(), cgroup("/a", 100 * MIB, 1000L, 10L, 5_000L, 0L)),
                reading(12 * SECOND, Map.of(), cgroup("/a", 110 * MIB, 3000L, 30L, 25_000L, 0L)));
        assertFalse(f[0].hasRates());
        assertEquals("first frame: rates from the next one on", f[0].noRates());
        assertNull(f[0].rates().get("/a").refaultsPerSecond());
        assertTrue(f[1].hasRates());
        assertEquals(2.0, f[1].seconds(), 1e-9);
        CgroupRates r = f[1].rates().get("/a");
        assertEquals(5 * MIB, r.realCostPerSecond(), 1e-6); // (110 − 100) MiB / 2 s
        assertEquals(1000.0, r.refaultFilePerSecond(), 1e-9);
        assertEquals(10.0, r.refaultAnonPerSecond(), 1e-9);
        assertEquals(1010.0, r.refaultsPerSecond(), 1e-9);
        assertEquals(1.0, r.pressureSomePercent(), 1e-9); // 20,000 µs stalled in 2 s = 1%
        assertEquals(10.0, f[1].host().refaultFilePerSecond(), 1e-9); // /proc/vmstat's counter grows 10 a second
        assertEquals(0.0, f[1].ownCpuPercent(), 1.0);
    }

    @Test
    void aShrinkingRealCostIsANegativeChangeButACounterGoingBackwardsRestartsItsRate() {
        TopFrame[] f = frames(
                reading(0, Map.of(), cgroup("/a", 100 * MIB, 5000L, 50L, 90_000L, 0L)),
                reading(2 * SECOND, Map.of(), cgroup("/a", 90 * MIB, 100L, 60L, 10_000L, 0L)),
                reading(4 * SECOND, Map.of(), cgroup("/a", 90 * MIB, 300L, 80L, 30_000L, 0L)));
        CgroupRates back = f[1].rates().get("/a");
        assertEquals(-5 * MIB, back.realCostPerSecond(), 1e-6); // a level may shrink
        assertNull(back.refaultFilePerSecond(), "a counter going backwards shows no rate, never a negative one");
        assertEquals(5.0, back.refaultAnonPerSecond(), 1e-9, "the other counter is not affected");
        assertEquals(5.0, back.refaultsPerSecond(), 1e-9);
        assertNull(back.pressureSomePercent(), "a PSI total going backwards shows no share of the interval");
        CgroupRates again = f[2].rates().get("/a");
        assertEquals(100.0, again.refaultFilePerSecond(), 1e-9, "the rate restarts from the new count");
        assertEquals(1.0, again.pressureSomePercent(), 1e-9);
    }

    @Test
    void cgroupsThatAppearVanishOrAreMadeAgainHaveNoRatesForThatInterval() {
        TopFrame[] f = frames(
                reading(0, Map.of("/a", 7L, "/b", 8L), cgroup("/a", 100 * MIB, 10L, 0L, 0L, 2L),
                        cgroup("/b", MIB, 10L, 0L, 0L, 0L)),
                // /b vanished; /c appeared; /a was removed and made again (another inode), its counters anew
                reading(2 * SECOND, Map.of("/a", 9L, "/c", 10L), cgroup("/a", 10 * MIB, 50L, 0L, 0L, 1L),
                        cgroup("/c", MIB, 400L, 0L, 0L, 3L)),
                reading(4 * SECOND, Map.of("/a", 9L, "/c", 10L), cgroup("/a", 20 * MIB, 70L, 0L, 0L, 1L),
                        cgroup("/c", MIB, 600L, 0L, 0L, 3L)));
        assertFalse(f[1].rates().containsKey("/b"), "a cgroup that vanished has no row");
        CgroupRates remade = f[1].rates().get("/a");
        assertNull(remade.realCostPerSecond(), "not the same cgroup: nothing to compare with");
        assertNull(remade.refaultsPerSecond());
        assertEquals(1L, remade.oomKillsSinceStart(), "its kills all happened since the start");
        assertTrue(remade.oomKillNew());
        CgroupRates appeared = f[1].rates().get("/c");
        assertNull(appeared.refaultsPerSecond());
        assertEquals(3L, appeared.oomKillsSinceStart());
        assertTrue(appeared.oomKillNew(), "kills in a cgroup that appeared are new");
        assertEquals(5 * MIB, f[2].rates().get("/a").realCostPerSecond(), 1e-6, "rates resume the frame after");
        assertEquals(100.0, f[2].rates().get("/c").refaultsPerSecond(), 1e-9);
        assertNull(f[1].cache().get("/a"));
        assertNotNull(f[2].cache().get("/c"));
    }

    @Test
    void oomKillsCountFromTheStartAndStayMarkedNewForAMinute() {
        TopFrame[] f = frames(
                reading(0, Map.of(), cgroup("/a", MIB, 0L, 0L, 0L, 4L)),
                reading(2 * SECOND, Map.of(), cgroup("/a", MIB, 0L, 0L, 0L, 4L)),
                reading(4 * SECOND, Map.of(), cgroup("/a", MIB, 0L, 0L, 0L, 6L)),
                reading(50 * SECOND, Map.of(), cgroup("/a", MIB, 0L, 0L, 0L, 6L)),
                reading(70 * SECOND, Map.of(), cgroup("/a", MIB, 0L, 0L, 0L, 6L)));
        assertEquals(0L, f[0].rates().get("/a").oomKillsSinceStart(), "kills before the start are not counted");
        assertFalse(f[0].rates().get("/a").oomKillNew());
        assertFalse(f[1].rates().get("/a").oomKillNew());
        assertEquals(2L, f[2].rates().get("/a").oomKillsSinceStart());
        assertTrue(f[2].rates().get("/a").oomKillNew());
        assertTrue(f[3].rates().get("/a").oomKillNew(), "46 s later: still new");
        assertFalse(f[4].rates().get("/a").oomKillNew(), "66 s later: no longer");
        assertEquals(2L, f[4].rates().get("/a").oomKillsSinceStart());
    }

    @Test
    void theCacheEvidence() {
        // refaults 1,000/s with 1% pressure: contended; with none: needed; no refaults: not needed
        TopFrame[] f = frames(
                reading(0, Map.of(), cgroup("/contended", MIB, 0L, 0L, 0L, 0L), cgroup("/needed", MIB, 0L, 0L, 0L, 0L),
                        cgroup("/quiet", MIB, 0L, 0L, 0L, 0L), cgroup("/nopsi", MIB, 0L, 0L, null, 0L),
                        cgroup("/old", MIB, null, null, 0L, 0L)),
                reading(2 * SECOND, Map.of(), cgroup("/contended", MIB, 2000L, 0L, 20_000L, 0L),
                        cgroup("/needed", MIB, 2000L, 0L, 0L, 0L), cgroup("/quiet", MIB, 4L, 0L, 200_000L, 0L),
                        cgroup("/nopsi", MIB, 2000L, 0L, null, 0L), cgroup("/old", MIB, null, null, 0L, 0L)));
        Map<String, Verdict> c = f[1].cache();
        assertEquals(CacheEvidence.CONTENDED, c.get("/contended").code());
        assertEquals(Verdict.Severity.WARN, c.get("/contended").severity());
        assertEquals(1000.0, (Double) c.get("/contended").figures().get("refaultsPerSecond"), 1e-9);
        assertEquals(1.0, (Double) c.get("/contended").figures().get("pressureSomePercent"), 1e-9);
        assertEquals(CacheEvidence.NEEDED, c.get("/needed").code());
        assertEquals(CacheEvidence.NOT_NEEDED, c.get("/quiet").code(), "2 refaults/s are noise, whatever the pressure");
        assertEquals(CacheEvidence.NEEDED, c.get("/nopsi").code(), "refaults without a pressure file: needed");
        assertNull(c.get("/nopsi").figures().get("pressureSomePercent"));
        assertNull(c.get("/old"), "no refault counters (an old v1 kernel): no evidence either way");
        assertEquals("/contended", c.get("/contended").subject());
    }

    @Test
    void theRateFunctions() {
        assertEquals(5.0, Rates.perSecond(10L, 20L, 2.0), 1e-9);
        assertEquals(0.0, Rates.perSecond(10L, 10L, 2.0), 1e-9);
        assertNull(Rates.perSecond(20L, 10L, 2.0), "backwards");
        assertNull(Rates.perSecond(null, 10L, 2.0), "absent before");
        assertNull(Rates.perSecond(10L, null, 2.0), "absent now");
        assertNull(Rates.perSecond(10L, 20L, 0.0), "no time passed");
        assertNull(Rates.perSecond(-5L, 20L, 2.0), "a u64 beyond 2^63 read as negative is no count");
        assertEquals(-5.0, Rates.change(20L, 10L, 2.0), 1e-9);
        assertEquals(100.0, Rates.stallPercent(0L, 2_100_000L, 2.0), 1e-9, "at most the whole interval");
        assertEquals(50.0, Rates.cpuPercent(0L, 1_000_000_000L, 2.0), 1e-9);
        assertEquals(3.0, Rates.sum(1.0, 2.0), 1e-9);
        assertEquals(1.0, Rates.sum(1.0, null), 1e-9);
        assertNull(Rates.sum(null, null));
    }

    @Test
    void aSnapshotIsOneFrameWithoutRatesAndSaysWhy() {
        TopFrame f = LiveRates.snapshot(reading(0, Map.of(), cgroup("/a", MIB, 1L, 1L, 1L, 1L)), "a snapshot");
        assertFalse(f.hasRates());
        assertEquals("a snapshot", f.noRates());
        assertNull(f.rates().get("/a").refaultsPerSecond());
        assertTrue(f.cache().isEmpty());
    }
}
