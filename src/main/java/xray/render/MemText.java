package xray.render;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xray.model.Bytes;
import xray.model.Cgroup;
import xray.model.CgroupField;
import xray.model.CgroupLayout;
import xray.model.CgroupLimit;
import xray.model.CgroupMemory;
import xray.model.CgroupMode;
import xray.model.CgroupProcess;
import xray.model.Column;
import xray.model.HostField;
import xray.model.HostIdentity;
import xray.model.HostMemory;
import xray.model.HostSample;
import xray.model.Limit;
import xray.model.MemReport;
import xray.model.Pressure;
import xray.model.ProcStatus;
import xray.model.PsNote;
import xray.model.Psi;
import xray.model.Sharing;
import xray.model.Unit;
import xray.model.Verdict;

/** {@code xray mem} for people, drawn in a {@link Style}: the host summary, the cgroup tree, and the drill-down. */
public record MemText(Style style) {
    /** Children below this share of the top cgroup's charge are folded into one line. */
    static final double FOLD_SHARE = 0.01;
    /** A cgroup name or path in a table is cut to this many characters unless --wide. */
    static final int NAME_CHARS = 64;

    // ---------------------------------------------------------------- host

    public String host(MemReport r) {
        return host(r, null, List.of());
    }

    /**
     * The host summary; with {@code sharing} (xray mem --pss) also what sharing saves over the
     * processes whose PSS was read, and the notes of that read (permissions).
     */
    public String host(MemReport r, Sharing sharing, List<PsNote> sharingNotes) {
        HostSample h = r.host();
        HostMemory m = r.memory();
        StringBuilder out = new StringBuilder();
        out.append(style.bold(identity(h.identity(), r.layout()))).append("\n\n");
        List<Table.Column> columns = new ArrayList<>(List.of(Table.Column.left("", 9)));
        String[] memory = new String[HostField.SUMMARY.size() + 1];
        memory[0] = "memory";
        for (Column<HostField> c : HostField.SUMMARY) {
            columns.add(Table.Column.right(c.title(), c.priority()));
            memory[columns.size() - 1] = human((Long) c.field().of(r))
                    + (c.field() == HostField.MEM_AVAILABLE && m.memAvailableEstimated() ? "*" : "");
        }
        Table t = new Table(columns);
        t.add(memory);
        if (m.swapTotal() != null && m.swapTotal() == 0) {
            t.add("swap", "none", "", "", "", "", "");
        } else {
            t.add("swap", human(m.swapTotal()), human(m.swapUsed()), "", human(m.swapFree()), "", "");
        }
        out.append(t.render(style));
        if (m.memAvailableEstimated()) {
            out.append("* estimated: this kernel has no MemAvailable (before 3.14)\n");
        }
        out.append(style.wrap(pressureLine("pressure ", h.pressure(),
                h.pressureMissing() == null ? null : MemSentences.pressureMissing(h.pressureMissing())), "         "))
                .append('\n');
        if (m.inUse() != null && m.realCost() != null) {
            out.append('\n').append(style.wrap("Of the " + human(m.inUse()) + " in use, " + human(m.realCost())
                    + " is real cost (anon, shmem, unreclaimable kernel memory); the other " + human(m.reclaimable())
                    + " is cache and reclaimable kernel memory, given back when asked.", "")).append('\n');
        }
        if (sharing != null && sharing.shared() != null) {
            out.append(style.wrap("Sharing: " + sharing.processes() + (sharing.processes() == 1 ? " process" : " processes")
                    + " with PSS: RSS " + human(sharing.rss()) + ", PSS " + human(sharing.pss()) + ": "
                    + human(sharing.shared()) + " shared (counted once per process by RSS, split fairly by PSS).",
                    "")).append('\n');
        }
        for (PsNote note : sharingNotes) {
            String n = PsSentences.note(note);
            out.append(style.wrap(n + (n.endsWith(".") ? "" : "."), "")).append('\n');
        }
        if (h.ksmSharing() != null) {
            out.append("KSM merges identical pages and saves ").append(human(h.ksmSharing())).append(".\n");
        }
        if (r.notLinux()) {
            out.append(style.wrap(MemSentences.NOT_LINUX + ".", "")).append('\n');
        }
        return out.toString();
    }

