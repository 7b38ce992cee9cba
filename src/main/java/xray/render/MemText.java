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
import xray.model.CgroupPath;
import xray.model.PsProcess;
import xray.model.Column;
import xray.model.HostField;
import xray.model.HostIdentity;
import xray.model.HostMemory;
import xray.model.HostSample;
import xray.model.Limit;
import xray.model.MemReport;
import xray.model.Pressure;
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
        for (String line : style.parts(identity(h.identity(), r.layout()))) {
            out.append(style.bold(line)).append('\n');
        }
        out.append('\n');
        List<Table.Column> columns = new ArrayList<>(List.of(Table.Column.left("", 9)));
        String[] memory = new String[HostField.SUMMARY.size() + 1];
        memory[0] = "memory";
        for (Column<HostField> c : HostField.SUMMARY) {
            columns.add(Table.Column.right(c.title(), c.priority()));
            memory[columns.size() - 1] = style.size((Long) c.field().of(r))
                    + (c.field() == HostField.MEM_AVAILABLE && m.memAvailableEstimated() ? "*" : "");
        }
        Table t = new Table(columns);
        t.add(memory);
        if (m.swapTotal() != null && m.swapTotal() == 0) {
            t.add("swap", "none", "", "", "", "", "");
        } else {
            t.add("swap", style.size(m.swapTotal()), style.size(m.swapUsed()), "", style.size(m.swapFree()), "", "");
        }
        out.append(t.render(style.chrome(true, style.legend())));
        if (m.memAvailableEstimated()) {
            out.append("* estimated: this kernel has no MemAvailable (before 3.14)\n");
        }
        out.append(style.wrap(pressureLine("pressure ", h.pressure(),
                h.pressureMissing() == null ? null : MemSentences.pressureMissing(h.pressureMissing())), "         "))
                .append('\n');
        if (m.inUse() != null && m.realCost() != null) {
            out.append('\n').append(style.wrap("Of the " + human(m.inUse()) + " in use, " + human(m.realCost())
                    + " is real cost; the other " + human(m.reclaimable())
                    + " is cache and reclaimable kernel memory, given back when asked"
                    + (m.hotCache() == null || m.coldCache() == null ? "."
                    : " (" + human(m.hotCache()) + " hot, " + human(m.coldCache()) + " cold)."), "")).append('\n');
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

    /** The host's name, system, kernel, CPUs and cgroup mode: the parts of the first line. */
    static List<String> identity(HostIdentity id, CgroupLayout layout) {
        List<String> parts = new ArrayList<>();
        parts.add(id.hostname() == null ? "(unknown host)" : Sanitize.text(id.hostname()));
        if (id.os() != null) {
            parts.add(Sanitize.text(id.os()));
        }
        if (id.kernelRelease() != null) {
            parts.add("Linux " + Sanitize.text(id.kernelRelease()));
        }
        if (id.cpus() != null) {
            parts.add(cpus(id.cpus()));
        }
        parts.add(mode(layout.mode()));
        return parts;
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
                + style.dim("   (% stalled, avg10/60/300)");
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

    /**
     * What the tree or the flat list shows and in what order.
     *
     * @param depth  levels of the tree below the top (a cgroup deeper is shown only when notable)
     * @param all    no folding of small cgroups
     * @param order  siblings (or, flat, all rows) in this order
     * @param top    at most this many children per cgroup (flat: rows), the notable ones besides; 0: all
     * @param flat   the leaf cgroups by {@code order}, with their paths, instead of the tree
     * @param fields the columns after the name, or null for {@link CgroupField#TREE}'s
     */
    public record View(int depth, boolean all, Comparator<Cgroup> order, int top, boolean flat,
                       List<CgroupField> fields) {
        /** Everything, tree order, siblings by {@code order}: what JSON and CSV list. */
        public static View every(Comparator<Cgroup> order, int top, boolean flat) {
            return new View(Integer.MAX_VALUE, true, order, top, flat, null);
        }
    }

    /** A row of the tree: a cgroup and the tree's lines before its name, or a folded "… N more". */
    private record Row(Cgroup cgroup, String prefix, int folded, Long foldedCurrent) {
    }

    /** The cgroups a view shows, in its order (JSON and CSV). */
    public static List<Cgroup> listed(List<Cgroup> cgroups, View v) {
        List<Cgroup> out = new ArrayList<>();
        for (Row row : new Walk(cgroups, v, Style.PLAIN).rows) {
            if (row.cgroup() != null) {
                out.add(row.cgroup());
            }
        }
        return out;
    }

    /**
     * The rows of a view: the tree (each level in the view's order, down to its depth, small
     * children folded into one line unless {@code all}, at most {@code top} children per cgroup),
     * or the leaves, flat. Notable cgroups and the cgroups above them are always shown. Iterative
     * (a stack, not recursion), so a tree thousands of levels deep draws like any other.
     */
    private static final class Walk {
        final List<Row> rows = new ArrayList<>();
        /** Cgroups left out below the depth shown. */
        int deeper;
        /** Cgroups folded into "… N more" lines. */
        int folded;
        /** Cgroups left out by --top. */
        int cut;

        Walk(List<Cgroup> cgroups, View v, Style style) {
            if (cgroups.isEmpty()) {
                return;
            }
            if (v.flat()) {
                List<Cgroup> leaves = new ArrayList<>();
                for (Cgroup cg : cgroups) {
                    if (cg.leaf()) {
                        leaves.add(cg);
                    }
                }
                leaves.sort(v.order());
                for (Cgroup cg : leaves) {
                    if (v.top() > 0 && rows.size() >= v.top() && !cg.notable()) {
                        cut++;
                    } else {
                        rows.add(new Row(cg, "", 0, null));
                    }
                }
                return;
            }
            Map<String, List<Cgroup>> children = childrenOf(cgroups);
            java.util.Set<String> keep = notableBranches(cgroups);
            Cgroup top = cgroups.get(0);
            Long topCurrent = top.memory().current();
            long threshold = v.all() || topCurrent == null ? -1 : (long) (topCurrent * FOLD_SHARE);
            long maxDepth = (long) top.depth() + v.depth();
            String[] g = style.tree();
            java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>();
            rows.add(new Row(top, "", 0, null));
            stack.push(new Object[] {top, ""});
            while (!stack.isEmpty()) {
                Object[] p = stack.pop();
                if (p[0] instanceof Row r) {
                    rows.add(r);
                    continue;
                }
                Cgroup cg = (Cgroup) p[0];
                String prefix = (String) p[1];
                List<Cgroup> kids = new ArrayList<>(children.getOrDefault(cg.path(), List.of()));
                if (kids.isEmpty()) {
                    continue;
                }
                kids.sort(v.order());
                List<Cgroup> shown = new ArrayList<>();
                List<Cgroup> small = new ArrayList<>();
                List<Cgroup> past = new ArrayList<>();
                boolean below = cg.depth() >= maxDepth;
                int plain = 0;
                for (Cgroup k : kids) {
                    Long c = k.memory().current();
                    if (keep.contains(k.path())) {
                        shown.add(k);
                    } else if (below) {
                        deeper += 1 + descendants(children, k);
                    } else if (v.top() > 0 && plain >= v.top()) {
                        past.add(k);
                    } else if (threshold >= 0 && (c == null || c < threshold)) {
                        small.add(k);
                    } else {
                        shown.add(k);
                        plain++;
                    }
                }
                if (small.size() == 1 && past.isEmpty()) {
                    shown.add(small.remove(0)); // one line either way: show it
                    shown.sort(v.order());
                }
                int hidden = small.size() + past.size();
                List<Object[]> todo = new ArrayList<>();
                for (int i = 0; i < shown.size(); i++) {
                    Cgroup k = shown.get(i);
                    boolean last = i == shown.size() - 1 && hidden == 0;
                    todo.add(new Object[] {new Row(k, prefix + (last ? g[1] : g[0]), 0, null)});
                    todo.add(new Object[] {k, prefix + (last ? g[3] : g[2])});
                }
                if (hidden > 0) {
                    Long sum = 0L;
                    for (Cgroup h : small) {
                        sum = add(sum, h.memory().current());
                        folded += 1 + descendants(children, h);
                    }
                    for (Cgroup h : past) {
                        sum = add(sum, h.memory().current());
                        cut += 1 + descendants(children, h);
                    }
                    todo.add(new Object[] {new Row(null, prefix + g[1], hidden, sum)});
                }
                for (int i = todo.size() - 1; i >= 0; i--) {
                    stack.push(todo.get(i));
                }
            }
        }
    }

    /** a + b, or null when either is unknown or the sum would overflow. */
    private static Long add(Long a, Long b) {
        return a == null || b == null || b > Long.MAX_VALUE - a ? null : a + b;
    }

    /** The paths of the notable cgroups and of every cgroup above one: shown whatever the depth, the folding or --top. */
    private static java.util.Set<String> notableBranches(List<Cgroup> cgroups) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Cgroup cg : cgroups) {
            if (cg.notable()) {
                for (String p = cg.path(); p != null && out.add(p); p = p.equals("/") ? null : CgroupPath.parent(p)) {
                    // the cgroup and its ancestors
                }
            }
        }
        return out;
    }

    /**
     * The tree (or the flat list) as a table fitted to the width, then its legend: what the columns
     * mean, what was folded, left out or not shown, and how to see it.
     */
    public String tree(MemReport r, List<Cgroup> cgroups, View v) {
        if (cgroups.isEmpty()) {
            return r.layout().mode() == CgroupMode.NONE
                    ? (r.notLinux() ? "" : "No memory cgroup hierarchy is mounted.\n")
                    : "No cgroups could be read under " + r.layout().memoryMount() + ".\n";
        }
        Walk walk = new Walk(cgroups, v, style);
        List<Column<CgroupField>> columns = columns(walk.rows, v);
        Table t = table(walk.rows, columns, v.flat() ? CgroupField.PATH : CgroupField.NAME);
        StringBuilder out = new StringBuilder(t.render(style));
        if (style.legend()) {
            for (String line : legend(r, walk, v, columns, t)) {
                out.append(style.dim(style.wrap(line, "  "))).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The columns after the name: those asked for, else the tree's without any that is empty here
     * (PSI10 on cgroup v1 without a cgroup2 group of the same path, PEAK before 5.19): a column is
     * empty when no cgroup but the top has a value in it.
     */
    private static List<Column<CgroupField>> columns(List<Row> rows, View v) {
        List<Column<CgroupField>> out = new ArrayList<>();
        if (v.fields() != null) {
            int priority = 89;
            for (CgroupField f : v.fields()) {
                Column<CgroupField> tree = CgroupField.TREE.stream().filter(c -> c.field() == f).findFirst().orElse(null);
                out.add(new Column<>(f, tree == null ? f.title() : tree.title(), Math.max(1, priority--)));
            }
            return out;
        }
        boolean onlyTop = rows.stream().filter(row -> row.cgroup() != null).count() <= 1;
        for (Column<CgroupField> c : CgroupField.TREE.subList(1, CgroupField.TREE.size())) {
            boolean empty = true;
            for (Row row : rows) {
                Cgroup cg = row.cgroup();
                if (cg != null && (onlyTop || cg.parent() != null || v.flat()) && !absent(c.field(), cg)) {
                    empty = false;
                    break;
                }
            }
            if (!empty) {
                out.add(c);
            }
        }
        return out;
    }

    /** The field has no value for the cgroup (a "-" in its cell). */
    private static boolean absent(CgroupField f, Cgroup cg) {
        return switch (f) {
            case MAX -> cg.sample().max() == null && cg.sample().high() == null;
            case PRESSURE -> cg.pressure() == null || cg.pressure().some() == null;
            default -> f.of(cg) == null;
        };
    }

    private Table table(List<Row> rows, List<Column<CgroupField>> columns, CgroupField first) {
        int keep = 0;
        for (Row row : rows) {
            if (row.cgroup() != null) {
                keep = Math.max(keep, keep(row, first));
            }
        }
        List<Table.Column> cols = new ArrayList<>();
        cols.add(Table.Column.left(first == CgroupField.PATH ? "PATH" : first.title(), 1000).max(NAME_CHARS)
                .keep(Math.max(Table.MIN_TEXT, keep)));
        for (Column<CgroupField> c : columns) {
            cols.add(c.field().unit() == Unit.TEXT ? Table.Column.left(c.title(), c.priority()).max(NAME_CHARS)
                    : Table.Column.right(c.title(), c.priority()));
        }
        Table t = new Table(cols);
        for (Row row : rows) {
            String[] cells = new String[cols.size()];
            Cgroup cg = row.cgroup();
            if (cg == null) {
                cells[0] = row.prefix() + style.ellipsis() + " " + row.folded() + " more";
                for (int c = 1; c < cells.length; c++) {
                    cells[c] = columns.get(c - 1).field() == CgroupField.CURRENT ? style.size(row.foldedCurrent()) : "";
                }
                t.add(true, cells);
                continue;
            }
            cells[0] = row.prefix() + Sanitize.text(first == CgroupField.PATH ? cg.path() : cg.name());
            for (int c = 1; c < cells.length; c++) {
                cells[c] = cell(columns.get(c - 1).field(), cg);
            }
            t.add(cells);
            for (int c = 1; c < cells.length; c++) {
                CgroupField f = columns.get(c - 1).field();
                if ((f == CgroupField.OOM_KILLS && cg.oomKilled()) || (f == CgroupField.MAX && cg.limit() != null
                        && cg.limit().close()) || (f == CgroupField.PRESSURE && cg.pressured())) {
                    t.notable(c);
                }
            }
        }
        return t;
    }

    /**
     * What the first column keeps of a row when the width is short: a name people recognise (a
     * unit, a container, a pod) whole, at least 24 characters of any other name or path (its last
     * part whole, when it fits in twice its length: the cut is in the middle).
     */
    private static int keep(Row row, CgroupField first) {
        return keep(row.cgroup(), row.prefix(), first == CgroupField.PATH);
    }

    /**
     * The characters of a cgroup's name cell a cut leaves at least (names get room first): a
     * path's last part whole (at least 24 characters), a unit, container or pod name whole (up to
     * the column's most), any other name 24; with the tree's prefix. xray top uses the same rule.
     */
    static int keep(Cgroup cg, String prefix, boolean path) {
        String name = path ? cg.path() : cg.name();
        int len = name.length();
        if (path) {
            return Math.min(len, Math.max(PATH_KEEP, 2 * CgroupPath.base(cg.path()).length() + 1));
        }
        boolean recognised = !cg.kind().equals("cgroup");
        return prefix.length() + (recognised ? Math.min(len, NAME_CHARS) : Math.min(len, PATH_KEEP));
    }

    /** Characters of a path (or of a name that is not a unit, container or pod) a cut leaves at least. */
    static final int PATH_KEEP = 24;

    private List<String> legend(MemReport r, Walk walk, View v, List<Column<CgroupField>> columns, Table t) {
        List<String> hidden = t.hidden();
        java.util.function.Predicate<CgroupField> shown = f -> columns.stream()
                .anyMatch(c -> c.field() == f && !hidden.contains(c.title()));
        List<String> out = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        if (shown.test(CgroupField.REAL_COST)) {
            terms.add("REAL COST = anon + shmem + unreclaimable kernel + sock: freed by swap or a kill.");
        }
        if (shown.test(CgroupField.FILE)) {
            terms.add("FILE (INACTIVE) = page cache (not used recently).");
        }
        if (shown.test(CgroupField.PRESSURE)) {
            terms.add("PSI10 = pressure some avg10, %"
                    + (r.layout().mode() == CgroupMode.HYBRID ? " (from the cgroup2 group of the same path)." : "."));
        }
        if (!terms.isEmpty()) {
            out.add(String.join(" ", terms));
        }
        if (r.layout().inContainer()) {
            out.add("Inside a container: its own cgroup is shown as the root.");
        }
        if (r.layout().memoryIsV1() && !v.flat() && childAboveRoot(walk.rows) && shown.test(CgroupField.CURRENT)) {
            out.add("On cgroup v1 the root's usage counts no kernel memory, so a child can show more.");
        }
        if (v.fields() == null && !hidden.isEmpty()) {
            StringBuilder b = new StringBuilder("Not shown in " + style.width() + " columns (-w): "
                    + String.join(", ", hidden));
            List<String> notable = new ArrayList<>();
            for (Table.Notable n : t.hiddenNotable()) {
                notable.add(n.title() + " " + n.cell() + " in " + Sanitize.text(walk.rows.get(n.row()).cgroup().name()));
            }
            out.add(b.append(notable.isEmpty() ? "." : "; " + String.join(", ", notable) + ".").toString());
        }
        List<String> more = new ArrayList<>();
        if (walk.folded > 0) {
            more.add(walk.folded + (walk.folded == 1 ? " cgroup" : " cgroups") + " under 1% of the top folded (--all)");
        }
        if (walk.cut > 0) {
            more.add(walk.cut + (walk.cut == 1 ? " cgroup" : " cgroups") + " past --top " + v.top());
        }
        if (walk.deeper > 0) {
            more.add(walk.deeper + (walk.deeper == 1 ? " cgroup" : " cgroups") + " below depth " + v.depth()
                    + " (--depth N)");
        }
        if (!more.isEmpty()) {
            out.add(MemSentences.capital(String.join("; ", more)) + ". xray mem CGROUP shows one in full.");
        }
        if (style.sizes().unitName() != null) {
            out.add("Sizes in " + style.sizes().unitName() + ".");
        }
        return out;
    }

    /** Whether a child shows more than the root (v1: the root's usage counts no kernel memory). */
    private static boolean childAboveRoot(List<Row> rows) {
        Long root = rows.get(0).cgroup().memory().current();
        for (Row row : rows) {
            Cgroup cg = row.cgroup();
            if (root != null && cg != null && cg.parent() != null && cg.memory().current() != null
                    && cg.memory().current() > root) {
                return true;
            }
        }
        return false;
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

    static Map<String, List<Cgroup>> childrenOf(List<Cgroup> cgroups) {
        Map<String, List<Cgroup>> m = new HashMap<>();
        for (Cgroup c : cgroups) {
            if (c.parent() != null) {
                m.computeIfAbsent(c.parent(), k -> new ArrayList<>()).add(c);
            }
        }
        return m;
    }

    /** One cell of the tree. */
    private String cell(CgroupField f, Cgroup cg) {
        CgroupMemory m = cg.memory();
        return switch (f) {
            case FILE -> m.file() == null ? "-" : style.size(m.file()) + " (" + style.size(m.inactiveFile()) + ")";
            case KERNEL -> style.size(m.kernel()) + (m.kernelApproximate() ? "~" : "");
            case MAX -> limit(cg);
            case HIGH, SOFT_LIMIT -> limitText((xray.model.Limit) f.of(cg));
            case PRESSURE -> psi10(cg.pressure(), style);
            case OOM_KILLS -> cg.oomKills() == null ? "-" : cg.oomKills() == 0 ? "0" : style.red(String.valueOf(cg.oomKills()));
            case LEAF, KERNEL_APPROXIMATE -> Boolean.TRUE.equals(f.of(cg)) ? "yes" : "no";
            default -> switch (f.unit()) {
                case BYTES -> style.size(f.number(cg));
                case COUNT -> f.number(cg) == null ? "-" : String.valueOf(f.number(cg));
                case TEXT -> f.of(cg) == null ? "-" : Sanitize.text((String) f.of(cg));
                default -> throw new IllegalArgumentException("no cell for " + f);
            };
        };
    }

    private String limit(Cgroup cg) {
        CgroupLimit shown = cg.limit();
        if (shown == null) {
            return cg.sample().max() == null && cg.sample().high() == null ? "-" : "none";
        }
        String s = style.size(shown.bytes()) + (shown.high() ? " high" : "");
        return shown.close() ? style.red(s) : s;
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

    /**
     * One cgroup in full: every number with what it means, its children, its processes (largest
     * real cost first) and the verdict.
     *
     * @param order the children's order (--sort)
     */
    public String detail(MemReport r, Cgroup cg, List<Cgroup> subtree, List<PsProcess> procs,
                         List<Verdict> verdicts, Comparator<Cgroup> order) {
        StringBuilder out = new StringBuilder();
        CgroupMemory m = cg.memory();
        String what = cg.kind() + ", cgroup " + (cg.sample().v1() ? "v1" : "v2")
                + (cg.processes() == null ? "" : ", " + cg.processes() + (cg.processes() == 1 ? " process" : " processes"));
        out.append(style.bold(Sanitize.text(cg.path()))).append('\n')
                .append(style.dim(style.wrap("(" + Sanitize.text(cg.name()) + ": " + what + ")", " "))).append("\n\n");

        Rows t = new Rows(style, 0);
        t.add(CgroupField.CURRENT.label(), style.size(m.current()), "peak " + style.size(m.peak()));
        t.add(CgroupField.REAL_COST.label(), style.size(m.realCost()), realCostTerms(m));
        t.add(CgroupField.HOT_CACHE.label(), style.size(m.hotCache()), "reclaimable; refaults would cost I/O");
        t.add(CgroupField.COLD_CACHE.label(), style.size(m.coldCache()), "kept only because nothing else wants the RAM");
        t.add(CgroupField.WORKING_SET.label(), style.size(m.workingSet()), "current − inactive file, as docker stats has it");
        t.blank();
        for (CgroupField f : List.of(CgroupField.ANON, CgroupField.FILE, CgroupField.SHMEM, CgroupField.ACTIVE_FILE,
                CgroupField.INACTIVE_FILE, CgroupField.KERNEL, CgroupField.KERNEL_STACK, CgroupField.PAGE_TABLES,
                CgroupField.SOCK, CgroupField.SLAB_RECLAIMABLE, CgroupField.SWAP)) {
            String note = f == CgroupField.KERNEL && m.kernelApproximate() ? "approximate: usage − rss − cache"
                    : f.number(cg) == null && cg.sample().v1() && f.v2Only() ? "not reported by cgroup v1" : "";
            t.add(f.label(), style.size(f.number(cg)), note);
        }
        t.blank();
        String limitNote = cg.sample().v1() ? "memory.limit_in_bytes" : "memory.max";
        t.add(CgroupField.MAX.label(), cg.limit() != null && !cg.limit().high() && cg.limit().close()
                ? style.red(limitText(cg.sample().max())) : limitText(cg.sample().max()), limitNote);
        if (cg.sample().v1()) {
            t.add(CgroupField.SOFT_LIMIT.label(), limitText(cg.sample().softLimit()), "memory.soft_limit_in_bytes");
        } else {
            t.add(CgroupField.HIGH.label(), limitText(cg.sample().high()), "memory.high: throttled above");
            t.add("low / min", limitText(cg.sample().low()) + " / " + limitText(cg.sample().min()), "protected from reclaim");
        }
        t.add(CgroupField.OOM_KILLS.label(), cg.oomKills() == null ? "-"
                : cg.oomKilled() ? style.red(String.valueOf(cg.oomKills())) : "0", "");
        out.append(t.render("  "));
        out.append(style.wrap("  " + pressureLine("pressure   ", cg.pressure(),
                cg.sample().v1() ? "none: cgroup v1 has no memory.pressure" : "none (no memory.pressure)"),
                "             ")).append('\n');

        if (subtree.size() > 1) {
            out.append('\n').append(style.bold("Children")).append('\n');
            View v = new View(1, true, order, 0, false, null);
            Walk walk = new Walk(subtree, v, style);
            out.append(table(walk.rows, columns(walk.rows, v), CgroupField.NAME).render(style));
        }

        out.append('\n').append(style.bold("Processes")).append('\n');
        if (procs.isEmpty()) {
            out.append("  none in this cgroup or below\n");
        } else {
            out.append(new PsText(style, false).members(procs, cg.path()));
        }

        out.append('\n').append(style.bold("Verdict")).append('\n');
        for (Verdict v : verdicts) {
            String line = style.wrap("  " + (style.unicode() ? "• " : "* ") + Sanitize.text(MemSentences.verdict(v)), "    ");
            out.append(v.severity() == Verdict.Severity.CRIT ? style.red(line) : line).append('\n');
        }
        return out.toString();
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
