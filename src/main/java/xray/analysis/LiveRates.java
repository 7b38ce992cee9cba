package xray.analysis;

import java.util.HashMap;
import java.util.Map;
import xray.model.Cgroup;
import xray.model.CgroupRates;
import xray.model.HostRates;
import xray.model.HostSample;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.Pressure;
import xray.model.Psi;
import xray.model.StatKey;
import xray.model.TopFrame;
import xray.model.TopSample;
import xray.model.Verdict;

/**
 * The frames of {@code xray top}: each reading with the rates since the one before. Pure: a
 * {@link State} goes in with the new reading, and the frame comes out with the next state.
 */
public final class LiveRates {
    /** A new OOM kill stays marked this long. */
    static final long OOM_NEW_NANOS = 60_000_000_000L;

    private LiveRates() {
    }

    /**
     * What the next frame needs of the ones before.
     *
     * @param previous  the frame before (its reading and what it meant), or null at the start
     * @param oomBase   per cgroup path, its oom_kill count when xray top first saw it (0 for a cgroup
     *                  that appeared, or was made again, since the start)
     * @param oomNewAt  per cgroup path, when its last new OOM kill was seen (monotonic nanos)
     */
    public record State(TopFrame previous, Map<String, Long> oomBase, Map<String, Long> oomNewAt) {
        public static final State START = new State(null, Map.of(), Map.of());
    }

    /** A frame, and the state the next one starts from. */
    public record Step(TopFrame frame, State next) {
    }

    /** The first and only frame of a snapshot (--root): no rates, since a snapshot is one reading. */
    public static TopFrame snapshot(TopSample s, String why) {
        MemReport report = report(s);
        Map<String, CgroupRates> rates = new HashMap<>();
        for (Cgroup cg : report.cgroups()) {
            rates.put(cg.path(), CgroupRates.NONE);
        }
        return new TopFrame(s, report, 0, why, HostRates.NONE, rates, Map.of(), null);
    }

    /** The numbers of a reading, as xray mem computes them. */
    private static MemReport report(TopSample s) {
        return CgroupTree.report(new MemSample(s.host(), s.layout(), s.cgroups(), false));
    }

    public static Step step(State state, TopSample cur) {
        TopSample prev = state.previous() == null ? null : state.previous().sample();
        MemReport report = report(cur);
        double seconds = prev == null ? 0 : (cur.nanos() - prev.nanos()) / 1e9;
        String noRates = prev == null ? "first frame: rates from the next one on"
                : seconds <= 0 ? "no time passed since the frame before" : null;
        Map<String, Cgroup> before = new HashMap<>();
        if (prev != null) {
            for (Cgroup cg : state.previous().report().cgroups()) {
                before.put(cg.path(), cg);
            }
        }
        Map<String, Long> oomBase = new HashMap<>();
        Map<String, Long> oomNewAt = new HashMap<>();
        Map<String, CgroupRates> rates = new HashMap<>();
        Map<String, Verdict> cache = new HashMap<>();
        for (Cgroup cg : report.cgroups()) {
            String path = cg.path();
            Cgroup b = before.get(path);
            if (b != null && !sameCgroup(prev, cur, path)) {
                b = null; // removed and made again: a new cgroup whose counters start anew
            }
            // OOM kills since the start: the count less the count when first seen
            Long kills = cg.oomKills();
            Long base = state.oomBase().get(path);
            if (prev == null) {
                base = kills;
            } else if (b == null || base == null || (kills != null && kills < base)) {
                base = 0L; // appeared since the start, made again, or its counter restarted
            }
            if (base != null) {
                oomBase.put(path, base);
            }
            Long since = kills == null || base == null ? null : kills - base;
            Long newAt = state.oomNewAt().get(path);
            Long killsBefore = b == null ? (prev == null ? kills : Long.valueOf(0L)) : b.oomKills();
            if (kills != null && killsBefore != null && kills > killsBefore) {
                newAt = cur.nanos();
            }
            boolean oomNew = newAt != null && cur.nanos() - newAt < OOM_NEW_NANOS;
            if (newAt != null && oomNew) {
                oomNewAt.put(path, newAt);
            }
            if (noRates != null || b == null) {
                rates.put(path, new CgroupRates(null, null, null, null, null, since, oomNew));
                continue;
            }
            // Δ real cost / s; refaults / s from memory.stat workingset_refault_*; PSI some share from its total
            Double realCost = Rates.change(b.memory().realCost(), cg.memory().realCost(), seconds);
            Double file = Rates.perSecond(b.sample().refaultsFile(), cg.sample().refaultsFile(), seconds);
            Double anon = Rates.perSecond(b.sample().stat(StatKey.WORKINGSET_REFAULT_ANON),
                    cg.sample().stat(StatKey.WORKINGSET_REFAULT_ANON), seconds);
            Double refaults = Rates.sum(file, anon);
            Double some = Rates.stallPercent(total(b.pressure(), true), total(cg.pressure(), true), seconds);
            rates.put(path, new CgroupRates(realCost, file, anon, refaults, some, since, oomNew));
            Verdict v = CacheEvidence.judge(path, refaults, some, cg.memory().coldCache(), seconds);
            if (v != null) {
                cache.put(path, v);
            }
        }
        HostRates host = noRates != null ? HostRates.NONE : host(prev, cur, seconds);
        Double own = noRates != null ? null : Rates.cpuPercent(prev.own().cpuNanos(), cur.own().cpuNanos(), seconds);
        TopFrame frame = new TopFrame(cur, report, noRates == null ? seconds : 0, noRates, host, rates, cache, own);
        return new Step(frame, new State(frame, oomBase, oomNewAt));
    }