    static String identity(HostIdentity id, CgroupLayout layout) {
        List<String> parts = new ArrayList<>();
        parts.add(id.hostname() == null ? "(unknown host)" : id.hostname());
        if (id.os() != null) {
            parts.add(id.os());
        }
        if (id.kernelRelease() != null) {
            parts.add("Linux " + id.kernelRelease());
        }
        if (id.cpus() != null) {
            parts.add(cpus(id.cpus()));
        }
        parts.add(mode(layout.mode()));
        return Sanitize.text(String.join(" · ", parts));
    }

    /** "1 CPU", "4 CPUs". */
    static String cpus(int n) {
        return n + (n == 1 ? " CPU" : " CPUs");
    }

    /** How cgroups are mounted, in words: "cgroup v2", "cgroups hybrid (memory on v1)". */
    static String mode(CgroupMode mode) {
        return switch (mode) {
            case V1 -> "cgroup v1";
            case V2 -> "cgroup v2";
            case HYBRID -> "cgroups hybrid (memory on v1)";
            case NONE -> "no memory cgroups";
        };
    }

    String pressureLine(String label, Pressure p, String note) {
        if (p == null) {
            return label + (note == null ? "not available" : note);
        }
        return label + psi("some", p.some()) + "   " + psi("full", p.full())
                + style.dim("   (% of time stalled on memory, avg10 avg60 avg300)");
    }

    private String psi(String what, Psi p) {
        if (p == null) {
            return what + " -";
        }
        String s = what + " " + Bytes.percent(p.avg10()) + " " + Bytes.percent(p.avg60()) + " "
                + Bytes.percent(p.avg300());
        return p.avg10() >= 10 ? style.red(s) : p.avg10() > 0 ? style.yellow(s) : s;
    }

    // ---------------------------------------------------------------- tree

    /** The tree: sorted by current within each level, down to {@code depth}, small ones folded unless {@code all}. */
    public String tree(MemReport r, List<Cgroup> cgroups, int depth, boolean all) {
        if (cgroups.isEmpty()) {
            return r.layout().mode() == CgroupMode.NONE
                    ? (r.notLinux() ? "" : "No memory cgroup hierarchy is mounted.\n")
                    : "No cgroups could be read under " + r.layout().memoryMount() + ".\n";
        }
        Map<String, List<Cgroup>> children = childrenOf(cgroups);
        Cgroup top = cgroups.get(0);
        Long topCurrent = top.memory().current();
        long threshold = all || topCurrent == null ? -1 : (long) (topCurrent * FOLD_SHARE);
        Table t = treeTable();
        row(t, top, "");
        int folded = addChildren(t, children, top, "", top.depth() + depth, threshold);
        StringBuilder out = new StringBuilder();
        out.append(t.render(style));
        for (String line : legend(r, depth, all, folded).split("\n")) {
            out.append(style.dim(style.wrap(line, "  "))).append('\n');
        }
        return out.toString();
    }

    private String legend(MemReport r, int depth, boolean all, int folded) {
        StringBuilder b = new StringBuilder();
        b.append("REAL COST = anon + shmem + unreclaimable kernel + sock: what cannot be given back without swap or a kill.");
        b.append("\nFILE (INACTIVE) = page cache (the part not used recently). PSI10 = pressure some avg10, %.");
        if (r.layout().inContainer()) {
            b.append("\nInside a container: its own cgroup is shown as the root.");
        }
        if (r.layout().memoryIsV1()) {
            b.append("\nOn cgroup v1 the root's usage counts no kernel memory, so a child can show more.");
        }
        if (r.layout().mode() == CgroupMode.HYBRID) {
            b.append("\nOn this hybrid host PSI per cgroup comes from the cgroup2 tree where the same path exists.");
        }
        if (folded > 0) {
            b.append("\n").append(folded).append(folded == 1 ? " cgroup" : " cgroups")
                    .append(" under 1% of the top are folded; --all shows them.");
        }
        b.append("\nDepth ").append(depth).append(" shown; --depth N goes deeper; xray mem CGROUP shows one in full.");
        return b.toString();
    }

