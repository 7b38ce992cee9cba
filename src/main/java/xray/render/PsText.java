package xray.render;

import java.util.ArrayList;
import java.util.List;
import xray.model.CgroupPath;
import xray.model.Column;
import xray.model.GroupBy;
import xray.model.ProcessField;
import xray.model.PsGroup;
import xray.model.PsNote;
import xray.model.PsProcess;
import xray.model.PsReport;
import xray.model.Sharing;
import xray.model.Unit;

/** {@code xray ps} for people: the process table or the groups, then what sharing saves. */
public final class PsText {
    /** Command lines are cut to this many characters unless --full (they can hold secrets). */
    static final int COMMAND_CHARS = 48;
    /** Names (user, service, program) are cut to this many characters unless --wide. */
    static final int NAME_CHARS = 40;

    private final Style style;
    private final boolean full;

    /** @param full show command lines whole (and let the table run past the terminal's width) */
    public PsText(Style style, boolean full) {
        this.style = full ? style.width(0) : style;
        this.full = full;
    }

    /**
     * What a table shows and in what order.
     *
     * @param sort    the key it is sorted by (said under the table)
     * @param reverse smallest (or Z) first
     * @param fields  the columns asked for (-o), or null for the registry's
     */
    public record View(ProcessField sort, boolean reverse, List<ProcessField> fields) {
    }

    /** The columns of a table: those asked for, else the registry's without those only --pss reads unless it was asked for. */
    private static List<Column<ProcessField>> columns(List<Column<ProcessField>> all, boolean pss,
                                                      List<ProcessField> chosen) {
        List<Column<ProcessField>> out = new ArrayList<>();
        if (chosen != null) {
            int priority = 150;
            for (ProcessField f : chosen) {
                out.add(Column.of(f, Math.max(1, priority--)));
            }
            return out;
        }
        for (Column<ProcessField> c : all) {
            if (pss || !c.field().fromPss()) {
                out.add(c);
            }
        }
        return out;
    }

