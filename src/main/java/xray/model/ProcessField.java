package xray.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code xray ps}, the one registry for its two tables (processes, and groups with
 * --by) and its JSON: the constant's name is the JSON key (a public contract: never renamed) and the
 * word {@code --sort} takes; the title is the table header, the label the name in a sentence. The
 * lists below are each table's columns and each JSON object's keys, in order.
 */
public enum ProcessField implements Field {
    pid("PID", "pid", Unit.ID, true, false),
    user("USER", "user", Unit.TEXT, true, false, "uid", "owner"),
    cgroup("CGROUP", "cgroup", Unit.TEXT, true, false, "cgroup path"),
    service("SERVICE", "service", Unit.TEXT, true, false, "unit"),
    program("PROGRAM", "program", Unit.TEXT, true, false, "comm", "name", "process"),
    cmdline("COMMAND", "command line", Unit.TEXT, true, false, "cmd", "args", "argv"),
    rss("RSS", "RSS", Unit.BYTES, true, false, "resident", "vmrss"),
    rssAnon("RSS ANON", "RSS anon", Unit.BYTES, true, false, "anon"),
    rssFile("RSS FILE", "RSS file", Unit.BYTES, true, false, "file"),
    rssShmem("RSS SHMEM", "RSS shmem", Unit.BYTES, true, false, "shmem"),
    swap("SWAP", "swap", Unit.BYTES, true, false),
    pss("PSS", "PSS", Unit.BYTES, true, true),
    pssAnon("PSS ANON", "PSS anon", Unit.BYTES, true, true),
    pssFile("PSS FILE", "PSS file", Unit.BYTES, true, true),
    pssShmem("PSS SHMEM", "PSS shmem", Unit.BYTES, true, true),
    uss("USS", "USS", Unit.BYTES, true, true, "private"),
    swapPss("SWAP PSS", "swap PSS", Unit.BYTES, true, true),
    realCost("REAL COST", "real cost", Unit.BYTES, true, false, "cost", "real"),
    shared("SHARED", "shared", Unit.BYTES, false, true),
    jvm("JVM", "JVM", Unit.FLAG, false, false, "java"),
    processes("PROCESSES", "processes", Unit.COUNT, false, false, "procs", "count"),
    jvms("JVMS", "JVMs", Unit.COUNT, false, false);

    /**
     * The process table's columns, in order, and their priorities: on a narrow terminal the lowest
     * goes first (COMMAND, PSS FILE, RSS FILE, SWAP PSS, PSS SHMEM, PSS ANON, RSS SHMEM, SWAP, USER,
     * RSS ANON, SERVICE, USS, PSS, RSS, PROGRAM, REAL COST; PID stays).
     */
    public static final List<Column<ProcessField>> PROCESS_TABLE = List.of(
            Column.of(pid, 200), Column.of(user, 70), Column.of(service, 80), Column.of(program, 95), Column.of(rss, 92),
            Column.of(rssAnon, 75), Column.of(rssFile, 40), Column.of(rssShmem, 60), Column.of(swap, 65), Column.of(pss, 90),
            Column.of(pssAnon, 55), Column.of(pssFile, 35), Column.of(pssShmem, 50), Column.of(uss, 85),
            Column.of(swapPss, 45), Column.of(realCost, 100), Column.of(cmdline, 10));

    /** The group table's columns after the one naming the group (program, service or user). */
    public static final List<Column<ProcessField>> GROUP_TABLE = List.of(
            Column.of(processes, 90), Column.of(rss, 80), Column.of(pss, 95), Column.of(shared, 85), Column.of(uss, 60),
            Column.of(swap, 50), Column.of(realCost, 100));

    /** The priority of the column naming the group: it always stays. */
    public static final int GROUP_NAME_PRIORITY = 200;

    /** The keys of a process in JSON, in order; also what -o/--fields takes for the process table. */
    public static final List<ProcessField> PROCESS_JSON = List.of(pid, user, cgroup, service, program, cmdline,
            rss, rssAnon, rssFile, rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, swapPss, realCost, jvm);

    /** The keys of a group in JSON after "by" and "name", in order; with them, what -o takes for --by. */
    public static final List<ProcessField> GROUP_JSON = List.of(cgroup, processes, jvms, rss, rssAnon, rssFile,
            rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, swapPss, realCost, shared);

    private final Info info;
    private final boolean sortable;
    private final boolean fromPss;

    /** The JSON key is the constant's name. */
    ProcessField(String title, String label, Unit unit, boolean sortable, boolean fromPss, String... aliases) {
        this.info = new Info(name(), title, label, unit, List.of(aliases));
        this.sortable = sortable;
        this.fromPss = fromPss;
    }

    @Override
    public Info info() {
        return info;
    }

    /** True for byte columns (sorted largest first). */
    public boolean isBytes() {
        return unit() == Unit.BYTES;
    }

    /** True for the fields --sort takes. */
    public boolean sortable() {
        return sortable;
    }

    /** True for the columns only --pss reads. */
    public boolean fromPss() {
        return fromPss;
    }

    /** The fields --sort takes, in order. */
    public static List<ProcessField> sortFields() {
        List<ProcessField> out = new ArrayList<>();
        for (ProcessField f : values()) {
            if (f.sortable) {
                out.add(f);
            }
        }
        return out;
    }

    /** The --sort words, in order. */
    public static List<String> sortKeys() {
        return Field.keys(sortFields());
    }

    /**
     * The value for a process: a Long (pid, sizes), a String (names; the command line joined by
     * spaces), a Boolean (jvm); null when absent or not a field of a process.
     */
    public Object value(PsProcess p) {
        return switch (this) {
            case pid -> (long) p.pid();
            case user -> p.sample().user();
            case cgroup -> p.sample().cgroup();
            case service -> p.service();
            case program -> p.program();
            case cmdline -> p.sample().cmdline();
            case jvm -> p.sample().jvm();
            case processes, jvms -> null;
            default -> of(p.figures());
        };
    }

    /** The value for a group: its name for the field it is grouped by, its counts and sums; null otherwise. */
    public Object value(PsGroup g) {
        return switch (this) {
            case user, service, program -> g.by().name().equals(name()) ? g.name() : null;
            case cgroup -> g.cgroup();
            case processes -> (long) g.processes();
            case jvms -> (long) g.jvms();
            case pid, cmdline, jvm -> null;
            default -> of(g.figures());
        };
    }

    /** The byte value, or null (absent, or not a byte field). */
    public Long of(ProcessFigures f) {
        return switch (this) {
            case rss -> f.rss();
            case rssAnon -> f.rssAnon();
            case rssFile -> f.rssFile();
            case rssShmem -> f.rssShmem();
            case swap -> f.swap();
            case pss -> f.pss();
            case pssAnon -> f.pssAnon();
            case pssFile -> f.pssFile();
            case pssShmem -> f.pssShmem();
            case uss -> f.uss();
            case swapPss -> f.swapPss();
            case realCost -> f.realCost();
            case shared -> f.shared();
            default -> null;
        };
    }
}
