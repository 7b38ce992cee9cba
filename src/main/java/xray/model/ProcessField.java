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
    user("USER", "user", Unit.TEXT, true, false),
    cgroup("CGROUP", "cgroup", Unit.TEXT, false, false),
    service("SERVICE", "service", Unit.TEXT, true, false),
    program("PROGRAM", "program", Unit.TEXT, true, false),
    cmdline("COMMAND", "command line", Unit.TEXT, false, false),
    rss("RSS", "RSS", Unit.BYTES, false, false),
    rssAnon("RSS ANON", "RSS anon", Unit.BYTES, true, false),
    rssFile("RSS FILE", "RSS file", Unit.BYTES, true, false),
    rssShmem("RSS SHMEM", "RSS shmem", Unit.BYTES, true, false),
    swap("SWAP", "swap", Unit.BYTES, true, false),
    pss("PSS", "PSS", Unit.BYTES, true, true),
    pssAnon("PSS ANON", "PSS anon", Unit.BYTES, true, true),
    pssFile("PSS FILE", "PSS file", Unit.BYTES, true, true),
    pssShmem("PSS SHMEM", "PSS shmem", Unit.BYTES, true, true),
    uss("USS", "USS", Unit.BYTES, true, true),
    swapPss("SWAP PSS", "swap PSS", Unit.BYTES, true, true),
    realCost("REAL COST", "real cost", Unit.BYTES, true, false),
    shared("SHARED", "shared", Unit.BYTES, false, true),
    jvm("JVM", "JVM", Unit.FLAG, false, false),
    processes("PROCESSES", "processes", Unit.COUNT, false, false),
    jvms("JVMS", "JVMs", Unit.COUNT, false, false);

    /** The process table's columns, in order. */
    public static final List<Column<ProcessField>> PROCESS_TABLE = List.of(
            Column.of(pid, 200), Column.of(user, 70), Column.of(service, 80), Column.of(program, 95), Column.of(rssAnon, 75),
            Column.of(rssFile, 40), Column.of(rssShmem, 60), Column.of(swap, 65), Column.of(pss, 90), Column.of(pssAnon, 55),
            Column.of(pssFile, 35), Column.of(pssShmem, 50), Column.of(uss, 85), Column.of(swapPss, 45), Column.of(realCost, 100),
            Column.of(cmdline, 10));

    /** The group table's columns after the one naming the group (program, service or user). */
    public static final List<Column<ProcessField>> GROUP_TABLE = List.of(
            Column.of(processes, 90), Column.of(rss, 80), Column.of(pss, 95), Column.of(shared, 85), Column.of(uss, 60),
            Column.of(swap, 50), Column.of(realCost, 100));

    /** The priority of the column naming the group: it always stays. */
    public static final int GROUP_NAME_PRIORITY = 200;

    /** The keys of a process in JSON, in order. */
    public static final List<ProcessField> PROCESS_JSON = List.of(pid, user, cgroup, service, program, cmdline,
            rssAnon, rssFile, rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, swapPss, realCost, jvm);

    /** The keys of a group in JSON after "by" and "name", in order. */
    public static final List<ProcessField> GROUP_JSON = List.of(cgroup, processes, jvms, rss, rssAnon, rssFile,
            rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, swapPss, realCost, shared);

    private final Info info;
    private final boolean sortable;
    private final boolean fromPss;

    /** The JSON key is the constant's name. */
    ProcessField(String title, String label, Unit unit, boolean sortable, boolean fromPss) {
        this.info = new Info(name(), title, label, unit);
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

    /** The --sort words, in order. */
    public static List<String> sortKeys() {
        List<String> out = new ArrayList<>();
        for (ProcessField f : values()) {
            if (f.sortable) {
                out.add(f.name());
            }
        }
        return out;
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
