package xray.render;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import xray.model.CgroupPath;
import xray.model.Bytes;
import xray.model.Cgroup;
import xray.model.CgroupLayout;
import xray.model.CgroupLimit;
import xray.model.CgroupMemory;
import xray.model.CgroupRates;
import xray.model.HostMemory;
import xray.model.HostRates;
import xray.model.Pressure;
import xray.model.SortOrder;
import xray.model.Psi;
import xray.model.TopFrame;
import xray.model.TopJvm;
import xray.model.TopProcess;
import xray.model.Verdict;

/**
 * {@code xray top} for people: the header (host, pressure with its sparkline, refaults), the lists
 * (cgroups as a tree or flat, processes, JVMs), one cgroup in full, the footer and the help line.
 * The same text serves the full screen (TopScreen) and batch mode (-b).
 */
public final class TopText {
    private final Style style;

    public TopText(Style style) {
        this.style = style;
    }

    /** A list on screen: the table's header line, then one line per row; what each row is (a cgroup path, a pid). */
    public record Listing(String header, List<String> rows, List<String> keys, List<String> hidden, String what) {
    }

    // ---------------------------------------------------------------- header

    /**
     * The header: who and when, the host's memory, its pressure (with the last minute as a sparkline)
     * and refaults; each line word-wrapped to the width.
     */
    public List<String> header(TopFrame f, CgroupLayout layout, Spark pressure, String state) {
        List<String> out = new ArrayList<>(4);
        xray.model.HostIdentity id = f.sample().host().identity();
        List<String> who = new ArrayList<>();
        who.add(style.bold("xray top"));
        who.add(id.hostname() == null ? "(unknown host)" : Sanitize.text(id.hostname()));
        if (f.sample().epochMillis() != 0) {
            who.add(clock(f.sample().epochMillis()));
        }
        if (f.hasRates()) {
            who.add("every " + seconds(f.seconds()));
        }
        if (!state.isEmpty()) {
            who.add(style.red(state));
        }
        if (id.cpus() != null) {
            who.add(MemText.cpus(id.cpus()));
        }
        who.add(MemText.mode(layout.mode()));
        String kernel = id.kernelRelease() == null ? null : "Linux " + Sanitize.text(id.kernelRelease());
        String line = String.join(" · ", who);
        // the kernel's release only where it fits: the first line stays one line
        out.add(kernel == null || (style.width() > 0 && Style.visibleLength(line + " · " + kernel) > style.width())
                ? line : line + " · " + kernel);
        HostMemory m = f.report().memory();
        Long swapTotal = m.swapTotal();
        String swap = swapTotal != null && swapTotal == 0 ? "none" : human(m.swapUsed()) + " of " + human(swapTotal);
        out.addAll(fit(List.of("memory " + human(m.memTotal()), "used " + human(m.used()),
                "cache " + human(m.buffCache()),
                "available " + human(m.memAvailable()) + (m.memAvailableEstimated() ? "*" : ""),
                "real cost " + human(m.realCost()), "swap " + swap)));
        out.addAll(fit(pressureLine(f, pressure)));
        return out;
    }

    /** Parts joined by " · " into lines that fit the width ({@link Style#parts}). */
    List<String> fit(List<String> parts) {
        return style.parts(parts);
    }

    private List<String> pressureLine(TopFrame f, Spark spark) {
        Pressure p = f.sample().host().pressure();
        HostRates r = f.host();
        List<String> parts = new ArrayList<>(4);
        if (p == null) {
            parts.add("pressure " + (f.sample().host().pressureMissing() == null ? "not available"
                    : MemSentences.pressureMissing(f.sample().host().pressureMissing())));
        } else if (f.hasRates()) {
            parts.add("pressure some " + psi(r.pressureSomePercent()) + "% full " + psi(r.pressureFullPercent()) + "%");
        } else {
            parts.add("pressure some avg10 " + avg10(p.some()) + " full avg10 " + avg10(p.full()));
        }
        if (spark != null && p != null) {
            parts.add(spark.span() + " " + style.cyan(spark.render(style.unicode())));
        }
        if (!f.hasRates()) {
            parts.add("refaults " + (f.noRates().startsWith("first frame") ? style.dim("from the next frame") : "-"));
        } else if (r.refaultsPerSecond() == null) {
            parts.add("refaults - (no workingset_refault in /proc/vmstat)");
        } else {
            parts.add("refaults " + count(r.refaultsPerSecond()) + "/s (file " + count(r.refaultFilePerSecond())
                    + ", anon " + count(r.refaultAnonPerSecond()) + ")");
        }
        return parts;
    }