    /** An entry of the tree still to draw: a cgroup's row, then its children. */
    private record Pending(Cgroup cgroup, String prefix, boolean rowFirst, String[] foldedRow) {
    }

    /**
     * Adds the descendants of {@code parent} down to {@code maxDepth}, each level sorted, small
     * ones folded below {@code threshold}; returns how many cgroups were folded. Iterative (a stack
     * of pending entries, not recursion), so a tree thousands of levels deep draws like any other.
     */
    private int addChildren(Table t, Map<String, List<Cgroup>> children, Cgroup parent, String prefix, int maxDepth,
                            long threshold) {
        String[] g = style.tree();
        int folded = 0;
        java.util.Deque<Pending> stack = new java.util.ArrayDeque<>();
        stack.push(new Pending(parent, prefix, false, null));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (p.foldedRow() != null) {
                t.add(true, p.foldedRow());
                continue;
            }
            if (p.rowFirst()) {
                row(t, p.cgroup(), p.prefix());
                continue;
            }
            Cgroup cg = p.cgroup();
            List<Cgroup> kids = children.getOrDefault(cg.path(), List.of());
            if (kids.isEmpty() || cg.depth() >= maxDepth) {
                continue;
            }
            List<Cgroup> shown = new ArrayList<>();
            List<Cgroup> hidden = new ArrayList<>();
            for (Cgroup k : sorted(kids)) {
                Long c = k.memory().current();
                (threshold >= 0 && (c == null || c < threshold) ? hidden : shown).add(k);
            }
            if (hidden.size() == 1) {
                shown.add(hidden.remove(0)); // one line either way: show it
            }
            if (!hidden.isEmpty()) {
                Long sum = 0L;
                int count = 0;
                for (Cgroup h : hidden) {
                    Long c = h.memory().current();
                    sum = sum == null || c == null ? sum : c > Long.MAX_VALUE - sum ? null : sum + c;
                    count += 1 + descendants(children, h);
                }
                String[] cells = new String[CgroupField.TREE.size()];
                for (int c = 0; c < cells.length; c++) {
                    CgroupField f = CgroupField.TREE.get(c).field();
                    cells[c] = c == 0 ? p.prefix() + g[1] + style.ellipsis() + " " + hidden.size() + " more"
                            : f == CgroupField.CURRENT ? human(sum) : "";
                }
                stack.push(new Pending(null, null, false, cells)); // drawn after the shown subtrees
                folded += count;
            }
            for (int i = shown.size() - 1; i >= 0; i--) {
                Cgroup k = shown.get(i);
                boolean last = i == shown.size() - 1 && hidden.isEmpty();
                stack.push(new Pending(k, p.prefix() + (last ? g[3] : g[2]), false, null));
                stack.push(new Pending(k, p.prefix() + (last ? g[1] : g[0]), true, null));
            }
        }
        return folded;
    }

    private static int descendants(Map<String, List<Cgroup>> children, Cgroup cg) {
        int n = 0;
        java.util.Deque<Cgroup> todo = new java.util.ArrayDeque<>(children.getOrDefault(cg.path(), List.of()));
        while (!todo.isEmpty()) {
            Cgroup k = todo.pop();
            n++;
            todo.addAll(children.getOrDefault(k.path(), List.of()));
        }
        return n;
    }

    static List<Cgroup> sorted(List<Cgroup> kids) {
        List<Cgroup> s = new ArrayList<>(kids);
        s.sort(Comparator.comparing((Cgroup c) -> c.memory().current(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Cgroup::path));
        return s;
    }

    static Map<String, List<Cgroup>> childrenOf(List<Cgroup> cgroups) {
        Map<String, List<Cgroup>> m = new HashMap<>();
        for (Cgroup c : cgroups) {
            if (c.parent() != null) {
                m.computeIfAbsent(c.parent(), k -> new ArrayList<>()).add(c);
            }
        }
        return m;
    }

    /** The tree's columns, from the registry: names left-aligned and cut, the rest right-aligned. */
    private static Table treeTable() {
        List<Table.Column> columns = new ArrayList<>();
        for (Column<CgroupField> c : CgroupField.TREE) {
            columns.add(c.field().unit() == Unit.TEXT ? Table.Column.left(c.title(), c.priority()).max(NAME_CHARS)
                    : Table.Column.right(c.title(), c.priority()));
        }
        return new Table(columns);
    }

    private void row(Table t, Cgroup cg, String prefix) {
        String[] cells = new String[CgroupField.TREE.size()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = c == 0 ? prefix + cell(CgroupField.TREE.get(c).field(), cg) : cell(CgroupField.TREE.get(c).field(), cg);
        }
        t.add(cells);
    }

    /** One cell of the tree. */
    private String cell(CgroupField f, Cgroup cg) {
        CgroupMemory m = cg.memory();
        return switch (f) {
            case FILE -> m.file() == null ? "-" : human(m.file()) + " (" + human(m.inactiveFile()) + ")";
            case KERNEL -> human(m.kernel()) + (m.kernelApproximate() ? "~" : "");
            case MAX -> limit(cg);
            case PRESSURE -> psi10(cg.pressure(), style);
            case OOM_KILLS -> cg.oomKills() == null ? "-" : cg.oomKills() == 0 ? "0" : style.red(String.valueOf(cg.oomKills()));
            default -> switch (f.unit()) {
                case BYTES -> human(f.number(cg));
                case COUNT -> f.number(cg) == null ? "-" : String.valueOf(f.number(cg));
                case TEXT -> Sanitize.text((String) f.of(cg));
                default -> throw new IllegalArgumentException("no cell for " + f);
            };
        };
    }

    private String limit(Cgroup cg) {
        CgroupLimit shown = cg.limit();
        if (shown == null) {
            return cg.sample().max() == null && cg.sample().high() == null ? "-" : "none";
        }
        String s = human(shown.bytes()) + (shown.high() ? " high" : "");
        return shown.realCostClose() ? style.red(s) : s;
    }

    /** PSI some avg10 for a table cell: yellow above 0, red from 10%; "-" without a figure. */
    static String psi10(Pressure p, Style style) {
        if (p == null || p.some() == null) {
            return "-";
        }
        double v = p.some().avg10();
        String s = Bytes.percent(v);
        return v >= 10 ? style.red(s) : v > 0 ? style.yellow(s) : s;
    }

    // ---------------------------------------------------------------- drill-down

    public String detail(MemReport r, Cgroup cg, List<Cgroup> subtree, List<CgroupProcess> procs,
                         List<Verdict> verdicts) {
        StringBuilder out = new StringBuilder();
        CgroupMemory m = cg.memory();
        String what = cg.kind() + ", cgroup " + (cg.sample().v1() ? "v1" : "v2")
                + (cg.processes() == null ? "" : ", " + cg.processes() + (cg.processes() == 1 ? " process" : " processes"));
        out.append(style.bold(Sanitize.text(cg.path()))).append("  ")
                .append(style.dim("(" + Sanitize.text(cg.name()) + ": " + what + ")")).append("\n\n");

        Table t = new Table(List.of(Table.Column.left("", 100), Table.Column.right("", 99), Table.Column.left("", 50)));
        t.add(CgroupField.CURRENT.label(), human(m.current()), "peak " + human(m.peak()));
        t.add(CgroupField.REAL_COST.label(), human(m.realCost()), realCostTerms(m));
        t.add(CgroupField.HOT_CACHE.label(), human(m.hotCache()), "reclaimable, but refaults would cost I/O");
        t.add(CgroupField.COLD_CACHE.label(), human(m.coldCache()), "kept because nothing else wants the RAM");
        t.add(CgroupField.WORKING_SET.label(), human(m.workingSet()), "current − inactive file, for comparison");
        t.add("", "", "");
        for (CgroupField f : List.of(CgroupField.ANON, CgroupField.FILE, CgroupField.SHMEM, CgroupField.ACTIVE_FILE,
                CgroupField.INACTIVE_FILE, CgroupField.KERNEL, CgroupField.KERNEL_STACK, CgroupField.PAGE_TABLES,
                CgroupField.SOCK, CgroupField.SLAB_RECLAIMABLE, CgroupField.SWAP)) {
            String note = f == CgroupField.KERNEL && m.kernelApproximate() ? "approximate: usage − rss − cache"
                    : f.number(cg) == null && cg.sample().v1() && f.v2Only() ? "not reported by cgroup v1" : "";
            t.add(f.label(), human(f.number(cg)), note);
        }
        t.add("", "", "");
        t.add(CgroupField.MAX.label(), limitText(cg.sample().max()), cg.sample().v1() ? "memory.limit_in_bytes" : "memory.max");
        if (cg.sample().v1()) {
            t.add(CgroupField.SOFT_LIMIT.label(), limitText(cg.sample().softLimit()), "memory.soft_limit_in_bytes");
        } else {
            t.add(CgroupField.HIGH.label(), limitText(cg.sample().high()), "memory.high: throttled above");
            t.add("low / min", limitText(cg.sample().low()) + " / " + limitText(cg.sample().min()), "protected from reclaim");
        }
        t.add(CgroupField.OOM_KILLS.label(), cg.oomKills() == null ? "-" : String.valueOf(cg.oomKills()), "");
        out.append(Style.indent(t.render(style).lines().skip(1).map(s -> s + "\n").reduce("", String::concat)));
        out.append(style.wrap("  " + pressureLine("pressure   ", cg.pressure(),
                cg.sample().v1() ? "none: cgroup v1 has no memory.pressure" : "none (no memory.pressure)"),
                "             ")).append('\n');

        if (subtree.size() > 1) {
            out.append('\n').append(style.bold("Children")).append('\n');
            Map<String, List<Cgroup>> children = childrenOf(subtree);
            Table ct = treeTable();
            row(ct, cg, "");
            addChildren(ct, children, cg, "", cg.depth() + 1, -1);
            out.append(ct.render(style));
        }

        out.append('\n').append(style.bold("Processes")).append('\n');
        if (procs.isEmpty()) {
            out.append("  none in this cgroup or below\n");
        } else {
            Table pt = new Table(List.of(Table.Column.right("PID", 99), Table.Column.left("NAME", 90).max(32),
                    Table.Column.right("RSS ANON", 80), Table.Column.right("RSS FILE", 70),
                    Table.Column.right("RSS SHMEM", 60), Table.Column.right("SWAP", 50),
                    Table.Column.left("CGROUP", 40).max(NAME_CHARS)));
            List<CgroupProcess> sorted = new ArrayList<>(procs);
            sorted.sort(Comparator.comparing((CgroupProcess p) -> p.status().rssAnon(),
                    Comparator.nullsLast(Comparator.reverseOrder())));
            for (CgroupProcess cp : sorted) {
                ProcStatus p = cp.status();
                pt.add(String.valueOf(p.pid()), p.name() == null ? "?" : Sanitize.text(p.name()), human(p.rssAnon()),
                        human(p.rssFile()), human(p.rssShmem()), human(p.vmSwap()),
                        cp.cgroup().equals(cg.path()) ? "." : Sanitize.text(relative(cg.path(), cp.cgroup())));
            }
            out.append(pt.render(style));
        }

        out.append('\n').append(style.bold("Verdict")).append('\n');
        for (Verdict v : verdicts) {
            out.append(style.wrap("  " + (style.unicode() ? "• " : "* ") + Sanitize.text(MemSentences.verdict(v)), "    "))
                    .append('\n');
        }
        return out.toString();
    }

    private static String relative(String base, String path) {
        String prefix = base.equals("/") ? "/" : base + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    private static String realCostTerms(CgroupMemory m) {
        if (m.realCost() == null) {
            return "memory.stat lacks anon or shmem";
        }
        StringBuilder b = new StringBuilder("= anon " + human(m.anon()) + " + shmem " + human(m.shmem())
                + " + unreclaimable kernel " + human(m.unreclaimableKernel()));
        if (m.sock() != null) {
            b.append(" + sock ").append(human(m.sock()));
        }
        if (m.pinnedFile() != null && m.pinnedFile() > 0) {
            b.append(" + pinned file ").append(human(m.pinnedFile()));
        }
        return b.toString();
    }

    private static String limitText(Limit l) {
        return l == null ? "-" : l.isUnlimited() ? "none" : human(l.bytes());
    }
}
