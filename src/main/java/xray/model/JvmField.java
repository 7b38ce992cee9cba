package xray.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code xray jvm}'s list, the one registry for its table, its JSON ({@code
 * xray.jvms/v2}), {@code --sort} and {@code -o}: the JSON key (a public contract: never renamed), the
 * table title, the label and the unit.
 */
public enum JvmField implements Field {
    PID("pid", "PID", "pid", Unit.ID),
    NSPID("nspid", "NSPID", "pid in its namespace", Unit.ID),
    USER("user", "USER", "user", Unit.TEXT, "owner"),
    UID("uid", "UID", "uid", Unit.ID),
    MAIN_CLASS("mainClass", "MAIN CLASS / JAR", "main class", Unit.TEXT, "main", "class", "jar", "name"),
    VERSION("version", "VERSION", "Java version", Unit.TEXT, "java"),
    UPTIME("uptimeSeconds", "UPTIME", "uptime", Unit.SECONDS, "uptime", "age"),
    CPU_PERCENT("cpuPercent", "CPU%", "CPU (average over its life, 100 = one core)", Unit.PERCENT, "cpu", "pcpu"),
    CPU_SECONDS("cpuSeconds", "CPU TIME", "CPU time", Unit.SECONDS, "time", "cputime"),
    RSS("rss", "RSS", "RSS", Unit.BYTES, "resident"),
    REAL_COST("realCost", "REAL COST", "real cost", Unit.BYTES, "cost", "real"),
    HEAP_USED("heapUsed", "HEAP USED", "heap used", Unit.BYTES, "heap"),
    HEAP_MAX("heapMax", "HEAP MAX", "heap max", Unit.BYTES, "xmx"),
    ATTACHABLE("attachable", "ATTACH", "attachable", Unit.FLAG, "attach"),
    ATTACH_NOTE("attachNote", "ATTACH NOTE", "why not, or how", Unit.TEXT),
    CONTAINER("container", "CONTAINER", "in another mount namespace", Unit.FLAG),
    PERF_PROBLEM("perfProblem", "PERF PROBLEM", "why its perf data could not be used", Unit.TEXT);

    /**
     * The list's columns, in order, and their priorities: on a narrow terminal VERSION goes first,
     * then CPU TIME, USER, HEAP MAX, UPTIME, CPU%, HEAP USED, RSS, REAL COST, ATTACH, PID; the main class
     * stays (cut in the middle).
     */
    public static final List<Column<JvmField>> TABLE = List.of(Column.of(MAIN_CLASS, 100), Column.of(PID, 99),
            Column.of(USER, 70), Column.of(UPTIME, 78), Column.of(CPU_PERCENT, 82), Column.of(RSS, 90),
            Column.of(REAL_COST, 95), Column.of(HEAP_USED, 86), Column.of(HEAP_MAX, 75), Column.of(VERSION, 40),
            Column.of(ATTACHABLE, 97));

    /** The fields --sort takes: sizes and CPU largest first, names A to Z. */
    public static final List<JvmField> SORT = List.of(RSS, REAL_COST, HEAP_USED, HEAP_MAX, CPU_PERCENT, CPU_SECONDS,
            UPTIME, PID, MAIN_CLASS, USER);

    private final Info info;

    JvmField(String key, String title, String label, Unit unit, String... aliases) {
        this.info = new Info(key, title, label, unit, List.of(aliases));
    }

    @Override
    public Info info() {
        return info;
    }

    /** Every field, in JSON order. */
    public static List<JvmField> all() {
        return List.of(values());
    }

    /** The keys --sort offers. */
    public static List<String> sortKeys() {
        return new ArrayList<>(Field.keys(SORT));
    }

    /** The value for one JVM: a Long, a Double, a String or a Boolean, as {@link #unit()} says; null when absent. */
    public Object of(JvmSummary s) {
        return switch (this) {
            case PID -> (long) s.pid();
            case NSPID -> (long) s.nspid();
            case USER -> s.user();
            case UID -> s.uid() == null ? null : (long) s.uid();
            case MAIN_CLASS -> s.mainClass();
            case VERSION -> s.version();
            case UPTIME -> s.uptimeSeconds();
            case CPU_PERCENT -> s.cpuPercent();
            case CPU_SECONDS -> s.cpuSeconds();
            case RSS -> s.rss();
            case REAL_COST -> s.realCost();
            case HEAP_USED -> s.heapUsed();
            case HEAP_MAX -> s.heapMax();
            case ATTACHABLE -> s.attachable();
            case ATTACH_NOTE -> s.attachNote();
            case CONTAINER -> s.container();
            case PERF_PROBLEM -> s.perfProblem();
        };
    }
}
