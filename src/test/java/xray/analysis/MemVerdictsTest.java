package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.model.Cgroup;
import xray.model.CgroupMemory;
import xray.model.CgroupSample;
import xray.model.Limit;
import xray.model.Pressure;
import xray.model.Psi;
import xray.model.Verdict;
import xray.model.Verdict.Severity;

/**
 * The verdicts of a drill-down, one test per code: which verdicts a cgroup gets, with which
 * severity and which figures, on cgroups made for each (cgroup v2 unless said).
 */
class MemVerdictsTest {
    static final long M = 1L << 20;
    static final Pressure CALM = pressure(0, 0);

    static Pressure pressure(double avg10, double avg60) {
        return new Pressure(new Psi(avg10, avg60, 0, 100L), new Psi(0, 0, 0, 10L));
    }

    /** A v2 memory.stat: anon, file (active + inactive + shmem), kernel, of which slab_reclaimable. */
    static Map<String, Long> stat(long anon, long shmem, long active, long inactive, long kernel, long slabReclaimable) {
        Map<String, Long> s = new HashMap<>();
        s.put("anon", anon);
        s.put("file", shmem + active + inactive);
        s.put("shmem", shmem);
        s.put("active_file", active);
        s.put("inactive_file", inactive);
        s.put("kernel", kernel);
        s.put("slab_reclaimable", slabReclaimable);
        s.put("sock", 0L);
        return s;
    }

    /** The typical service: 100 MiB anon, 190 MiB of cache (50 MiB active), 9 MiB kernel (4 reclaimable). */
    static Map<String, Long> typical() {
        return stat(100 * M, 0, 50 * M, 140 * M, 9 * M, 4 * M);
    }

    static CgroupSample v2(Long current, Limit max, Limit high, Long swap, Map<String, Long> stat) {
        return new CgroupSample("/svc", false, current, null, max, high, null, null, null, swap, null, stat,
                Map.of("oom_kill", 0L), null, List.of());
    }

    static Cgroup cgroup(CgroupSample s, Pressure p, long oomKills) {
        CgroupMemory m = MemoryModel.cgroup(s);
        return new Cgroup(s.path(), "/", "svc", "cgroup", 1, s, m, p, oomKills, 0, CgroupTree.limit(s, m), 0);
    }

    static Cgroup typicalCgroup() {
        return cgroup(v2(300 * M, Limit.UNLIMITED, Limit.UNLIMITED, 0L, typical()), CALM, 0);
    }

