package xray.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xray.model.Cgroup;
import xray.model.CgroupMemory;
import xray.model.Limit;
import xray.model.Pressure;
import xray.model.Verdict;
import xray.model.Verdict.Severity;

/**
 * What a drill-down into one cgroup ends with (MEMORY-MODEL "Verdicts"), each computed from the
 * numbers alone and given as data: a stable code, a severity, the cgroup's path as the subject, and
 * the figures it rests on. The sentences are made from these in render (README.md lists the codes).
 */
public final class MemVerdicts {
    /** Below this a figure is not worth a verdict. */
    static final long NOTABLE = 1L << 20;
    /** PSI some avg10 at or above this (percent) means tasks are really waiting on memory. */
    static final double FOUGHT_OVER = 1.0;
    /** Real cost (or the charge) at or above this share of a limit is close to it. */
    static final double CLOSE_TO_LIMIT = 0.9;

    private MemVerdicts() {
    }

    /** True when {@code value} is at or above {@link #CLOSE_TO_LIMIT} of {@code limit} bytes. */
    static boolean closeTo(Long value, long limit) {
        return value != null && value >= CLOSE_TO_LIMIT * limit;
    }

    /** @param mglru the host's multi-generational LRU is on (null: unknown) */
    public static List<Verdict> of(Cgroup cg, Boolean mglru) {
        List<Verdict> out = new ArrayList<>();
        String subject = cg.path();
        CgroupMemory m = cg.memory();
        boolean v1 = cg.sample().v1();
        Long current = m.current();
        Long real = m.realCost();
        if (current != null && real != null) {
            long rest = current - real;
            if (rest >= NOTABLE) {
                Map<String, Object> f = Verdict.figuresOf("name", cg.name(), "current", current, "realCost", real, "cache", rest);
                if (m.hotCache() != null && m.hotCache() >= NOTABLE) {
                    f.put("hotCache", m.hotCache());
                }
                out.add(new Verdict("real-cost", Severity.INFO, subject, f));
            } else {
                out.add(new Verdict("nearly-all-real-cost", Severity.INFO, subject,
                        Verdict.figuresOf("name", cg.name(), "current", current, "realCost", real)));
            }
        } else if (current != null) {
            out.add(new Verdict("real-cost-unknown", Severity.INFO, subject,
                    Verdict.figuresOf("name", cg.name(), "current", current)));
        }
        out.add(pressure(subject, cg.pressure(), m, v1));
        if (m.shmem() != null && m.shmem() >= NOTABLE) {
            out.add(new Verdict("shmem-unreclaimable", Severity.INFO, subject, Verdict.figuresOf("shmem", m.shmem())));
        }
        limit(out, subject, v1 ? "memory.limit_in_bytes" : "memory.max", cg.sample().max(), m);
        limit(out, subject, "memory.high", cg.sample().high(), m);
        if (cg.oomKills() != null && cg.oomKills() > 0) {
            out.add(new Verdict("oom-killed", Severity.CRIT, subject, Verdict.figuresOf("oomKills", cg.oomKills(),
                    "file", v1 ? "memory.oom_control" : "memory.events")));
        }
        if (m.swap() != null && m.swap() >= NOTABLE) {
            out.add(new Verdict("swapped", Severity.INFO, subject, Verdict.figuresOf("swap", m.swap())));
        }
        if (m.kernelApproximate()) {
            out.add(new Verdict("kernel-approximate", Severity.INFO, subject, Verdict.figuresOf("kernel", m.kernel())));
        } else if (v1 && m.kernel() != null && m.kernel() >= NOTABLE) {
            out.add(new Verdict("v1-slab-unsplit", Severity.INFO, subject, Verdict.figuresOf("kernel", m.kernel())));
        }
        if (Boolean.TRUE.equals(mglru)) {
            out.add(new Verdict("mglru", Severity.INFO, subject, Verdict.figuresOf()));
        }
        return out;
    }

    private static Verdict pressure(String subject, Pressure p, CgroupMemory m, boolean v1) {
        if (p == null || p.some() == null) {
            return new Verdict("no-pressure-figure", Severity.INFO, subject, Verdict.figuresOf("version", v1 ? "v1" : "v2"));
        }
        double a10 = p.some().avg10();
        double a60 = p.some().avg60();
        if (a10 == 0 && a60 == 0) {
            return new Verdict("cache-not-needed", Severity.INFO, subject,
                    Verdict.figuresOf("coldCache", m.coldCache(), "avg10", a10, "avg60", a60));
        }
        if (a10 < FOUGHT_OVER) {
            return new Verdict("light-pressure", Severity.INFO, subject, Verdict.figuresOf("avg10", a10, "avg60", a60));
        }
        return new Verdict("cache-contended", Severity.WARN, subject, Verdict.figuresOf("avg10", a10, "avg60", a60));
    }

    /** close-to-limit when the real cost is close to a limit, else charge-close-to-limit when the charge is. */
    private static void limit(List<Verdict> out, String subject, String file, Limit limit, CgroupMemory m) {
        if (limit == null || limit.isUnlimited() || limit.bytes() == 0) {
            return;
        }
        long lim = limit.bytes();
        boolean high = file.equals("memory.high");
        if (closeTo(m.realCost(), lim)) {
            out.add(new Verdict("close-to-limit", high ? Severity.WARN : Severity.CRIT, subject, Verdict.figuresOf("realCost",
                    m.realCost(), "limit", lim, "percent", 100.0 * m.realCost() / lim, "file", file)));
        } else if (closeTo(m.current(), lim)) {
            Map<String, Object> f = Verdict.figuresOf("current", m.current(), "limit", lim, "percent", 100.0 * m.current() / lim,
                    "file", file);
            if (m.realCost() != null) {
                // reclaimable = current − realCost: what reclaim can give back before anything is killed
                f.put("reclaimable", Math.max(0, m.current() - m.realCost()));
                f.put("realCostPercent", 100.0 * m.realCost() / lim);
            }
            out.add(new Verdict("charge-close-to-limit", high ? Severity.INFO : Severity.WARN, subject, f));
        }
    }
}
