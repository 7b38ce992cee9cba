package xray.render;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.List;
import xray.collect.PsReport;
import xray.model.GroupBy;
import xray.model.ProcessField;
import xray.model.ProcessFigures;
import xray.model.PsGroup;
import xray.model.PsProcess;
import xray.model.Sharing;

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

    /** Columns of the process table, and how long each stays when the terminal is narrow. */
    private static final List<Column> PROCESS_COLUMNS = List.of(
            new Column(ProcessField.user, 70), new Column(ProcessField.service, 80),
            new Column(ProcessField.program, 95), new Column(ProcessField.rssAnon, 75),
            new Column(ProcessField.rssFile, 40), new Column(ProcessField.rssShmem, 60),
            new Column(ProcessField.swap, 65), new Column(ProcessField.pss, 90),
            new Column(ProcessField.pssAnon, 55), new Column(ProcessField.pssFile, 35),
            new Column(ProcessField.pssShmem, 50), new Column(ProcessField.uss, 85),
            new Column(ProcessField.swapPss, 45), new Column(ProcessField.realCost, 100));

    private record Column(ProcessField field, int priority) {
    }

    /**
     * The process table, then the count, the JVM hint, what sharing saves and the notes.
     *
     * @param shown the processes to list, in order (cut to --top)
     */
    public String processes(PsReport report, List<PsProcess> shown, ProcessField sort, Sharing sharing) {
        int total = report.processes().size();
        boolean pss = report.options().pss();
        List<String> notes = report.notes();
        List<Table.Column> cols = new ArrayList<>();
        cols.add(Table.Column.right("PID", 200));
        List<ProcessField> fields = new ArrayList<>();
        for (Column c : PROCESS_COLUMNS) {
            if (pss || !c.field().fromPss()) {
                fields.add(c.field());
                cols.add(c.field().isBytes() ? Table.Column.right(c.field().title(), c.priority())
                        : Table.Column.left(c.field().title(), c.priority()).max(NAME_CHARS));
            }
        }
        cols.add(Table.Column.left("COMMAND", 10));
        Table t = new Table(cols);
        PsProcess firstJvm = null;
        for (PsProcess p : shown) {
            List<String> cells = new ArrayList<>(cols.size());
            cells.add(String.valueOf(p.pid()));
            for (ProcessField f : fields) {
                cells.add(switch (f) {
                    case user -> dash(Sanitize.text(p.sample().user()));
                    case service -> dash(Sanitize.text(p.service()));
                    case program -> program(p.program(), p.sample().jvm());
                    default -> human(f.of(p.figures()));
                });
            }
            // Kernel threads and zombies have no command line: ps shows their name in brackets.
            cells.add(p.sample().argv().isEmpty() ? "[" + dash(Sanitize.text(p.sample().status().name())) + "]"
                    : commandText(p.sample().cmdline(), full, style.ellipsis()));
            t.add(cells.toArray(String[]::new));
            if (firstJvm == null && auditable(report, p)) {
                firstJvm = p;
            }
        }
        String summary = count(shown.size(), total, "process", "processes") + ", " + order(sort) + ". "
                + (pss ? "Real cost = PSS anon + PSS shmem + swap PSS: shared pages split fairly."
                        : "Real cost = RSS anon + RSS shmem + swap; --pss splits shared pages fairly.");
        String hint = firstJvm == null ? null : "* a JVM: audit it with: " + style.bold("xray jvm " + firstJvm.pid());
        return page(t, shown.isEmpty(), summary, hint, sharing, notes);
    }

    /**
     * A JVM to suggest {@code xray jvm} for: (unless xray runs as root) one of the same user's, since
     * only those can be attached to. xray itself is not in the list.
     */
    private static boolean auditable(PsReport report, PsProcess p) {
        if (!p.sample().jvm()) {
            return false;
        }
        return report.asRoot() || report.selfUser() == null || report.selfUser().equals(p.sample().user());
    }

    /** ps_mem style: one line per program, service or user. */
    public String groups(PsReport report, List<PsGroup> shown, int total, GroupBy by, ProcessField sort,
                         Sharing sharing) {
        boolean pss = report.options().pss();
        List<String> notes = report.notes();
        List<Table.Column> cols = new ArrayList<>(List.of(Table.Column.left(by.name().toUpperCase(), 200).max(NAME_CHARS),
                Table.Column.right("PROCESSES", 90), Table.Column.right("RSS", 80)));
        if (pss) {
            cols.addAll(List.of(Table.Column.right("PSS", 95), Table.Column.right("SHARED", 85),
                    Table.Column.right("USS", 60)));
        }
        cols.addAll(List.of(Table.Column.right("SWAP", 50), Table.Column.right("REAL COST", 100)));
        Table t = new Table(cols);
        boolean anyJvm = false;
        for (PsGroup g : shown) {
            ProcessFigures f = g.figures();
            List<String> cells = new ArrayList<>(List.of(by == GroupBy.program ? program(g.name(), g.jvms() > 0)
                    : Sanitize.text(g.name()), String.valueOf(g.processes()), human(f.rss())));
            if (pss) {
                cells.addAll(List.of(human(f.pss()), human(f.shared()), human(f.uss())));
            }
            cells.addAll(List.of(human(f.swap()), human(f.realCost())));
            t.add(cells.toArray(String[]::new));
            anyJvm |= by == GroupBy.program && g.jvms() > 0;
        }
        String[] what = switch (by) {
            case program -> new String[] {"program", "programs"};
            case service -> new String[] {"service", "services"};
            case user -> new String[] {"user", "users"};
        };
        String summary = count(shown.size(), total, what[0], what[1]) + ", " + order(sort) + ".";
        String hint = anyJvm ? "* JVMs among them: audit one with: " + style.bold("xray jvm PID") : null;
        return page(t, shown.isEmpty(), summary, hint, sharing, notes);
    }

    /** The table, a blank line, the summary and the JVM hint; then what sharing saves and the notes. */
    private String page(Table t, boolean empty, String summary, String hint, Sharing sharing, List<String> notes) {
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
    private void tail(StringBuilder out, Sharing s, List<String> notes) {
        String ksm = s.ksm() != null ? "KSM merges identical pages and saves " + human(s.ksm()) + "." : "KSM is off.";
        if (s.shared() != null) {
            out.append(wrap(count(s.processes(), s.processes(), "process", "processes") + " with PSS: RSS "
                    + human(s.rss()) + ", PSS " + human(s.pss()) + ": " + style.bold(human(s.shared()) + " shared")
                    + ". " + ksm));
        } else if (s.ksm() != null) {
            out.append(wrap(ksm));
        }
        for (String n : notes) {
            out.append(style.yellow(wrap(n).stripTrailing())).append('\n');
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
