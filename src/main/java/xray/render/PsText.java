package xray.render;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.List;
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
        this.style = full ? new Style(style.color(), style.unicode(), 0, style.wide()) : style;
        this.full = full;
    }

    /** The columns of a table from the registry, without those only --pss reads unless it was asked for. */
    private static List<Column<ProcessField>> columns(List<Column<ProcessField>> all, boolean pss) {
        List<Column<ProcessField>> out = new ArrayList<>();
        for (Column<ProcessField> c : all) {
            if (pss || !c.field().fromPss()) {
                out.add(c);
            }
        }
        return out;
    }

    /** A table of these columns, after {@code first} when it is not null. */
    private static Table table(Column<ProcessField> first, List<Column<ProcessField>> columns) {
        List<Table.Column> cols = new ArrayList<>();
        if (first != null) {
            cols.add(tableColumn(first));
        }
        for (Column<ProcessField> c : columns) {
            cols.add(tableColumn(c));
        }
        return new Table(cols);
    }

    /**
     * A table's column: numbers right-aligned; names left-aligned and cut (unless --wide); the command
     * line, the last column, left-aligned and cut on its own (see {@link #commandText}).
     */
    private static Table.Column tableColumn(Column<ProcessField> c) {
        if (c.field().unit() != Unit.TEXT) {
            return Table.Column.right(c.title(), c.priority());
        }
        Table.Column left = Table.Column.left(c.title(), c.priority());
        return c.field() == ProcessField.cmdline ? left : left.max(NAME_CHARS);
    }

    /**
     * The process table, then the count, the JVM hint, what sharing saves and the notes.
     *
     * @param shown the processes to list, in order (cut to --top)
     */
    public String processes(PsReport report, List<PsProcess> shown, ProcessField sort) {
        int total = report.processes().size();
        boolean pss = report.pss();
        List<Column<ProcessField>> columns = columns(ProcessField.PROCESS_TABLE, pss);
        Table t = table(null, columns);
        PsProcess firstJvm = null;
        for (PsProcess p : shown) {
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(columns.get(i).field(), p);
            }
            t.add(cells);
            if (firstJvm == null && p.auditable()) {
                firstJvm = p;
            }
        }
        String summary = count(shown.size(), total, "process", "processes") + ", " + order(sort) + ". "
                + (pss ? "Real cost = PSS anon + PSS shmem + swap PSS: shared pages split fairly."
                        : "Real cost = RSS anon + RSS shmem + swap; --pss splits shared pages fairly.");
        String hint = firstJvm == null ? null : "* a JVM: audit it with: " + style.bold("xray jvm " + firstJvm.pid());
        return page(t, shown.isEmpty(), summary, hint, report.sharing(), report.notes());
    }

    /** One cell of the process table. */
    private String cell(ProcessField f, PsProcess p) {
        return switch (f) {
            case pid -> String.valueOf(p.pid());
            case user -> dash(Sanitize.text(p.sample().user()));
            case service -> dash(Sanitize.text(p.service()));
            case program -> program(p.program(), p.sample().jvm());
            // Kernel threads and zombies have no command line: ps shows their name in brackets.
            case cmdline -> p.sample().argv().isEmpty() ? "[" + dash(Sanitize.text(p.sample().status().name())) + "]"
                    : commandText(p.sample().cmdline(), full, style.ellipsis());
            default -> human(f.of(p.figures()));
        };
    }

    /** ps_mem style: one line per program, service or user. */
    public String groups(PsReport report, List<PsGroup> shown, int total, GroupBy by, ProcessField sort) {
        boolean pss = report.pss();
        ProcessField named = ProcessField.valueOf(by.name());
        List<Column<ProcessField>> columns = columns(ProcessField.GROUP_TABLE, pss);
        Table t = table(Column.of(named, ProcessField.GROUP_NAME_PRIORITY), columns);
        boolean anyJvm = false;
        for (PsGroup g : shown) {
            String[] cells = new String[columns.size() + 1];
            cells[0] = by == GroupBy.program ? program(g.name(), g.jvms() > 0) : Sanitize.text(g.name());
            for (int i = 0; i < columns.size(); i++) {
                ProcessField f = columns.get(i).field();
                cells[i + 1] = f == ProcessField.processes ? String.valueOf(g.processes()) : human(f.of(g.figures()));
            }
            t.add(cells);
            anyJvm |= by == GroupBy.program && g.jvms() > 0;
        }
        String[] what = switch (by) {
            case program -> new String[] {"program", "programs"};
            case service -> new String[] {"service", "services"};
            case user -> new String[] {"user", "users"};
        };
        String summary = count(shown.size(), total, what[0], what[1]) + ", " + order(sort) + ".";
        String hint = anyJvm ? "* JVMs among them: audit one with: " + style.bold("xray jvm PID") : null;
        return page(t, shown.isEmpty(), summary, hint, report.sharing(), report.notes());
    }

    /** The table, a blank line, the summary and the JVM hint; then what sharing saves and the notes. */
    private String page(Table t, boolean empty, String summary, String hint, Sharing sharing, List<PsNote> notes) {
        StringBuilder out = new StringBuilder();
        if (empty) {
            out.append("No process matches.\n");
        } else {
            out.append(t.render(style)).append('\n').append(wrap(summary));
            if (hint != null) {
                out.append(hint).append('\n');
            }
        }
        tail(out, sharing, notes);
        return out.toString();
    }

    /** "3 processes", "25 of 143 processes". */
    private static String count(int shown, int total, String one, String many) {
        return (shown < total ? shown + " of " + total : String.valueOf(total)) + " " + (total == 1 ? one : many);
    }

    /** "143 processes with PSS: RSS 9.1 GiB, PSS 6.8 GiB: 2.3 GiB shared. KSM is off.", then the notes. */
    private void tail(StringBuilder out, Sharing s, List<PsNote> notes) {
        String ksm = s.ksm() != null ? "KSM merges identical pages and saves " + human(s.ksm()) + "." : "KSM is off.";
        if (s.shared() != null) {
            out.append(wrap(count(s.processes(), s.processes(), "process", "processes") + " with PSS: RSS "
                    + human(s.rss()) + ", PSS " + human(s.pss()) + ": " + style.bold(human(s.shared()) + " shared")
                    + ". " + ksm));
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

    private static String order(ProcessField sort) {
        return sort.isBytes() ? "largest " + sort.label() + " first" : "by " + sort.label();
    }

    private String program(String name, boolean jvm) {
        return name == null ? "-" : jvm ? Sanitize.text(name) + " " + style.cyan("*") : Sanitize.text(name);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /**
     * A command line cut after {@link #COMMAND_CHARS} characters unless {@code full} (it can hold
     * secrets), before any escaping: the JSON form, which JSON's rules escape.
     */
    static String command(String cmdline, boolean full, String ellipsis) {
        String text = cmdline.strip(); // a rewritten title is often padded with spaces
        return full || text.length() <= COMMAND_CHARS ? text : text.substring(0, COMMAND_CHARS) + ellipsis;
    }

    /** The same for a terminal: control characters made visible ({@link Sanitize}), then cut. */
    static String commandText(String cmdline, boolean full, String ellipsis) {
        String text = Sanitize.text(cmdline.strip());
        return full || text.length() <= COMMAND_CHARS ? text : text.substring(0, COMMAND_CHARS) + ellipsis;
    }
}