    /** A table of these columns. */
    private Table table(List<Column<ProcessField>> columns, List<String[]> rows) {
        List<Table.Column> cols = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            cols.add(tableColumn(columns.get(i), i, rows));
        }
        return new Table(cols);
    }

    /**
     * A table's column: numbers right-aligned; names left-aligned, cut in the middle (unless --wide),
     * a service's name kept whole (a unit, a container) or to 24 characters (a path); the command
     * line cut at its end.
     */
    private Table.Column tableColumn(Column<ProcessField> c, int index, List<String[]> rows) {
        if (c.field().unit() != Unit.TEXT) {
            return Table.Column.right(c.title(), c.priority());
        }
        Table.Column left = Table.Column.left(c.title(), c.priority());
        if (c.field() == ProcessField.cmdline) {
            return left.cutAtEnd().keep(24);
        }
        int keep = 0;
        for (String[] r : rows) {
            String name = r[index];
            int len = Style.visibleLength(name);
            keep = Math.max(keep, name.indexOf('.') > 0 || name.indexOf(' ') > 0 ? Math.min(len, NAME_CHARS)
                    : Math.min(len, MemText.PATH_KEEP));
        }
        return left.max(NAME_CHARS).keep(Math.max(Table.MIN_TEXT, keep));
    }

    /**
     * The process table, then the count, the JVM hint, what sharing saves and the notes.
     *
     * @param shown the processes to list, in order (cut to --top)
     * @param total how many matched
     */
    public String processes(PsReport report, List<PsProcess> shown, int total, View v) {
        boolean pss = report.pss();
        List<Column<ProcessField>> columns = columns(ProcessField.PROCESS_TABLE, pss, v.fields());
        List<String[]> rows = new ArrayList<>();
        PsProcess firstJvm = null;
        for (PsProcess p : shown) {
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(columns.get(i).field(), p);
            }
            rows.add(cells);
            if (firstJvm == null && p.auditable()) {
                firstJvm = p;
            }
        }
        Table t = table(columns, rows);
        rows.forEach(t::add);
        List<String> legend = new ArrayList<>();
        // with --pss but no PSS read at all (another user's processes, no smaps_rollup): the RSS formula,
        // and the note below says why
        boolean pssRead = pss && report.processes().stream().anyMatch(p -> p.figures().pss() != null);
        legend.add(count(shown.size(), total, "process", "processes") + ", " + order(v) + ". "
                + (pssRead ? "Real cost = PSS anon + PSS shmem + swap PSS: shared pages split fairly."
                        : pss ? "Real cost = RSS anon + RSS shmem + swap."
                        : "Real cost = RSS anon + RSS shmem + swap; --pss splits shared pages fairly."));
        if (firstJvm != null) {
            legend.add("* a JVM: audit it with: " + style.bold("xray jvm " + firstJvm.pid()));
        }
        return page(t, shown.isEmpty(), legend, v.fields() == null, report.sharing(), report.notes());
    }

    /** One cell of the process table. */
    private String cell(ProcessField f, PsProcess p) {
        return switch (f) {
            case pid -> String.valueOf(p.pid());
            case user -> dash(Sanitize.text(p.sample().user()));
            case service -> dash(Sanitize.text(p.service()));
            case cgroup -> dash(Sanitize.text(p.sample().cgroup()));
            case program -> program(p.program(), p.sample().jvm());
            case jvm -> p.sample().jvm() ? "yes" : "no";
            // Kernel threads and zombies have no command line: ps shows their name in brackets.
            case cmdline -> p.sample().argv().isEmpty() ? "[" + dash(Sanitize.text(p.sample().status().name())) + "]"
                    : commandText(p.sample().cmdline(), full, style.ellipsis());
            default -> style.size(f.of(p.figures()));
        };
    }

    /**
     * ps_mem style: one line per program, service or user, and a line of totals over every group.
     *
     * @param shown  the groups to list, in order (cut to --top)
     * @param total  how many groups there are
     * @param totals the sums over every group
     */
    public String groups(PsReport report, List<PsGroup> shown, int total, PsGroup totals, View v) {
        boolean pss = report.pss();
        GroupBy by = shown.isEmpty() ? totals.by() : shown.get(0).by();
        ProcessField named = ProcessField.valueOf(by.name());
        List<Column<ProcessField>> columns = new ArrayList<>();
        columns.add(Column.of(named, ProcessField.GROUP_NAME_PRIORITY));
        for (Column<ProcessField> c : columns(ProcessField.GROUP_TABLE, pss, v.fields())) {
            if (c.field() != named) {
                columns.add(c);
            }
        }
        List<String[]> rows = new ArrayList<>();
        boolean anyJvm = false;
        for (PsGroup g : shown) {
            rows.add(groupCells(columns, g, by == GroupBy.program ? program(g.name(), g.jvms() > 0) : Sanitize.text(g.name())));
            anyJvm |= by == GroupBy.program && g.jvms() > 0;
        }
        Table t = table(columns, rows);
        rows.forEach(t::add);
        if (!shown.isEmpty()) {
            t.add(true, groupCells(columns, totals, "TOTAL"));
        }
        String[] what = switch (by) {
            case program -> new String[] {"program", "programs"};
            case service -> new String[] {"service", "services"};
            case user -> new String[] {"user", "users"};
        };
        List<String> legend = new ArrayList<>();
        legend.add(shown.size() < total
                ? shown.size() + " of " + total + " " + what[1] + ", " + order(v) + "; TOTAL counts all " + total
                        + " (--top 0 shows them)."
                : count(shown.size(), total, what[0], what[1]) + ", " + order(v) + ".");
        if (anyJvm) {
            legend.add("* JVMs among them: audit one with: " + style.bold("xray jvm PID"));
        }
        return page(t, shown.isEmpty(), legend, v.fields() == null, report.sharing(), report.notes());
    }

    private String[] groupCells(List<Column<ProcessField>> columns, PsGroup g, String name) {
        String[] cells = new String[columns.size()];
        cells[0] = name;
        for (int i = 1; i < cells.length; i++) {
            ProcessField f = columns.get(i).field();
            Object value = f.value(g);
            cells[i] = f.unit() == Unit.BYTES ? style.size((Long) value)
                    : value == null ? "-" : Sanitize.text(String.valueOf(value));
        }
        return cells;
    }

    /**
     * The processes of a cgroup (xray mem CGROUP): pid, program, RSS by kind, swap, real cost and
     * the cgroup below it each is in, largest real cost first.
     */
    public String members(List<PsProcess> processes, String base) {
        List<Column<ProcessField>> columns = List.of(Column.of(ProcessField.pid, 99), Column.of(ProcessField.program, 90),
                Column.of(ProcessField.rssAnon, 80), Column.of(ProcessField.rssFile, 70),
                Column.of(ProcessField.rssShmem, 60), Column.of(ProcessField.swap, 50),
                Column.of(ProcessField.realCost, 95), Column.of(ProcessField.cgroup, 40));
        List<String[]> rows = new ArrayList<>();
        for (PsProcess p : processes) {
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                ProcessField f = columns.get(i).field();
                String cg = p.sample().cgroup();
                cells[i] = f != ProcessField.cgroup ? cell(f, p) : cg == null ? "-"
                        : Sanitize.text(CgroupPath.relative(base, cg));
            }
            rows.add(cells);
        }
        Table t = table(columns, rows);
        rows.forEach(t::add);
        return t.render(style);
    }

    /**
     * The table, a blank line, the legend (the count, what real cost is, the JVM hint; what the width
     * left out); then what sharing saves and the notes.
     */
    private String page(Table t, boolean empty, List<String> legend, boolean dropsNamed, Sharing sharing,
                        List<PsNote> notes) {
        StringBuilder out = new StringBuilder();
        if (empty) {
            out.append("No process matches.\n");
        } else {
            out.append(t.render(style));
            if (style.legend()) {
                out.append('\n');
                for (String line : legend) {
                    out.append(wrap(line));
                }
                if (dropsNamed && !t.hidden().isEmpty()) {
                    out.append(style.dim(wrap("Not shown in " + style.width() + " columns (-w): "
                            + String.join(", ", t.hidden()) + ".").stripTrailing())).append('\n');
                }
                if (style.sizes().unitName() != null) {
                    out.append(wrap("Sizes in " + style.sizes().unitName() + "."));
                }
            }
        }
        if (style.legend()) {
            tail(out, sharing, notes);
        }
        return out.toString();
    }

    /** "3 processes", "25 of 143 processes (--top 0 shows all)". */
    private static String count(int shown, int total, String one, String many) {
        return shown < total ? shown + " of " + total + " " + many + " (--top 0 shows all)"
                : total + " " + (total == 1 ? one : many);
    }

    /** "143 processes with PSS: RSS 9.1 GiB, PSS 6.8 GiB: 2.3 GiB shared. KSM is off.", then the notes. */
    private void tail(StringBuilder out, Sharing s, List<PsNote> notes) {
        String ksm = s.ksm() != null ? "KSM merges identical pages and saves " + Sizes.HUMAN.format(s.ksm()) + "."
                : "KSM is off.";
        if (s.shared() != null) {
            out.append(wrap(count(s.processes(), s.processes(), "process", "processes") + " with PSS: RSS "
                    + Sizes.HUMAN.format(s.rss()) + ", PSS " + Sizes.HUMAN.format(s.pss()) + ": "
                    + style.bold(Sizes.HUMAN.format(s.shared()) + " shared") + ". " + ksm));
        } else if (s.ksm() != null) {
            out.append(wrap(ksm));
        }
        for (PsNote n : notes) {
            out.append(style.yellow(wrap(PsSentences.note(n)).stripTrailing())).append('\n');
        }
    }

    /** Words wrapped to the terminal's width (not when it is not a terminal), the line ended. */
    private String wrap(String text) {
        return style.wrap(text, "") + "\n";
    }

    private static String order(View v) {
        ProcessField sort = v.sort();
        if (sort.isBytes() || sort.unit() == Unit.COUNT) {
            return (v.reverse() ? "smallest " : "largest ") + sort.label() + " first";
        }
        return "by " + sort.label() + (v.reverse() ? ", reversed" : "");
    }

    private String program(String name, boolean jvm) {
        return name == null ? "-" : jvm ? Sanitize.text(name) + " " + style.cyan("*") : Sanitize.text(name);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** The same for a terminal: control characters made visible ({@link Sanitize}), then cut. */
    static String commandText(String cmdline, boolean full, String ellipsis) {
        String text = Sanitize.text(cmdline.strip());
        return full || text.length() <= COMMAND_CHARS ? text : text.substring(0, COMMAND_CHARS) + ellipsis;
    }
}
