package xray.analysis;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import xray.model.Cgroup;
import xray.model.CgroupMemory;
import xray.model.HostSample;
import xray.model.Limit;
import xray.model.Pressure;

/**
 * The sentences a drill-down ends with (MEMORY-MODEL "Verdicts"), each computed from the
 * numbers alone.
 */
public final class Verdicts {
    /** Below this a figure is not worth a sentence. */
    static final long NOTABLE = 1L << 20;
    /** PSI some avg10 at or above this (percent) means tasks are really waiting on memory. */
    static final double FOUGHT_OVER = 1.0;
    /** Real cost at or above this share of a limit is close to it. */
    static final double CLOSE_TO_LIMIT = 0.9;

    private Verdicts() {
    }

    public static List<String> of(Cgroup cg, HostSample host) {
        List<String> out = new ArrayList<>();
        CgroupMemory m = cg.memory();
        String name = cg.name();
        Long current = m.current();
        Long real = m.realCost();
        if (current != null && real != null) {
            long rest = current - real;
            if (rest >= NOTABLE) {
                StringBuilder s = new StringBuilder(name + " is charged " + human(current) + "; its real cost is "
                        + human(real) + "; the other " + human(rest)
                        + " is cache and reclaimable kernel memory the kernel keeps because it can");
                if (m.hotCache() != null && m.hotCache() >= NOTABLE) {
                    s.append(" (").append(human(m.hotCache())).append(" of it used recently)");
                }
                out.add(s + ".");
            } else {
                out.add(name + " is charged " + human(current) + " and nearly all of it is real cost ("
                        + human(real) + "): memory it cannot give back without swap or a kill.");
            }
        } else if (current != null) {
            out.add(name + " is charged " + human(current) + "; its real cost cannot be computed here (memory.stat lacks anon or shmem).");
        }
        pressure(out, cg.sample().pressure(), m, cg.sample().v1());
        if (m.shmem() != null && m.shmem() >= NOTABLE) {
            out.add(human(m.shmem()) + " is shared memory (tmpfs, /dev/shm, shared anonymous mappings): it cannot be "
                    + "reclaimed without swap, so it counts in the real cost.");
        }
        limit(out, cg.sample().v1() ? "memory.limit_in_bytes" : "memory.max", cg.sample().max(), m,
                "the kernel reclaims cache first, then OOM-kills here");
        limit(out, "memory.high", cg.sample().high(), m, "the kernel throttles allocations above it");
        if (cg.oomKills() != null && cg.oomKills() > 0) {
            out.add("The kernel OOM-killed " + cg.oomKills() + (cg.oomKills() == 1 ? " process" : " processes")
                    + " in this cgroup (" + (cg.sample().v1() ? "memory.oom_control" : "memory.events") + " oom_kill).");
        }
        if (m.swap() != null && m.swap() >= NOTABLE) {
            out.add(human(m.swap()) + " of its memory is in swap.");
        }
        if (m.kernelApproximate()) {
            out.add("Kernel memory is estimated as usage − rss − cache (no memory.kmem.usage_in_bytes here).");
        } else if (cg.sample().v1() && m.kernel() != null && m.kernel() >= NOTABLE) {
            out.add("cgroup v1 does not split reclaimable slab from the rest, so all " + human(m.kernel())
                    + " of kernel memory counts in the real cost; some of it (dentries, inodes) could be reclaimed.");
        }
        if (Boolean.TRUE.equals(host.mglru())) {
            out.add("MGLRU is on: 'active' file pages are the youngest generations, so the hot/cold split is approximate.");
        }
        return out;
    }

    private static void pressure(List<String> out, Pressure p, CgroupMemory m, boolean v1) {
        if (p == null || p.some() == null) {
            out.add(v1 ? "There is no memory pressure figure for it: cgroup v1 has no memory.pressure, and no cgroup2 "
                    + "group of the same path exists." : "There is no memory pressure figure for it (no memory.pressure).");
            return;
        }
        double a10 = p.some().avg10();
        String cold = m.coldCache() == null ? "" : human(m.coldCache()) + " of cold cache, and ";
        if (a10 == 0 && p.some().avg60() == 0) {
            out.add(capital(cold + "memory pressure some avg10 0.00: the cache costs nobody anything right now."));
        } else if (a10 < FOUGHT_OVER) {
            out.add(String.format(Locale.ROOT, "Light memory pressure (some avg10 %.2f%%, avg60 %.2f%%): tasks here "
                    + "wait on memory now and then.", a10, p.some().avg60()));
        } else {
            out.add(String.format(Locale.ROOT, "Memory pressure some avg10 = %.2f%%: tasks here stall on memory; the "
                    + "cache is being fought over.", a10));
        }
    }

    private static void limit(List<String> out, String file, Limit limit, CgroupMemory m, String consequence) {
        if (limit == null || limit.isUnlimited() || limit.bytes() == 0) {
            return;
        }
        long lim = limit.bytes();
        if (m.realCost() != null && m.realCost() >= CLOSE_TO_LIMIT * lim) {
            out.add(String.format(Locale.ROOT, "Real cost %s is %.0f%% of %s %s: %s.", human(m.realCost()),
                    100.0 * m.realCost() / lim, file, human(lim), consequence));
        } else if (m.current() != null && m.current() >= CLOSE_TO_LIMIT * lim) {
            String rest = m.realCost() == null ? "" : String.format(Locale.ROOT,
                    "; reclaim can give back %s of cache before anything is killed, and real cost is %.0f%% of it",
                    human(Math.max(0, m.current() - m.realCost())), 100.0 * m.realCost() / lim);
            out.add(String.format(Locale.ROOT, "Charged %s, %.0f%% of its %s of %s%s.", human(m.current()),
                    100.0 * m.current() / lim, file, human(lim), rest));
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