    /** A process of a process view, with its real cost (MEMORY-MODEL.md, per process). */
    public static xray.model.TopProcess process(String cgroup, xray.model.ProcStatus st) {
        return new xray.model.TopProcess(st.pid(), st.name(), cgroup, st.rssAnon(), st.rssFile(), st.rssShmem(),
                st.vmSwap(), ProcessModel.realCost(st));
    }

    /**
     * A JVM's share of time in collection pauses between two readings of its perf data, %:
     * Δ Σ collector time / Δ sun.os.hrt.ticks × 100 (both on the JVM's own clock); null when
     * unknown or when either went backwards (another JVM under the same pid).
     */
    public static Double gcPercent(xray.model.JvmPerf before, xray.model.JvmPerf after) {
        if (before == null || after == null || before.ticks() == null || after.ticks() == null) {
            return null;
        }
        Double gc = Rates.perSecond(before.gcTicks(), after.gcTicks(), after.ticks() - before.ticks());
        return gc == null ? null : Math.min(100.0, gc * 100);
    }

    /** The same cgroup in both readings: its directory's inode did not change (when the file system says). */
    private static boolean sameCgroup(TopSample prev, TopSample cur, String path) {
        Long a = prev.inodes().get(path);
        Long b = cur.inodes().get(path);
        return a == null || b == null || a.equals(b);
    }

    private static Long total(Pressure p, boolean some) {
        Psi psi = p == null ? null : some ? p.some() : p.full();
        return psi == null ? null : psi.totalMicros();
    }

    private static HostRates host(TopSample prev, TopSample cur, double seconds) {
        Map<String, Long> a = prev.vmstat();
        Map<String, Long> b = cur.vmstat();
        Long fileA = a.containsKey("workingset_refault_file") ? a.get("workingset_refault_file") : a.get("workingset_refault");
        Long fileB = b.containsKey("workingset_refault_file") ? b.get("workingset_refault_file") : b.get("workingset_refault");
        Double file = Rates.perSecond(fileA, fileB, seconds);
        Double anon = Rates.perSecond(a.get("workingset_refault_anon"), b.get("workingset_refault_anon"), seconds);
        HostSample ha = prev.host();
        HostSample hb = cur.host();
        return new HostRates(file, anon, Rates.sum(file, anon),
                Rates.stallPercent(total(ha.pressure(), true), total(hb.pressure(), true), seconds),
                Rates.stallPercent(total(ha.pressure(), false), total(hb.pressure(), false), seconds));
    }
}