    static Map<String, Object> figures(Object... pairs) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            f.put((String) pairs[i], pairs[i + 1]);
        }
        return f;
    }

    static Verdict verdict(String code, Severity severity, Object... figures) {
        return new Verdict(code, severity, "/svc", figures(figures));
    }

    static List<String> codes(List<Verdict> vs) {
        return vs.stream().map(Verdict::code).toList();
    }

    static Verdict find(List<Verdict> vs, String code) {
        return vs.stream().filter(v -> v.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + vs));
    }

    @Test
    void realCost() {
        List<Verdict> vs = MemVerdicts.of(typicalCgroup(), false);
        // real cost = anon 100 + shmem 0 + (kernel 9 − slab_reclaimable 4) + sock 0 + pinned 0 = 105 MiB
        assertEquals(List.of("real-cost", "cache-not-needed"), codes(vs));
        assertEquals(verdict("real-cost", Severity.INFO, "name", "svc", "current", 300 * M, "realCost", 105 * M,
                "cache", 195 * M, "hotCache", 50 * M), vs.get(0));
        // Recently used cache under 1 MiB is not worth naming.
        Cgroup cold = cgroup(v2(300 * M, Limit.UNLIMITED, null, 0L, stat(100 * M, 0, M / 2, 189 * M + M / 2, 9 * M, 4 * M)),
                CALM, 0);
        assertEquals(verdict("real-cost", Severity.INFO, "name", "svc", "current", 300 * M, "realCost", 105 * M,
                "cache", 195 * M), MemVerdicts.of(cold, null).get(0));
    }

    @Test
    void nearlyAllRealCost() {
        // 100 MiB anon + 1/2 MiB kernel of 101 MiB charged: the other 1/2 MiB is not worth a word
        Cgroup cg = cgroup(v2(101 * M, null, null, 0L, stat(100 * M, 0, M / 4, M / 4, M / 2, 0)), CALM, 0);
        assertEquals(verdict("nearly-all-real-cost", Severity.INFO, "name", "svc", "current", 101 * M,
                "realCost", 100 * M + M / 2), MemVerdicts.of(cg, false).get(0));
    }

    @Test
    void realCostUnknown() {
        Map<String, Long> noShmem = typical();
        noShmem.remove("shmem");
        Cgroup cg = cgroup(v2(300 * M, null, null, 0L, noShmem), CALM, 0);
        List<Verdict> vs = MemVerdicts.of(cg, false);
        assertEquals(verdict("real-cost-unknown", Severity.INFO, "name", "svc", "current", 300 * M), vs.get(0));
        assertFalse(codes(vs).contains("real-cost"));
        // Without memory.current there is nothing to say about the charge at all.
        assertEquals(List.of("cache-not-needed"), codes(MemVerdicts.of(cgroup(v2(null, null, null, 0L, typical()), CALM, 0),
                false)));
    }

    @Test
    void noPressureFigure() {
        Cgroup v2 = cgroup(v2(300 * M, null, null, 0L, typical()), null, 0);
        assertEquals(verdict("no-pressure-figure", Severity.INFO, "version", "v2"), find(MemVerdicts.of(v2, false),
                "no-pressure-figure"));
        Cgroup someMissing = cgroup(v2(300 * M, null, null, 0L, typical()), new Pressure(null, new Psi(0, 0, 0, 1L)), 0);
        assertTrue(codes(MemVerdicts.of(someMissing, false)).contains("no-pressure-figure"), "no 'some' line");
        Cgroup v1 = cgroup(v1(300 * M, 12 * M, Limit.UNLIMITED), null, 0);
        assertEquals(verdict("no-pressure-figure", Severity.INFO, "version", "v1"), find(MemVerdicts.of(v1, false),
                "no-pressure-figure"));
    }

    @Test
    void cacheNotNeeded() {
        List<Verdict> vs = MemVerdicts.of(typicalCgroup(), false);
        // cold cache = current 300 − real cost 105 − hot cache 50
        assertEquals(verdict("cache-not-needed", Severity.INFO, "coldCache", 145 * M, "avg10", 0.0, "avg60", 0.0),
                vs.get(1));
        Cgroup noCurrent = cgroup(v2(null, null, null, 0L, typical()), CALM, 0);
        assertEquals(verdict("cache-not-needed", Severity.INFO, "coldCache", null, "avg10", 0.0, "avg60", 0.0),
                MemVerdicts.of(noCurrent, false).get(0), "no charge, no cold cache: absent");
    }

    @Test
    void lightPressure() {
        Cgroup now = cgroup(v2(300 * M, null, null, 0L, typical()), pressure(0.5, 0.2), 0);
        assertEquals(verdict("light-pressure", Severity.INFO, "avg10", 0.5, "avg60", 0.2), MemVerdicts.of(now, false).get(1));
        Cgroup lately = cgroup(v2(300 * M, null, null, 0L, typical()), pressure(0, 0.3), 0);
        assertEquals(verdict("light-pressure", Severity.INFO, "avg10", 0.0, "avg60", 0.3),
                MemVerdicts.of(lately, false).get(1), "quiet for 10 s, not for 60 s");
        Cgroup edge = cgroup(v2(300 * M, null, null, 0L, typical()), pressure(0.99, 0.5), 0);
        assertEquals("light-pressure", MemVerdicts.of(edge, false).get(1).code());
    }

    @Test
    void cacheContended() {
        Cgroup fought = cgroup(v2(300 * M, null, null, 0L, typical()), pressure(5.25, 3.0), 0);
        assertEquals(verdict("cache-contended", Severity.WARN, "avg10", 5.25, "avg60", 3.0),
                MemVerdicts.of(fought, false).get(1));
        Cgroup atOne = cgroup(v2(300 * M, null, null, 0L, typical()), pressure(1.0, 0.0), 0);
        assertEquals("cache-contended", MemVerdicts.of(atOne, false).get(1).code(), "1% and more is fought over");
    }

    @Test
    void shmemUnreclaimable() {
        Cgroup tmpfs = cgroup(v2(300 * M, null, null, 0L, stat(100 * M, 64 * M, 50 * M, 76 * M, 9 * M, 4 * M)), CALM, 0);
        assertEquals(verdict("shmem-unreclaimable", Severity.INFO, "shmem", 64 * M),
                find(MemVerdicts.of(tmpfs, false), "shmem-unreclaimable"));
        Cgroup little = cgroup(v2(300 * M, null, null, 0L, stat(100 * M, M - 1, 50 * M, 76 * M, 9 * M, 4 * M)), CALM, 0);
        assertFalse(codes(MemVerdicts.of(little, false)).contains("shmem-unreclaimable"), "under 1 MiB");
    }

    @Test
    void closeToLimit() {
        // real cost 93 MiB (92 anon + 2 kernel − 1 reclaimable) of memory.max 100 MiB
        Map<String, Long> stat = stat(92 * M, 0, 2 * M, 3 * M, 2 * M, M);
        Cgroup max = cgroup(v2(100 * M, Limit.of(100 * M), Limit.UNLIMITED, 0L, stat), CALM, 0);
        assertEquals(verdict("close-to-limit", Severity.CRIT, "realCost", 93 * M, "limit", 100 * M, "percent", 93.0,
                "file", "memory.max"), find(MemVerdicts.of(max, false), "close-to-limit"));
        assertTrue(max.limit().realCostClose(), "the table marks it too");
        Cgroup high = cgroup(v2(100 * M, Limit.UNLIMITED, Limit.of(100 * M), 0L, stat), CALM, 0);
        assertEquals(verdict("close-to-limit", Severity.WARN, "realCost", 93 * M, "limit", 100 * M, "percent", 93.0,
                "file", "memory.high"), find(MemVerdicts.of(high, false), "close-to-limit"), "memory.high throttles");
        Cgroup v1 = cgroup(v1(100 * M, 2 * M, Limit.of(101 * M)), CALM, 0);
        Verdict v = find(MemVerdicts.of(v1, false), "close-to-limit");
        assertEquals("memory.limit_in_bytes", v.figures().get("file"));
        // Exactly 90% is close; just under is not; a limit of 0 or none says nothing.
        Cgroup ninety = cgroup(v2(100 * M, Limit.of(100 * M), null, 0L, stat(88 * M, 0, M, M, 2 * M, 0)), CALM, 0);
        assertEquals(90.0, find(MemVerdicts.of(ninety, false), "close-to-limit").figures().get("percent"));
        Cgroup under = cgroup(v2(80 * M, Limit.of(100 * M), null, 0L, stat(87 * M, 0, M, M, 2 * M, 0)), CALM, 0);
        assertFalse(codes(MemVerdicts.of(under, false)).contains("close-to-limit"));
        assertFalse(under.limit().realCostClose());
        Cgroup zero = cgroup(v2(100 * M, Limit.of(0), null, 0L, stat), CALM, 0);
        assertFalse(codes(MemVerdicts.of(zero, false)).stream().anyMatch(c -> c.endsWith("close-to-limit")));
    }

    @Test
    void chargeCloseToLimit() {
        // charged 95 MiB of 100: real cost 44 MiB (40 anon + 2 shmem + 4 kernel − 2 reclaimable), the rest cache
        Map<String, Long> stat = stat(40 * M, 2 * M, 10 * M, 38 * M, 4 * M, 2 * M);
        Cgroup max = cgroup(v2(95 * M, Limit.of(100 * M), Limit.UNLIMITED, 0L, stat), CALM, 0);
        assertEquals(verdict("charge-close-to-limit", Severity.WARN, "current", 95 * M, "limit", 100 * M, "percent", 95.0,
                "file", "memory.max", "reclaimable", 51 * M, "realCostPercent", 44.0),
                find(MemVerdicts.of(max, false), "charge-close-to-limit"));
        assertFalse(codes(MemVerdicts.of(max, false)).contains("close-to-limit"));
        Map<String, Long> noShmem = new HashMap<>(stat);
        noShmem.remove("shmem");
        Cgroup high = cgroup(v2(95 * M, Limit.UNLIMITED, Limit.of(100 * M), 0L, noShmem), CALM, 0);
        assertEquals(verdict("charge-close-to-limit", Severity.INFO, "current", 95 * M, "limit", 100 * M, "percent", 95.0,
                "file", "memory.high"), find(MemVerdicts.of(high, false), "charge-close-to-limit"),
                "without a real cost nothing is said about what reclaim can give back");
    }

    @Test
    void oomKilled() {
        Cgroup one = cgroup(v2(300 * M, null, null, 0L, typical()), CALM, 1);
        assertEquals(verdict("oom-killed", Severity.CRIT, "oomKills", 1L, "file", "memory.events"),
                find(MemVerdicts.of(one, false), "oom-killed"));
        Cgroup v1 = cgroup(v1(300 * M, 2 * M, Limit.UNLIMITED), CALM, 3);
        assertEquals(verdict("oom-killed", Severity.CRIT, "oomKills", 3L, "file", "memory.oom_control"),
                find(MemVerdicts.of(v1, false), "oom-killed"));
        assertFalse(codes(MemVerdicts.of(typicalCgroup(), false)).contains("oom-killed"), "0 kills");
    }

    @Test
    void swapped() {
        Cgroup swapped = cgroup(v2(300 * M, null, null, 12 * M, typical()), CALM, 0);
        assertEquals(verdict("swapped", Severity.INFO, "swap", 12 * M), find(MemVerdicts.of(swapped, false), "swapped"));
        Cgroup little = cgroup(v2(300 * M, null, null, M - 1, typical()), CALM, 0);
        assertFalse(codes(MemVerdicts.of(little, false)).contains("swapped"));
    }

    @Test
    void kernelApproximate() {
        // v1 without memory.kmem.usage_in_bytes: kernel = usage 300 − rss 100 − cache 190
        Cgroup cg = cgroup(v1(300 * M, null, Limit.UNLIMITED), CALM, 0);
        assertEquals(verdict("kernel-approximate", Severity.INFO, "kernel", 10 * M),
                find(MemVerdicts.of(cg, false), "kernel-approximate"));
        assertFalse(codes(MemVerdicts.of(cg, false)).contains("v1-slab-unsplit"), "one or the other");
    }

    @Test
    void v1SlabUnsplit() {
        Cgroup cg = cgroup(v1(300 * M, 12 * M, Limit.UNLIMITED), CALM, 0);
        assertEquals(verdict("v1-slab-unsplit", Severity.INFO, "kernel", 12 * M),
                find(MemVerdicts.of(cg, false), "v1-slab-unsplit"));
        assertFalse(codes(MemVerdicts.of(cgroup(v1(300 * M, M - 1, Limit.UNLIMITED), CALM, 0), false))
                .contains("v1-slab-unsplit"), "under 1 MiB");
        assertFalse(codes(MemVerdicts.of(typicalCgroup(), false)).contains("v1-slab-unsplit"), "v2 splits it");
    }

    @Test
    void mglru() {
        assertEquals(verdict("mglru", Severity.INFO), find(MemVerdicts.of(typicalCgroup(), true), "mglru"));
        assertFalse(codes(MemVerdicts.of(typicalCgroup(), false)).contains("mglru"));
        assertFalse(codes(MemVerdicts.of(typicalCgroup(), null)).contains("mglru"), "unknown is not on");
    }

    @Test
    void aCgroupInTroubleGetsThemInOrder() {
        Cgroup all = cgroup(v2(100 * M, Limit.of(100 * M), Limit.of(95 * M), 30 * M, stat(93 * M, 0, 2 * M, 3 * M, 2 * M, M)),
                pressure(12, 4), 3);
        List<Verdict> vs = MemVerdicts.of(all, true);
        assertEquals(List.of("real-cost", "cache-contended", "close-to-limit", "close-to-limit", "oom-killed", "swapped",
                "mglru"), codes(vs));
        assertEquals(Severity.CRIT, vs.get(2).severity(), "memory.max: the OOM killer");
        assertEquals(Severity.WARN, vs.get(3).severity(), "memory.high: throttling");
    }

    /** A v1 cgroup: 100 MiB rss, 190 MiB cache (50 active, 140 inactive), no shmem; kmem as given. */
    static CgroupSample v1(long usage, Long kmem, Limit limit) {
        Map<String, Long> s = new HashMap<>();
        s.put("rss", 100 * M);
        s.put("cache", 190 * M);
        s.put("shmem", 0L);
        s.put("active_file", 50 * M);
        s.put("inactive_file", 140 * M);
        s.put("swap", 0L);
        return new CgroupSample("/svc", true, usage, null, limit, null, Limit.UNLIMITED, null, null, 0L, kmem, s,
                Map.of("oom_kill", 0L), null, List.of());
    }
}
