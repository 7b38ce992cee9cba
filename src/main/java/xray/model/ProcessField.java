package xray.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code xray ps}, the one registry for its two tables (processes, and groups with
 * --by) and its JSON: the constant is the JSON key (a public contract: never renamed) and the word
 * {@code --sort} takes; the title is the table header, the label the name in a sentence. The lists
 * below are each table's columns and each JSON object's keys, in order.
 */
public enum ProcessField {
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
            column(pid, 200), column(user, 70), column(service, 80), column(program, 95), column(rssAnon, 75),
            column(rssFile, 40), column(rssShmem, 60), column(swap, 65), column(pss, 90), column(pssAnon, 55),
            column(pssFile, 35), column(pssShmem, 50), column(uss, 85), column(swapPss, 45), column(realCost, 100),
            column(cmdline, 10));

    /** The group table's columns after the one naming the group (program, service or user). */
    public static final List<Column<ProcessField>> GROUP_TABLE = List.of(
            column(processes, 90), column(rss, 80), column(pss, 95), column(shared, 85), column(uss, 60),
            column(swap, 50), column(realCost, 100));

    /** The priority of the column naming the group: it always stays. */
    public static final int GROUP_NAME_PRIORITY = 200;

    /** The keys of a process in JSON, in order. */
    public static final List<ProcessField> PROCESS_JSON = List.of(pid, user, cgroup, service, program, cmdline,
            rssAnon, rssFile, rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, swapPss, realCost, jvm);

    /** The keys of a group in JSON after "by" and "name", in order. */
    public static final List<ProcessField> GROUP_JSON = List.of(cgroup, processes, jvms, rss, rssAnon, rssFile,
            rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, swapPss, realCost, shared);

    private final String title;
    private final String label;
    private final Unit unit;
    private final boolean sortable;
    private final boolean fromPss;

    ProcessField(String title, String label, Unit unit, boolean sortable, boolean fromPss) {
        this.title = title;
        this.label = label;
        this.unit = unit;
        this.sortable = sortable;
        this.fromPss = fromPss;
    }

    private static Column<ProcessField> column(ProcessField f, int priority) {
        return new Column<>(f, f.title, priority);
    }

    public String title() {
        return title;
    }

    /** The name in a sentence: "real cost", "PSS anon". */
    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    /** True for byte columns (sorted largest first). */
    public boolean isBytes() {
        return unit == Unit.BYTES;
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
