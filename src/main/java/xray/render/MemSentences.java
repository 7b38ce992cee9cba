package xray.render;

import static xray.model.Bytes.human;

import java.util.Locale;
import java.util.Map;
import xray.model.PressureMissing;
import xray.model.Verdict;

/**
 * The sentences of {@code xray mem} made from data: each verdict of a drill-down (the same text in
 * the table and in the JSON), and why the host has no pressure figure.
 */
public final class MemSentences {
    /** Said when the host is not Linux. */
    static final String NOT_LINUX = "cgroups are Linux-only; host totals come from the operating system";

    private MemSentences() {
    }

    /** One sentence per verdict code (README.md lists the codes and their figures). */
    public static String verdict(Verdict v) {
        Map<String, Object> f = v.figures();
        return switch (v.code()) {
            case "real-cost" -> f.get("name") + " is charged " + bytes(f, "current") + "; its real cost is "
                    + bytes(f, "realCost") + "; the other " + bytes(f, "cache")
                    + " is cache and reclaimable kernel memory the kernel keeps because it can"
                    + (f.get("hotCache") == null ? "" : " (" + bytes(f, "hotCache") + " of it used recently)") + ".";
            case "nearly-all-real-cost" -> f.get("name") + " is charged " + bytes(f, "current")
                    + " and nearly all of it is real cost (" + bytes(f, "realCost")
                    + "): memory it cannot give back without swap or a kill.";
            case "real-cost-unknown" -> f.get("name") + " is charged " + bytes(f, "current")
                    + "; its real cost cannot be computed here (memory.stat lacks anon or shmem).";
            case "no-pressure-figure" -> "v1".equals(f.get("version"))
                    ? "There is no memory pressure figure for it: cgroup v1 has no memory.pressure, and no cgroup2 group"
                        + " of the same path exists."
                    : "There is no memory pressure figure for it (no memory.pressure).";
            case "cache-not-needed" -> capital((f.get("coldCache") == null ? "" : bytes(f, "coldCache")
                    + " of cold cache, and ") + "memory pressure some avg10 " + percent(f, "avg10")
                    + ": the cache costs nobody anything right now.");
            case "light-pressure" -> "Light memory pressure (some avg10 " + percent(f, "avg10") + "%, avg60 "
                    + percent(f, "avg60") + "%): tasks here wait on memory now and then.";
            case "cache-contended" -> "Memory pressure some avg10 = " + percent(f, "avg10")
                    + "%: tasks here stall on memory; the cache is being fought over.";
            case "shmem-unreclaimable" -> bytes(f, "shmem") + " is shared memory (tmpfs, /dev/shm, shared anonymous"
                    + " mappings): it cannot be reclaimed without swap, so it counts in the real cost.";
            case "close-to-limit" -> "Real cost " + bytes(f, "realCost") + " is " + whole(f, "percent") + "% of "
                    + f.get("file") + " " + bytes(f, "limit") + ": " + ("memory.high".equals(f.get("file"))
                    ? "the kernel throttles allocations above it" : "the kernel reclaims cache first, then OOM-kills here")
                    + ".";
            case "charge-close-to-limit" -> "Charged " + bytes(f, "current") + ", " + whole(f, "percent") + "% of its "
                    + f.get("file") + " of " + bytes(f, "limit") + (f.get("reclaimable") == null ? ""
                    : "; reclaim can give back " + bytes(f, "reclaimable") + " of cache before anything is killed, and "
                    + "real cost is " + whole(f, "realCostPercent") + "% of it") + ".";
            case "oom-killed" -> "The kernel OOM-killed " + f.get("oomKills")
                    + (Long.valueOf(1).equals(f.get("oomKills")) ? " process" : " processes") + " in this cgroup ("
                    + f.get("file") + " oom_kill).";
            case "swapped" -> bytes(f, "swap") + " of its memory is in swap.";
            case "kernel-approximate" ->
                    "Kernel memory is estimated as usage − rss − cache (no memory.kmem.usage_in_bytes here).";
            case "v1-slab-unsplit" -> "cgroup v1 does not split reclaimable slab from the rest, so all "
                    + bytes(f, "kernel") + " of kernel memory counts in the real cost; some of it (dentries, inodes)"
                    + " could be reclaimed.";
            case "mglru" -> "MGLRU is on: 'active' file pages are the youngest generations, so the hot/cold split is"
                    + " approximate.";
            default -> throw new IllegalArgumentException("no sentence for verdict " + v.code());
        };
    }

    /** Why the host has no memory pressure figure. */
    public static String pressureMissing(PressureMissing m) {
        return switch (m.reason()) {
            case NO_FILE -> "no /proc/pressure/memory: this kernel has no PSI (4.20+ with CONFIG_PSI)";
            case DISABLED -> "PSI is disabled on this kernel (booted with psi=0)";
            case DENIED -> "pressure unreadable: permission denied";
            case UNREADABLE -> "pressure unreadable: " + m.problem();
            case MALFORMED -> "/proc/pressure/memory is malformed";
            case NOT_LINUX -> "memory pressure (PSI) is Linux-only";
        };
    }

    private static String bytes(Map<String, Object> f, String key) {
        return human((Long) f.get(key));
    }

    /** A percentage with two decimals, as PSI prints it. */
    private static String percent(Map<String, Object> f, String key) {
        return xray.model.Bytes.percent((Double) f.get(key));
    }

    /** A percentage rounded to a whole number. */
    private static String whole(Map<String, Object> f, String key) {
        return String.format(Locale.ROOT, "%.0f", (Double) f.get(key));
    }

    /** The sentence with its first letter capital. */
    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
