package xray.render;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xray.model.JvmReport;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Memory;
import xray.model.JvmReport.Pool;
import xray.model.JvmField;
import xray.model.JvmSummary;

/** {@code xray jvm} for people: the list of JVMs, and the four sections of one audit. */
public final class JvmText {
    /** NMT categories under this share of the committed total are folded into one line. */
    static final double NMT_SHOWN = 0.01;
    /** Listener classes shown in the table (JSON has them all). */
    static final int LISTENER_ROWS = 15;

    private final Style style;

    public JvmText(Style style) {
        this.style = style;
    }

    // ---------------------------------------------------------------- list

    /**
     * The list of JVMs, fitted to the width, then what its columns mean (only those shown).
     *
     * @param total  how many JVMs there are (--top may show fewer)
     * @param fields the columns asked for (-o), or null for the registry's
     */
    public String list(List<JvmSummary> jvms, int total, List<JvmField> fields) {
        if (jvms.isEmpty()) {
            return "No JVMs found (xray looks for libjvm.so, hsperfdata files and processes named java).\n";
        }
        List<xray.model.Column<JvmField>> columns = new ArrayList<>();
        if (fields == null) {
            columns.addAll(JvmField.TABLE);
        } else {
            int priority = 150;
            for (JvmField f : fields) {
                columns.add(xray.model.Column.of(f, Math.max(1, priority--)));
            }
        }
        // The main class goes first: it is the column that is cut (in the middle) on a narrow terminal.
        List<Table.Column> cols = new ArrayList<>();
        for (xray.model.Column<JvmField> c : columns) {
            JvmField f = c.field();
            Table.Column left = Table.Column.left(c.title(), c.priority());
            cols.add(f == JvmField.MAIN_CLASS ? left.max(64).keep(mainClassKeep(jvms))
                    : f == JvmField.ATTACHABLE ? left.max(40).cutAtEnd()
                    : f.unit() == xray.model.Unit.TEXT ? left.max(40) : Table.Column.right(c.title(), c.priority()));
        }
        Table t = new Table(cols);
        boolean anyContainer = false;
        for (JvmSummary s : jvms) {
            anyContainer |= s.container();
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(columns.get(i).field(), s);
            }
            t.add(cells);
        }
        StringBuilder out = new StringBuilder(t.render(style));
        if (!style.legend()) {
            return out.toString();
        }
        List<String> hidden = t.hidden();
        java.util.function.Predicate<JvmField> shown = f -> columns.stream()
                .anyMatch(c -> c.field() == f && !hidden.contains(c.title()));
        List<String> terms = new ArrayList<>();
        if (jvms.size() < total) {
            terms.add(jvms.size() + " of " + total + " JVMs (--top 0 shows all).");
        }
        if (shown.test(JvmField.REAL_COST)) {
            terms.add("REAL COST = RSS anon + shmem + swap.");
        }
        if (shown.test(JvmField.CPU_PERCENT)) {
            terms.add("CPU% = CPU time over uptime (100 = one core).");
        }
        if (shown.test(JvmField.HEAP_USED) || shown.test(JvmField.HEAP_MAX)) {
            terms.add("Heap from hsperfdata.");
        }
        terms.add("xray jvm PID audits one.");
        out.append(style.dim(style.wrap(String.join(" ", terms), ""))).append('\n');
        if (fields == null && !hidden.isEmpty()) {
            out.append(style.dim(style.wrap("Not shown in " + style.width() + " columns (-w): " + String.join(", ", hidden)
                    + ".", ""))).append('\n');
        }
        if (anyContainer && shown.test(JvmField.PID)) {
            out.append(style.dim(style.wrap("* in another mount namespace (a container); its pid inside is in the JSON "
                    + "(nspid).", ""))).append('\n');
        }
        for (JvmSummary s : jvms) {
            if (s.perfProblem() != null) {
                out.append(style.wrap(style.yellow("pid " + s.pid() + ": perf data unreadable") + " (" + s.perfProblem()
                        + "): its uptime, heap and version are not known.", "")).append('\n');
            }
        }
        if (style.sizes().unitName() != null) {
            out.append(style.dim("Sizes in " + style.sizes().unitName() + ".")).append('\n');
        }
        return out.toString();
    }

    /** What the main class column keeps when the width is short: the longest name, up to 40 characters. */
    private static int mainClassKeep(List<JvmSummary> jvms) {
        int keep = 0;
        for (JvmSummary s : jvms) {
            keep = Math.max(keep, s.mainClass() == null ? 1 : Math.min(40, s.mainClass().length()));
        }
        return Math.max(Table.MIN_TEXT, keep);
    }

    /** One cell of the list. */
    private String cell(JvmField f, JvmSummary s) {
        return switch (f) {
            case PID -> s.pid() + (s.container() ? "*" : "");
            case ATTACHABLE -> !s.attachable() ? style.yellow("no: " + Sanitize.text(s.attachNote()))
                    : "listening".equals(s.attachNote()) ? "yes, listening" : "yes";
            case UPTIME, CPU_SECONDS -> duration((Double) f.of(s));
            case CPU_PERCENT -> s.cpuPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.cpuPercent());
            case CONTAINER -> s.container() ? "yes" : "no";
            default -> switch (f.unit()) {
                case BYTES -> style.size((Long) f.of(s));
                case ID -> f.of(s) == null ? "-" : String.valueOf(f.of(s));
                default -> orDash(Sanitize.text((String) f.of(s)));
            };
        };
    }

    // ---------------------------------------------------------------- audit

    public String report(JvmReport r) {
        StringBuilder out = new StringBuilder();
        JvmReport.Info i = r.jvm();
        List<String> head = new ArrayList<>();
        head.add("pid " + r.pid() + (r.nspid() != r.pid() ? " (" + r.nspid() + " inside its namespace)" : ""));
        if (i.mainClass() != null) {
            head.add(Sanitize.text(i.mainClass()));
        }
        if (i.version() != null) {
            head.add("Java " + i.version());
        }
        if (i.user() != null) {
            head.add(Sanitize.text(i.user()));
        }
        if (i.uptimeSeconds() != null) {
            head.add("up " + duration(i.uptimeSeconds()));
        }
        out.append(style.bold(wrap(String.join(" · ", head), ""))).append("\n\n");
        out.append(memory(r.memory()));
        out.append('\n').append(threads(r.threads()));
        out.append('\n').append(listeners(r.listeners()));
        out.append('\n').append(context(i, r.sources()));
        if (!r.verdicts().isEmpty()) {
            out.append('\n').append(style.bold("Verdict")).append('\n');
            for (xray.model.Verdict v : r.verdicts()) {
                String line = wrap((style.unicode() ? "• " : "* ") + Sanitize.text(JvmSentences.verdict(v)), "    ")
                        .substring(4);
                out.append("  ").append(v.severity() == xray.model.Verdict.Severity.CRIT ? style.red(line) : line)
                        .append('\n');
            }
        }
        return out.toString();
    }

    String memory(Memory m) {
        StringBuilder out = new StringBuilder(style.bold("Memory")).append('\n');
        JvmReport.Resident r = m.resident();
        Rows t = new Rows(style, 100);
        t.add("resident", human(m.rss()), "anon " + human(m.rssAnon()) + " · file " + human(m.rssFile())
                + " · shmem " + human(m.rssShmem()) + " · swap " + human(m.swap()));
        t.add("heap", human(m.heapUsed()), "used of " + human(m.heapCommitted()) + " committed"
                + resident(r.heap()) + ", " + human(m.heapMax()) + " max");
        for (Pool p : m.heapPools()) {
            t.add("  " + p.name(), human(p.used()), "used of " + human(p.committed()) + " committed"
                    + (p.max() == null ? "" : ", " + human(p.max()) + " max"));
        }
        t.add("metaspace", human(m.metaspaceUsed()), "used of " + human(m.metaspaceCommitted()) + " committed"
                + (m.classSpaceUsed() == null ? "" : " (class space " + human(m.classSpaceUsed()) + " of "
                + human(m.classSpaceCommitted()) + ")") + (r.metaspace() == null ? ""
                : "; " + human(r.metaspace()) + " resident with the class-data archive's copied pages"));
        t.add("code cache", human(m.codeCacheUsed()), (m.codeCacheCommitted() == null ? "used"
                : "used of " + human(m.codeCacheCommitted()) + " committed") + resident(r.codeCache()));
        t.add("direct buffers", buffersBytes(m.directBuffers()), directNote(m));
        t.add("mapped buffers", buffersBytes(m.mappedBuffers()), m.mappedBuffers() == null
                ? "unknown without JMX (--jmx)" : buffersCount(m.mappedBuffers()));
        if (r.threadStacks() != null) {
            t.add("thread stacks", human(r.threadStacks()), "resident, the stacks of " + r.stacksFound() + " threads"
                    + (m.threadStacks() == null ? "" : "; " + human(m.threadStacks()) + " committed (NMT)"));
        } else {
            t.add("thread stacks", human(m.threadStacks()), m.threadStacks() == null
                    ? "needs /proc/PID/smaps or NMT (-XX:NativeMemoryTracking=summary)" : "committed (NMT)");
        }
        if (r.gcStructures() != null) {
            t.add("GC structures", human(r.gcStructures()), "resident (card table, marking bitmaps)");
        }
        t.add("malloc", human(m.mallocOutstanding()), m.mallocOutstanding() == null ? ""
                : "outstanding; glibc keeps " + human(m.mallocRetained()) + " more freed but not returned");
        t.add("untracked native", human(m.untrackedNative()), untrackedNote(m));
        out.append(t.render("  "));
        if (m.nmt() != null) {
            out.append("  ").append(style.dim("Native Memory Tracking, committed (reserved):")).append('\n');
            Rows n = new Rows(style, 100);
            n.add("total", human(m.nmt().committed()), "(" + human(m.nmt().reserved()) + ")");
            List<JvmReport.NmtCategory> cats = new ArrayList<>(m.nmt().categories());
            cats.sort((a, b) -> Long.compare(b.committed(), a.committed()));
            long small = 0;
            int folded = 0;
            for (JvmReport.NmtCategory c : cats) {
                if (c.committed() >= NMT_SHOWN * m.nmt().committed()) {
                    n.add(c.name(), human(c.committed()), "(" + human(c.reserved()) + ")");
                } else {
                    small += c.committed();
                    folded++;
                }
            }
            if (folded > 0) {
                n.add(style.dim(style.ellipsis() + " " + folded + " more"), style.dim(human(small)),
                        style.dim("(each under 1%; --json has them all)"));
            }
            out.append(n.render("    "));
        }
        out.append('\n').append(wrap(breakdown(m), "  ")).append('\n');
        return out.toString();
    }

    private static String resident(Long bytes) {
        return bytes == null ? "" : " (" + human(bytes) + " resident)";
    }

    private static String untrackedNote(Memory m) {
        if (m.untrackedBasis() == null) {
            return "needs /proc/PID/smaps, or NMT";
        }
        return m.untrackedBasis().equals("smaps")
                ? "anonymous memory outside the above: malloc (JVM, JNI, libraries), freed memory glibc keeps"
                : "malloc outside NMT (JNI, libraries) plus freed memory glibc keeps";
    }

    /**
     * Where the resident memory is, part by part, adding up to the whole; or why that is not known.
     * "Resident 149 MiB: heap 31 MiB, untracked native 52 MiB, files 30 MiB (…), metaspace 26 MiB, …"; when
     * smaps's total and the resident read before attaching differ by a MiB or more, both, and why.
     */
    static String breakdown(Memory m) {
        JvmReport.Resident r = m.resident();
        if (r.skipped() != null) {
            String why = switch (r.skipped()) {
                case "over-limit" -> "the process is larger than --smaps-max-rss " + human(r.limit());
                case "deadline" -> "reading it did not finish in the time the audit had left";
                default -> "it could not be read";
            };
            return "Resident memory by part is not known: /proc/PID/smaps was not read (" + why + ").";
        }
        List<Map.Entry<String, Long>> parts = new ArrayList<>();
        part(parts, "untracked native", r.untracked());
        part(parts, "files (libraries, mapped files, the class-data archive)", r.files());
        part(parts, "metaspace", r.metaspace());
        part(parts, "code cache", r.codeCache());
        part(parts, "thread stacks", r.threadStacks());
        part(parts, "GC structures", r.gcStructures());
        part(parts, "direct buffers", r.directBuffers());
        parts.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        if (r.heap() != null) {
            parts.add(0, Map.entry("heap", r.heap()));
        }
        StringBuilder b = new StringBuilder("Resident " + human(r.total()));
        // The table's resident is /proc/PID/status before attaching; smaps is read after some of
        // xray's requests, which the JVM grows to answer (and it may be busy meanwhile): say which.
        if (m.rss() != null && Math.abs(r.total() - m.rss()) >= 1 << 20) {
            b.append(" when smaps was read, after xray's first requests (").append(human(m.rss()))
                    .append(" before them)");
        }
        b.append(": ");
        for (int i = 0; i < parts.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(parts.get(i).getKey()).append(' ').append(human(parts.get(i).getValue()));
        }
        return b.append('.').toString();
    }

    private static void part(List<Map.Entry<String, Long>> parts, String name, Long bytes) {
        if (bytes != null && bytes > 0) {
            parts.add(Map.entry(name, bytes));
        }
    }

    private static String buffersBytes(Buffers b) {
        return b == null ? "-" : human(b.bytes());
    }

    private static String buffersCount(Buffers b) {
        return b.count() == null ? "" : b.count() + (b.count() == 1 ? " buffer" : " buffers");
    }

    /** "7 buffers", "NMT Other (...); 9 DirectByteBuffer objects", or why the bytes are unknown. */
    private static String directNote(Memory m) {
        Buffers b = m.directBuffers();
        String objects = m.directBufferObjects() == null ? "" : m.directBufferObjects()
                + (m.directBufferObjects() == 1 ? " DirectByteBuffer object" : " DirectByteBuffer objects")
                + " (slices and mapped buffers included)";
        if (b != null && b.count() != null) {
            return buffersCount(b);
        }
        String head = b == null ? "bytes unknown without JMX (--jmx) or NMT"
                : "jmx".equals(m.directBuffersBasis()) ? "from the JMX buffer pool"
                : "from NMT Other (direct buffers and other Unsafe allocations)";
        return objects.isEmpty() ? head : head + "; " + objects;
    }

    String threads(JvmReport.Threads t) {
        StringBuilder out = new StringBuilder(style.bold("Threads")).append('\n');
        if (t == null) {
            return out.append("  the thread dump could not be read (see the warnings)\n").toString();
        }
        StringBuilder states = new StringBuilder();
        for (Map.Entry<String, Integer> e : t.states().entrySet()) {
            states.append(states.length() == 0 ? "" : " · ").append(e.getKey()).append(' ').append(e.getValue());
        }
        out.append(wrap((t.total() == null ? "-" : t.total()) + " Java threads (" + (t.daemon() == null ? "-"
                : t.daemon()) + " daemon" + (t.peak() == null ? "" : ", peak " + t.peak()) + ") and " + t.vmThreads()
                + " JVM-internal threads (GC, compiler, VM, native): " + states, "  ")).append('\n');
        out.append("  ").append(style.dim(t.cpuBasis().equals("interval")
                ? String.format(Locale.ROOT, "CPU over %.1f s (100%% = one core):", t.intervalSeconds())
                : "CPU averaged over each thread's life (--interval 0):")).append('\n');
        if (t.hot().isEmpty()) {
            out.append("    no thread used CPU\n");
        } else {
            List<JvmReport.HotThread> hot = t.hot();
            // ALLOC (bytes allocated during the interval) comes from JMX; without it the column goes.
            boolean alloc = hot.stream().anyMatch(x -> x.allocatedBytes() != null);
            List<Table.Column> cols = new ArrayList<>(List.of(Table.Column.right("CPU%", 100),
                    Table.Column.right("TID", 60), Table.Column.left("STATE", 70)));
            if (alloc) {
                cols.add(Table.Column.right("ALLOC", 40));
            }
            cols.add(Table.Column.left("THREAD", 99));
            Table h = new Table(cols);
            for (JvmReport.HotThread x : hot) {
                String pct = String.format(Locale.ROOT, "%.1f", x.cpuPercent());
                List<String> row = new ArrayList<>(List.of(x.hot() ? style.red(pct) : pct,
                        String.valueOf(x.tid()), x.state() == null ? "(JVM)" : x.state()));
                if (alloc) {
                    row.add(human(x.allocatedBytes()));
                }
                row.add(Sanitize.text(x.name()));
                h.add(row.toArray(new String[0]));
            }
            // The frames go under each row, cut to the width, so the table never drops a column for them.
            List<String> rows = h.render(narrower(4)).lines().toList();
            int frameIndent = 8;
            StringBuilder table = new StringBuilder("    ").append(rows.get(0)).append('\n');
            for (int i = 0; i < hot.size(); i++) {
                table.append("    ").append(rows.get(i + 1)).append('\n');
                for (String f : hot.get(i).frames()) {
                    String line = " ".repeat(frameIndent) + "at " + Sanitize.text(f);
                    if (style.width() > 0 && line.length() > style.width()) {
                        line = line.substring(0, Math.max(frameIndent, style.width() - 1)) + style.ellipsis();
                    }
                    table.append(style.dim(line)).append('\n');
                }
            }
            out.append(table);
        }
        List<String> own = new ArrayList<>();
        for (JvmReport.HotThread x : t.own()) {
            if (x.cpuPercent() > 0) { // as shown, to one decimal
                own.add(Sanitize.text(x.name()) + String.format(Locale.ROOT, " %.1f%%", x.cpuPercent()));
            }
        }
        if (!own.isEmpty()) {
            out.append(style.dim(wrap("Left out, busy with xray's own requests: " + String.join(", ", own), "    ")))
                    .append('\n');
        }
        if (!t.blocked().isEmpty()) {
            out.append("  ").append(style.dim("Blocked behind a lock holder:")).append('\n');
            for (JvmReport.BlockedGroup g : t.blocked()) {
                int n = g.waiters().size();
                out.append(wrap(n + (n == 1 ? " thread waits" : " threads wait") + " for " + Sanitize.text(g.lock()) + " held by "
                        + style.bold(Sanitize.text(g.owner())) + (g.ownerState() == null ? "" : " (" + g.ownerState() + ")") + ": "
                        + Sanitize.text(String.join(", ", g.waiters())), "    ")).append('\n');
            }
        }
        if (!t.deadlocks().isEmpty()) {
            out.append("  ").append(style.red(t.deadlocks().size() == 1 ? "1 deadlock:" : t.deadlocks().size()
                    + " deadlocks:")).append('\n');
            int n = 0;
            for (JvmReport.Deadlock d : t.deadlocks()) {
                n++;
                boolean first = true;
                for (JvmReport.DeadlockLink l : d.cycle()) {
                    String line = wrap(style.bold(Sanitize.text(l.thread())) + " waits for " + Sanitize.text(l.waitingFor()) + " held by "
                            + Sanitize.text(l.heldBy()), "        ");
                    out.append(first ? String.format(Locale.ROOT, "    %2d.", n) + line.substring(7) : line).append('\n');
                    first = false;
                }
            }
        }
        return out.toString();
    }

    String listeners(JvmReport.Listeners l) {
        StringBuilder out = new StringBuilder(style.bold("Listeners")).append('\n');
        if (l == null) {
            return out.append("  the class histogram could not be read (see the warnings)\n").toString();
        }
        out.append(style.dim(wrap(listenersHead(l), "  "))).append('\n');
        if (l.classes().isEmpty()) {
            return out.append("    none\n").toString();
        }
        Table t = new Table(List.of(Table.Column.left("CLASS", 100), Table.Column.right("COUNT", 90),
                Table.Column.right("BYTES", 60), Table.Column.right("GROWTH", 80)));
        for (JvmReport.ListenerClass c : l.classes().subList(0, Math.min(LISTENER_ROWS, l.classes().size()))) {
            t.add(Sanitize.text(c.name()) + (c.loaders() > 1 ? " (" + c.loaders() + " loaders)" : "")
                    + (c.implementing() == null ? "" : " (" + article(Sanitize.text(JvmReport.ListenerClass.ownName(c.implementing()))) + ")"),
                    String.valueOf(c.count()), human(c.bytes()), growth(c));
        }
        out.append(Style.indent(Style.indent(t.render(narrower(4)))));
        int more = l.classes().size() - Math.min(LISTENER_ROWS, l.classes().size());
        if (more > 0 || l.leftOut() > 0) {
            out.append(style.dim(wrap((more > 0 ? more + " more in --json; " : "") + (l.leftOut() == 0 ? ""
                    : l.leftOut() + (l.leftOut() == 1 ? " more class matches" : " more classes match")
                    + " with fewer than 100 objects, not growing, and not among the 5 most numerous"), "    ")))
                    .append('\n');
        }
        return out.toString();
    }

    /** What was counted and how growth is read. */
    static String listenersHead(JvmReport.Listeners l) {
        String what = "classes named like /" + l.pattern() + "/" + (l.byType() ? " or implementing such an interface"
                + " or EventListener" : "") + (l.byType() ? " (JDK classes, enums and records left out)"
                : " (JDK classes and lambdas left out)");
        String objects = l.mode().equals("live") ? "live objects (a full GC before each histogram)"
                : "all objects, unreachable ones too";
        String growth = l.histograms() < 2 ? "one histogram: no growth (--interval)"
                : String.format(Locale.ROOT, "%d histograms over %.1f s", l.histograms(), l.intervalSeconds())
                + (l.mode().equals("live") ? ": growth is retained growth"
                : ": growth counts only where the count rose at each; garbage is not excluded, --live confirms");
        String types = l.hierarchySkipped() == null ? "" : "; not matched by interface: " + l.hierarchySkipped()
                + " classes loaded, too many to ask for the class hierarchy";
        return what + ", " + objects + "; " + growth + types;
    }

    /** "+93" for steady growth, "0", "-20" when it fell, or "varies" when it rose and fell; "-" with one histogram. */
    private String growth(JvmReport.ListenerClass c) {
        if (c.growth() == null) {
            return "-";
        }
        if (c.growing()) {
            return style.red("+" + c.growth());
        }
        return c.growth() <= 0 ? String.valueOf(c.growth()) : "varies";
    }

    /** "a DTDHandler", "an ApplicationBufferHandler". */
    static String article(String name) {
        return ("AEIOU".indexOf(name.isEmpty() ? 'x' : name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    String context(JvmReport.Info i, JvmReport.Sources s) {
        StringBuilder out = new StringBuilder(style.bold("JVM")).append('\n');
        Rows t = new Rows(style, 100);
        t.add("version", "", join(i.vmName(), i.version(), i.vendor() == null ? null : "(" + i.vendor() + ")"));
        t.add("uptime", "", duration(i.uptimeSeconds()));
        StringBuilder gc = new StringBuilder(i.gc() == null ? "-" : i.gc());
        List<JvmReport.Collector> collectors = new ArrayList<>(i.collectors());
        collectors.sort(java.util.Comparator.comparingLong(JvmReport.Collector::count).reversed()
                .thenComparing(JvmReport.Collector::name));
        String sep = ": ";
        for (JvmReport.Collector c : collectors) {
            gc.append(sep).append(c.name()).append(' ').append(c.count())
                    .append(c.count() == 1 ? " collection" : " collections")
                    .append(c.timeMillis() == null || c.count() == 0 ? "" : " (" + c.timeMillis() + " ms)");
            sep = ", ";
        }
        t.add("GC", "", gc.toString());
        t.add("classes", "", (i.classesLoaded() == null ? "-" : i.classesLoaded() + " loaded")
                + (i.classesUnloaded() == null ? "" : ", " + i.classesUnloaded() + " unloaded"));
        t.add("limits", "", "heap max " + human(i.heapMax()) + " · direct memory max " + human(i.directMemoryMax())
                + (i.directMemoryMaxIsDefault() ? " (the default: heap max)" : "") + " · NMT " + i.nmt());
        t.add("attach", "", s.attach().equals("started")
                ? "xray started the attach listener (SIGQUIT with a trigger file, removed again)"
                : "the attach listener was already running");
        t.add("JMX", "", jmx(s));
        for (Map.Entry<String, List<String>> e : s.sections().entrySet()) {
            List<String> said = new ArrayList<>();
            for (String source : e.getValue()) {
                said.add(source + what(e.getKey(), source, s));
            }
            t.add("from (" + e.getKey() + ")", "", String.join(", ", said));
        }
        JvmReport.CommandRun slowest = s.commands().stream()
                .max(java.util.Comparator.comparingDouble(JvmReport.CommandRun::millis)).orElse(null);
        t.add("cost", "", s.commands().size() + (s.commands().size() == 1 ? " request" : " requests")
                + " over the attach socket"
                + (slowest == null ? "" : String.format(Locale.ROOT, " (slowest: %s, %.0f ms)", slowest.command(),
                slowest.millis()))
                + (s.safepointMillis() == null ? "" : "; the JVM paused " + s.safepointMillis() + " ms at "
                + s.safepoints() + (s.safepoints() == 1 ? " safepoint" : " safepoints") + " meanwhile"));
        out.append(t.render("  "));
        return out.toString();
    }

    /** What a source gave a section, in parentheses: "VM.info" → " (heap, metaspace, code cache, malloc)". */
    static String what(String section, String source, JvmReport.Sources s) {
        String w = switch (section + " " + source.replaceFirst("^/proc/\\d+", "/proc/PID")) {
            case "memory JMX" -> "heap and pools, buffer pools";
            case "memory VM.info" -> s.jmx() ? "malloc, address ranges" : "heap, metaspace, code cache, malloc, address ranges";
            case "memory VM.native_memory" -> s.jmx() ? "NMT" : "NMT; its Other for direct buffers";
            case "memory GC.class_histogram" -> "DirectByteBuffer objects";
            case "memory /proc/PID/status" -> "resident";
            case "memory /proc/PID/smaps" -> "resident by address range";
            case "threads Thread.print -l -e" -> "states, frames, locks, deadlocks, allocation";
            case "threads Thread.print -l" -> "states, frames, locks, deadlocks";
            case "threads /proc/PID/task/*/schedstat" -> "CPU";
            case "threads /proc/PID/task/*/syscall" -> "stack pointers";
            case "threads hsperfdata" -> "counts and peak";
            case "threads JMX" -> "peak";
            case "listeners GC.class_histogram -all" -> "all objects, unreachable ones too; no GC";
            case "listeners GC.class_histogram" -> "live objects, after a full GC";
            case "listeners VM.class_hierarchy -i" -> "the interfaces each class implements";
            default -> "";
        };
        return w.isEmpty() ? "" : " (" + w + ")";
    }

    /** Why JMX was not used, from its reason code. */
    static String jmxReason(JvmReport.Sources s) {
        String reason = s.jmxReason() == null ? "failed" : s.jmxReason();
        return switch (reason) {
            case "turned-off" -> "turned off with --no-jmx";
            case "other-network" -> "the JVM is in another network namespace (a container): a JMX connector there "
                    + "listens on a loopback xray cannot reach";
            case "no-connector" -> "the JVM runs no JMX connector, and xray starts none unless asked (--jmx)";
            case "unknown" -> "the JVM did not say whether it runs a JMX connector (" + Sanitize.text(s.jmxProblem()) + ")";
            default -> Sanitize.text(String.valueOf(s.jmxProblem()));
        };
    }

    /** What JMX was, and what starting its agent left in the JVM. */
    private static String jmx(JvmReport.Sources s) {
        JvmReport.JmxAgent a = s.jmxAgent();
        if (a == null) {
            return s.jmx() ? "a local connector the JVM already ran (xray started nothing)" : "not used: " + jmxReason(s);
        }
        String opened = a.listening().isEmpty() ? "no new listening socket was found"
                : "it listens on TCP " + String.join(", ", a.listening())
                + (a.listening().stream().anyMatch(l -> l.startsWith("*:"))
                ? " (every interface; connections from other hosts are closed once accepted)" : "");
        String added = a.rssAdded() == null ? "" : "; it added " + human(a.rssAdded()) + " resident"
                + (a.threadsAdded() == null ? "" : " and " + a.threadsAdded() + (a.threadsAdded() == 1 ? " thread" : " threads"));
        return "xray started the JVM's local JMX agent (--jmx), which stays on until the JVM exits: " + opened + added
                + (s.jmx() ? "" : "; then JMX failed: " + jmxReason(s));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Rows of a label, a right-aligned figure and a note, the note wrapped under itself at the
     * terminal width (tables would drop the note column instead).
     */
    /** The style for a table that is indented by {@code columns}: its width less them. */
    private Style narrower(int columns) {
        return style.width() > 0 ? style.width(Math.max(20, style.width() - columns)) : style;
    }

    /** Wraps a sentence at the terminal width (or 100 columns), every line indented. */
    private String wrap(String text, String indent) {
        return Style.wrap(indent + text, indent, style.width() > 0 ? style.width() : 100);
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(p);
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    /** 75 → "1m 15s", 7260 → "2h 1m", 200000 → "2d 7h"; null → "-". */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = (long) Math.floor(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