    private String psi(Double percent) {
        if (percent == null) {
            return "-";
        }
        String s = Bytes.percent(percent);
        return percent >= 10 ? style.red(s) : percent >= 0.1 ? style.yellow(s) : s;
    }

    private static String avg10(Psi p) {
        return p == null ? "-" : Bytes.percent(p.avg10());
    }

    static String clock(long epochMillis) {
        java.time.LocalTime t = java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis),
                java.time.ZoneId.systemDefault());
        return two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    // ---------------------------------------------------------------- cgroups

    /** The cgroups, filtered and sorted as the view says, as a tree (with its glyphs) or flat. */
    public Listing cgroups(TopFrame f, TopView v) {
        List<Cgroup> all = f.report().cgroups();
        Map<String, Cgroup> byPath = new HashMap<>(all.size() * 2);
        for (Cgroup cg : all) {
            byPath.put(cg.path(), cg);
        }
        Set<String> kept = null;
        if (v.filter != null) {
            kept = new HashSet<>();
            String want = v.filter.toLowerCase(Locale.ROOT);
            for (Cgroup cg : all) {
                if (cg.name().toLowerCase(Locale.ROOT).contains(want) || cg.path().toLowerCase(Locale.ROOT).contains(want)) {
                    // a match, and in a tree the cgroups above it
                    for (Cgroup up = cg; up != null && kept.add(up.path()) && v.tree; up = byPath.get(up.parent())) {
                        // walk up
                    }
                }
            }
        }
        Comparator<Cgroup> order = order(v.sort, f, v.reverse);
        List<Cgroup> rows = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (v.tree) {
            Map<String, List<Cgroup>> children = MemText.childrenOf(all);
            String[] g = style.tree();
            java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>();
            List<Cgroup> roots = new ArrayList<>();
            for (Cgroup cg : all) {
                if (cg.parent() == null || !byPath.containsKey(cg.parent())) {
                    roots.add(cg);
                }
            }
            roots.sort(order);
            for (int i = roots.size() - 1; i >= 0; i--) {
                stack.push(new Object[] {roots.get(i), "", ""});
            }
            while (!stack.isEmpty()) {
                Object[] e = stack.pop();
                Cgroup cg = (Cgroup) e[0];
                if (kept != null && !kept.contains(cg.path())) {
                    continue;
                }
                rows.add(cg);
                prefixes.add((String) e[1]);
                List<Cgroup> kids = new ArrayList<>(children.getOrDefault(cg.path(), List.of()));
                if (kept != null) {
                    Set<String> k = kept;
                    kids.removeIf(c -> !k.contains(c.path()));
                }
                kids.sort(order);
                for (int i = kids.size() - 1; i >= 0; i--) {
                    boolean last = i == kids.size() - 1;
                    String indent = (String) e[2];
                    stack.push(new Object[] {kids.get(i), indent + (last ? g[1] : g[0]), indent + (last ? g[3] : g[2])});
                }
            }
        } else {
            for (Cgroup cg : all) {
                if (kept == null || kept.contains(cg.path())) {
                    rows.add(cg);
                    prefixes.add("");
                }
            }
            rows.sort(order);
        }
        boolean oom = false;
        boolean nearLimit = false;
        for (Cgroup cg : rows) {
            CgroupRates r = f.rates().get(cg.path());
            oom |= r != null && r.oomKillsSinceStart() != null && r.oomKillsSinceStart() > 0;
            nearLimit |= closeToLimit(cg);
        }
        int keep = Table.MIN_TEXT;
        for (int i = 0; i < rows.size(); i++) {
            keep = Math.max(keep, MemText.keep(rows.get(i), prefixes.get(i), !v.tree));
        }
        Table t = cgroupTable(v, oom, nearLimit, keep);
        List<String> keys = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Cgroup cg = rows.get(i);
            keys.add(cg.path());
            t.add(cgroupRow(f, cg, prefixes.get(i) + Sanitize.text(v.tree ? cg.name() : cg.path())));
        }
        String[] lines = t.render(style).split("\n", -1);
        return listing(lines, keys, t.hidden(), rows.size() + (rows.size() == 1 ? " cgroup" : " cgroups")
                + (kept == null ? "" : " of " + all.size()));
    }

    private static Listing listing(String[] lines, List<String> keys, List<String> hidden, String what) {
        List<String> rows = new ArrayList<>(keys.size());
        for (int i = 1; i <= keys.size() && i < lines.length; i++) {
            rows.add(lines[i]);
        }
        return new Listing(lines[0], rows, keys, hidden, what);
    }

    private Table cgroupTable(TopView v, boolean oom, boolean nearLimit, int keep) {
        String delta = style.unicode() ? "ΔREAL/s" : "+REAL/s";
        return new Table(List.of(
                Table.Column.left(v.tree ? "CGROUP" : "CGROUP (PATH)", 100).max(MemText.NAME_CHARS).keep(keep),
                Table.Column.right(sorted(v, TopView.Sort.realCost, "REAL COST"), 98),
                Table.Column.right(sorted(v, TopView.Sort.realCostPerSecond, delta), 97),
                Table.Column.right(sorted(v, TopView.Sort.refaultsPerSecond, "REFAULT/s"), 95),
                Table.Column.right("CACHE", 94),
                Table.Column.right(sorted(v, TopView.Sort.pressure, "PSI10"), 90),
                Table.Column.right(sorted(v, TopView.Sort.anon, "ANON"), 80),
                Table.Column.right(sorted(v, TopView.Sort.file, "FILE"), 70),
                Table.Column.right("HOT", 60),
                Table.Column.right("COLD", 62),
                Table.Column.right(sorted(v, TopView.Sort.kernel, "KERNEL"), 50),
                Table.Column.right("LIMIT", nearLimit ? 93 : 64),
                Table.Column.right(sorted(v, TopView.Sort.limitUse, "USE"), nearLimit ? 96 : 66),
                // OOM kills are never left out silently: any since the start keeps the column
                Table.Column.right(sorted(v, TopView.Sort.oomKillsSinceStart, "OOM"), oom ? 99 : 55)));
    }

    /** The title of the sorted column, with its direction. */
    private String sorted(TopView v, Object key, String title) {
        Object current = v.mode == TopView.Mode.CGROUPS ? v.sort : null;
        if (current != key) {
            return title;
        }
        return title + arrow(v);
    }

    /** The sort's direction: down for largest first (names A to Z), up when reversed. */
    private String arrow(TopView v) {
        return v.reverse ? (style.unicode() ? "↑" : "^") : (style.unicode() ? "↓" : "v");
    }

    private String[] cgroupRow(TopFrame f, Cgroup cg, String name) {
        CgroupMemory m = cg.memory();
        CgroupRates r = f.rates().get(cg.path());
        CgroupLimit limit = cg.limit();
        Double use = limitUse(cg) == null ? null : 100.0 * limitUse(cg);
        String useText = use == null ? "-" : String.format(Locale.ROOT, "%.0f%%", use);
        return new String[] {
            name,
            human(m.realCost()),
            signedBytes(r == null ? null : r.realCostPerSecond()),
            r == null ? "-" : count(r.refaultsPerSecond()),
            cache(f.cache().get(cg.path())),
            MemText.psi10(cg.pressure(), style),
            human(m.anon()),
            human(m.file()),
            human(m.hotCache()),
            human(m.coldCache()),
            human(m.kernel()) + (m.kernelApproximate() ? "~" : ""),
            limit == null ? (cg.sample().max() == null && cg.sample().high() == null ? "-" : "none")
                    : human(limit.bytes()) + (limit.high() ? " high" : ""),
            closeToLimit(cg) ? style.red(useText) : useText,
            oom(r)
        };
    }

    /** What the cgroup is charged as a share of its limit (memory.max, else memory.high), or null. */
    static Double limitUse(Cgroup cg) {
        CgroupLimit l = cg.limit();
        return l == null || l.bytes() == 0 || cg.memory().current() == null ? null
                : (double) cg.memory().current() / l.bytes();
    }

    /** The real cost is close to the limit (the close-to-limit verdict of xray mem). */
    static boolean closeToLimit(Cgroup cg) {
        return cg.limit() != null && cg.limit().realCostClose();
    }

    private String oom(CgroupRates r) {
        if (r == null || r.oomKillsSinceStart() == null) {
            return "-";
        }
        String s = String.valueOf(r.oomKillsSinceStart());
        if (r.oomKillNew()) {
            return style.color() ? "\u001b[1;7;31m" + s + "\u001b[0m" : s + "!";
        }
        return r.oomKillsSinceStart() > 0 ? style.red(s) : s;
    }

    /** The CACHE cell: what the evidence says, in two words at most. */
    String cache(Verdict v) {
        if (v == null) {
            return "-";
        }
        return switch (v.code()) {
            case "cache-contended" -> style.red("contended");
            case "cache-needed" -> style.yellow("needed");
            default -> "not needed";
        };
    }

    /** The sentence of a cache verdict (also JSON's {@code text}). */
    public static String sentence(Verdict v) {
        Map<String, Object> fig = v.figures();
        String refaults = count((Double) fig.get("refaultsPerSecond")) + " refaults/s";
        Double some = (Double) fig.get("pressureSomePercent");
        String over = " over the last " + seconds((Double) fig.get("seconds"));
        String pressure = some == null ? "no pressure figure for it" : "memory pressure some " + Bytes.percent(some) + "%";
        Long cold = (Long) fig.get("coldCache");
        return switch (v.code()) {
            case "cache-contended" -> "Cache needed and fought over: " + refaults + " (pages "
                    + "evicted and read back in) with " + pressure + over + ": the limit or the neighbours are too tight.";
            case "cache-needed" -> "Cache needed: " + refaults + " (pages evicted and read back in), "
                    + (some == null ? "and " + pressure : "with " + pressure) + over + ".";
            default -> "Cache not needed: " + refaults + " and " + pressure + over + ": the cache it keeps"
                    + (cold == null ? "" : " (" + human(cold) + " cold)") + " costs nobody anything right now.";
        };
    }

    static String seconds(Double s) {
        if (s == null) {
            return "interval";
        }
        return (s == Math.rint(s) && s < 1e6 ? String.valueOf(s.longValue()) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }

    /** A count per second, short: 0.4, 12, 3456, 12k, 1.2M; null "-". */
    static String count(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        if (a < 9.95) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a < 9999.5) {
            return String.valueOf(Math.round(v));
        }
        if (a < 999_500) {
            return Math.round(v / 1000) + "k";
        }
        return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }

    /** Bytes per second with a sign: +1.2 MiB, -340 KiB, 0 B; null "-". */
    static String signedBytes(Double perSecond) {
        if (perSecond == null) {
            return "-";
        }
        long v = Math.round(perSecond);
        return v > 0 ? "+" + human(v) : human(v);
    }

    /** The order of --sort KEY as on every command (SortOrder): largest first, absent last either way. */
    private static Comparator<Cgroup> order(TopView.Sort key, TopFrame f, boolean reverse) {
        Comparator<Cgroup> byPath = (a, b) -> a.path().compareTo(b.path());
        if (key == TopView.Sort.name) {
            return SortOrder.texts(Cgroup::name, reverse, byPath);
        }
        java.util.function.Function<Cgroup, Double> value = switch (key) {
            case name -> throw new IllegalStateException(); // above
            case realCost -> cg -> toDouble(cg.memory().realCost());
            case realCostPerSecond -> cg -> rate(f, cg).realCostPerSecond();
            case refaultsPerSecond -> cg -> rate(f, cg).refaultsPerSecond();
            case pressure -> cg -> cg.pressure() == null || cg.pressure().some() == null ? null
                    : cg.pressure().some().avg10();
            case anon -> cg -> toDouble(cg.memory().anon());
            case file -> cg -> toDouble(cg.memory().file());
            case kernel -> cg -> toDouble(cg.memory().kernel());
            case limitUse -> TopText::limitUse;
            case oomKillsSinceStart -> cg -> toDouble(rate(f, cg).oomKillsSinceStart());
        };
        return SortOrder.numbers(value, reverse, byPath);
    }

    private static CgroupRates rate(TopFrame f, Cgroup cg) {
        CgroupRates r = f.rates().get(cg.path());
        return r != null ? r : CgroupRates.NONE;
    }

    private static Double toDouble(Long v) {
        return v == null ? null : v.doubleValue();
    }

    // ---------------------------------------------------------------- one cgroup

    /** One cgroup in full, above its processes: its numbers, its rates and the evidence about its cache. */
    public List<String> cgroup(TopFrame f, Cgroup cg) {
        List<String> out = new ArrayList<>();
        CgroupMemory m = cg.memory();
        CgroupRates r = rate(f, cg);
        out.add(style.bold(Sanitize.text(cg.path())) + "  " + style.dim("(" + Sanitize.text(cg.name()) + ": " + cg.kind()
                + (cg.processes() == null ? "" : ", " + cg.processes() + (cg.processes() == 1 ? " process" : " processes"))
                + ")"));
        CgroupLimit limit = cg.limit();
        out.addAll(fit(List.of("charged " + human(m.current()), "real cost " + human(m.realCost()) + " ("
                + signedBytes(r.realCostPerSecond()) + "/s)", "anon " + human(m.anon()), "file " + human(m.file())
                + " (hot " + human(m.hotCache()) + ", cold " + human(m.coldCache()) + ")", "kernel " + human(m.kernel())
                + (m.kernelApproximate() ? "~" : ""), "limit " + (limit == null ? "none" : human(limit.bytes())
                + (limit.high() ? " (high)" : "")))));
        Pressure p = cg.pressure();
        out.addAll(fit(List.of("pressure some avg10 " + (p == null ? "-" : avg10(p.some()))
                + (r.pressureSomePercent() == null ? "" : ", " + Bytes.percent(r.pressureSomePercent())
                + "% over the interval"), "refaults " + count(r.refaultsPerSecond()) + "/s (file "
                + count(r.refaultFilePerSecond()) + ", anon " + count(r.refaultAnonPerSecond()) + ")",
                "OOM kills since start " + (r.oomKillsSinceStart() == null ? "-" : r.oomKillsSinceStart()))));
        Verdict v = f.cache().get(cg.path());
        String verdict = v == null ? style.dim(f.hasRates() ? "No refault counters here: no evidence about the cache."
                : "The evidence about the cache comes with the rates, from the next frame.") : verdictLine(v);
        for (String line : style.wrap(verdict, "  ").split("\n")) {
            out.add(line);
        }
        return out;
    }

    private String verdictLine(Verdict v) {
        String s = sentence(v);
        return v.severity() == Verdict.Severity.WARN ? style.red(s) : s;
    }

    // ---------------------------------------------------------------- processes and JVMs

    /** Processes (of one cgroup's subtree, or of the host), sorted as the view says. */
    public Listing processes(List<TopProcess> procs, TopView v, String base) {
        List<TopProcess> rows = new ArrayList<>();
        String want = v.filter == null ? null : v.filter.toLowerCase(Locale.ROOT);
        for (TopProcess p : procs) {
            if (want == null || (p.name() != null && p.name().toLowerCase(Locale.ROOT).contains(want))
                    || String.valueOf(p.pid()).equals(want)) {
                rows.add(p);
            }
        }
        Comparator<TopProcess> byPid = (a, b) -> Integer.compare(a.pid(), b.pid());
        rows.sort(switch (v.processSort) {
            case REAL_COST -> SortOrder.numbers(TopProcess::realCost, v.reverse, byPid);
            case RSS_ANON -> SortOrder.numbers(TopProcess::rssAnon, v.reverse, byPid);
            case RSS_FILE -> SortOrder.numbers(TopProcess::rssFile, v.reverse, byPid);
            case RSS_SHMEM -> SortOrder.numbers(TopProcess::rssShmem, v.reverse, byPid);
            case PID -> SortOrder.numbers(TopProcess::pid, !v.reverse, byPid); // smallest first, as ps
            case NAME -> SortOrder.texts(TopProcess::name, v.reverse, byPid);
        });
        Table t = new Table(List.of(Table.Column.right(psorted(v, TopView.ProcessSort.PID), 99),
                Table.Column.left(psorted(v, TopView.ProcessSort.NAME), 98).max(32),
                Table.Column.right(psorted(v, TopView.ProcessSort.REAL_COST), 97),
                Table.Column.right(psorted(v, TopView.ProcessSort.RSS_ANON), 80),
                Table.Column.right(psorted(v, TopView.ProcessSort.RSS_FILE), 70),
                Table.Column.right(psorted(v, TopView.ProcessSort.RSS_SHMEM), 75),
                Table.Column.right("SWAP", 60),
                Table.Column.left("CGROUP", 50).max(MemText.NAME_CHARS)));
        List<String> keys = new ArrayList<>(rows.size());
        for (TopProcess p : rows) {
            keys.add(String.valueOf(p.pid()));
            t.add(String.valueOf(p.pid()), p.name() == null ? "?" : Sanitize.text(p.name()), human(p.realCost()),
                    human(p.rssAnon()), human(p.rssFile()), human(p.rssShmem()), human(p.swap()),
                    p.cgroup() == null ? "-" : Sanitize.text(CgroupPath.relative(base, p.cgroup())));
        }
        return listing(t.render(style).split("\n", -1), keys, t.hidden(),
                rows.size() + (rows.size() == 1 ? " process" : " processes"));
    }

    private String psorted(TopView v, TopView.ProcessSort key) {
        return key != v.processSort ? key.title : key.title + arrow(v);
    }

    /** The JVMs from their perf data alone: heap used and committed, time in GC pauses. */
    public Listing jvms(List<TopJvm> jvms, TopView v, long nowMillis) {
        List<TopJvm> rows = new ArrayList<>();
        String want = v.filter == null ? null : v.filter.toLowerCase(Locale.ROOT);
        for (TopJvm j : jvms) {
            String main = j.perf().mainClass();
            if (want == null || (main != null && main.toLowerCase(Locale.ROOT).contains(want))
                    || String.valueOf(j.perf().pid()).equals(want)) {
                rows.add(j);
            }
        }
        Comparator<TopJvm> byPid = (a, b) -> Integer.compare(a.perf().pid(), b.perf().pid());
        rows.sort(switch (v.jvmSort) {
            case HEAP_USED -> SortOrder.numbers(j -> j.perf().heapUsed(), v.reverse, byPid);
            case GC -> SortOrder.numbers(TopJvm::gcPercent, v.reverse, byPid);
            case RSS -> SortOrder.numbers(j -> j.perf().rss(), v.reverse, byPid);
            case PID -> SortOrder.numbers(j -> j.perf().pid(), !v.reverse, byPid); // smallest first
        });
        String arrow = arrow(v);
        Table t = new Table(List.of(
                Table.Column.right("PID" + (v.jvmSort == TopView.JvmSort.PID ? arrow : ""), 99),
                Table.Column.left("MAIN CLASS / JAR", 98).max(48),
                Table.Column.left("USER", 40).max(16),
                Table.Column.right("RSS" + (v.jvmSort == TopView.JvmSort.RSS ? arrow : ""), 80),
                Table.Column.right("HEAP USED" + (v.jvmSort == TopView.JvmSort.HEAP_USED ? arrow : ""), 97),
                Table.Column.right("COMMITTED", 90),
                Table.Column.right("MAX", 60),
                Table.Column.right("GC %" + (v.jvmSort == TopView.JvmSort.GC ? arrow : ""), 95),
                Table.Column.right("UPTIME", 50)));
        List<String> keys = new ArrayList<>(rows.size());
        for (TopJvm j : rows) {
            var p = j.perf();
            keys.add(String.valueOf(p.pid()));
            t.add(String.valueOf(p.pid()), p.mainClass() == null ? "?" : Sanitize.text(p.mainClass()),
                    p.user() == null ? "-" : Sanitize.text(p.user()), human(p.rss()), human(p.heapUsed()),
                    human(p.heapCommitted()), human(p.heapMax()),
                    j.gcPercent() == null ? "-" : Bytes.percent(j.gcPercent()),
                    p.startMillis() == null || nowMillis == 0 ? "-" : uptime(nowMillis - p.startMillis()));
        }
        return listing(t.render(style).split("\n", -1), keys, t.hidden(),
                rows.size() + (rows.size() == 1 ? " JVM" : " JVMs") + " (from hsperfdata, no attach)");
    }

    static String uptime(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : (s % 60 < 10 ? "0" : "") + s % 60 + "s");
        }
        if (s < 86400) {
            return s / 3600 + "h" + two((int) (s % 3600 / 60)) + "m";
        }
        return s / 86400 + "d" + s % 86400 / 3600 + "h";
    }

    // ---------------------------------------------------------------- footer

    /** The status line: the sort, tree or flat, how many rows, the filter, what the width leaves out, xray's own cost. */
    public List<String> footer(TopFrame f, TopView v, Listing l) {
        return footer(f, v, l, "");
    }

    /** The same, with where the rows on screen are in the list ({@code position}: " (rows 1-17)", or empty). */
    public List<String> footer(TopFrame f, TopView v, Listing l, String position) {
        List<String> parts = new ArrayList<>();
        String arrow = arrow(v);
        String key = switch (v.mode) {
            case CGROUPS -> v.sort.title;
            case CGROUP, PROCESSES -> v.processSort.title;
            case JVMS -> v.jvmSort.title;
        };
        parts.add("sort " + key + " " + arrow);
        if (v.mode == TopView.Mode.CGROUPS) {
            parts.add(v.tree ? "tree" : "flat");
        }
        parts.add(l.what() + position);
        if (v.filter != null) {
            parts.add("filter '" + Sanitize.text(v.filter) + "'");
        }
        parts.add(own(f));
        if (!l.hidden().isEmpty()) {
            parts.add(style.yellow("not shown at this width: " + String.join(", ", l.hidden())));
        }
        return fit(parts);
    }

    /** xray's own CPU (over the interval, % of one core) and RSS. */
    public static String own(TopFrame f) {
        Double cpu = f.ownCpuPercent();
        return "xray " + (cpu == null ? "-" : Bytes.percent(cpu)) + "% CPU, " + human(f.sample().own().rss()) + " RSS";
    }

    /** The keys, in one line. */
    public String help(TopView v) {
        String enter = style.unicode() ? "⏎" : "Enter";
        String arrows = style.unicode() ? "↑↓" : "arrows";
        if (v.typing != null) {
            return "filter: " + Sanitize.text(v.typing) + "_   " + enter + " apply · Esc cancel";
        }
        String pause = v.paused ? "resume" : "pause";
        String full = "q quit · s/S sort · t tree · " + arrows + " PgUp/PgDn move · " + enter + " drill · Esc back"
                + " · p processes · j JVMs · / filter · space " + pause;
        if (style.width() <= 0 || full.length() <= style.width()) {
            return full;
        }
        return "q:quit s/S:sort t:tree " + enter + ":drill Esc:back p:procs j:JVMs /:filter space:" + pause;
    }

    // ---------------------------------------------------------------- batch

    /** One frame as plain text for batch mode: the header, every row, the footer; a blank line after. */
    public String batch(TopFrame f, CgroupLayout layout, Spark spark, TopView v) {
        StringBuilder b = new StringBuilder();
        for (String line : header(f, layout, spark, "")) {
            b.append(line).append('\n');
        }
        if (f.noRates() != null) {
            b.append(style.dim(style.wrap(f.noRates(), "  "))).append('\n');
        }
        b.append('\n');
        Listing l = cgroups(f, v);
        b.append(l.header()).append('\n');
        for (String row : l.rows()) {
            b.append(row).append('\n');
        }
        for (String line : footer(f, v, l)) {
            b.append(style.dim(line)).append('\n');
        }
        b.append('\n');
        return b.toString();
    }
}
