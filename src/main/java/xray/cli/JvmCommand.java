package xray.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import xray.analysis.JvmAudit;
import xray.analysis.JvmList;
import xray.analysis.JvmListeners;
import xray.analysis.ProcessModel;
import xray.collect.JvmAuditor;
import xray.collect.JvmScanner;
import xray.collect.ProcessCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.JvmField;
import xray.model.JvmReport;
import xray.model.JvmSample;
import xray.model.JvmSummary;
import xray.render.Csv;
import xray.render.JvmJson;
import xray.render.JvmSentences;
import xray.render.JvmText;
import xray.render.Style;

/** {@code xray jvm [PID]}: the JVMs on this host, or the audit of one. */
@Command(name = "jvm",
        header = "The JVMs on this host, or the audit of one: memory beyond the heap, threads, listeners.",
        description = {
            "The JVMs on this host, containers included: pid, user, main class, uptime, resident memory, real cost, "
                + "heap max, and whether xray can attach.",
            "",
            "With PID: attach from outside (the HotSpot attach socket; no agent) and audit the JVM: where its memory "
                + "goes beyond the heap, which threads burn CPU or wait for a lock, which listener-like classes pile "
                + "up, and its GC and limits. Read-only: no GC unless --live.",
            "",
            "Light: by default the audit costs the JVM what jcmd asked for the same facts costs (its attach listener "
                + "thread, a few MiB): diagnostic commands and /proc only, and JMX only through a connector the JVM "
                + "already runs. --jmx starts the JVM's local JMX agent, which stays on until the JVM exits.",
            "",
            "Trust: xray usually runs as root, and /tmp is writable by every user. The attach socket is used only "
                + "when it is a socket owned by the JVM's effective uid with no access for group or others, checked "
                + "before every connection; one that is not is refused (exit 1), never connected to or removed. The "
                + "trigger file is created with O_EXCL (never through a link) and removed only while it is still "
                + "xray's. Replies are capped (64 MiB for a class histogram, 32 MiB for a thread dump, 8 MiB for "
                + "VM.info, 1 MiB else) and bounded by --timeout. hsperfdata is read only from a regular file of the "
                + "JVM's user, every offset checked; a bad one makes only that JVM's perf data unreadable. JMX "
                + "deserializes only what connector stubs and the platform MXBeans need, and connects only to "
                + "loopback."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:refused or unreadable (no such pid, not a JVM, attach disabled, another user's JVM, an untrusted "
                + "attach socket, no answer in time)",
            "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray jvm                      the JVMs on this host",
            "  xray jvm 4242                 audit one: memory, threads, listeners",
            "  xray jvm 4242 --interval 5s   sample CPU and listener growth longer",
            "  xray jvm 4242 --json | jq .threads.hot",
            "  xray jvm 4242 --jmx           also read JMX (starts the JVM's JMX agent)",
            "",
            "Files and commands: /proc/PID/{status,maps,root/tmp,cwd,task/*/schedstat},",
            "  /tmp/hsperfdata_USER/PID, the attach socket /tmp/.java_pidNSPID;",
            "  diagnostic commands VM.flags, VM.info, VM.native_memory summary,",
            "  Thread.print -l -e, GC.class_histogram -all; JMX through a local",
            "  connector the JVM already runs, or with --jmx.",
            "",
            "Root: the list needs none (other users' JVMs are listed, marked",
            "  as needing root); xray jvm PID attaches only to your own JVMs,",
            "  or as root to any.",
            "",
            "JSON: schemas xray.jvm/v3 and xray.jvms/v2, described in README.md."},
        sortOptions = false,
        versionProvider = VersionProvider.class)
final class JvmCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "PID", description = "The JVM to audit (its pid as seen from here).")
    Integer pid;

    @Option(names = {"-s", "--sort"}, paramLabel = "KEY", defaultValue = "rss", converter = SortKey.Jvm.class,
            completionCandidates = SortKey.JvmKeys.class,
            description = "The list: sort by KEY: ${COMPLETION-CANDIDATES}, or a column's title (heap, cpu, \"REAL "
                + "COST\"); sizes, CPU and uptime largest first, names A to Z (default: ${DEFAULT-VALUE}).")
    JvmField sort;

    @Option(names = {"-r", "--reverse"}, description = "The list: reverse the order.")
    boolean reverse;

    @Option(names = {"-o", "--fields"}, paramLabel = "LIST", completionCandidates = SortKey.JvmFields.class,
            description = "The list: the columns to show, comma-separated, in order: ${COMPLETION-CANDIDATES}. With "
                + "--csv or --tsv, the columns to print.")
    String fields;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between the two samples for CPU and allocation per thread and listener growth, e.g. "
                    + "1s, 500ms, 0 (one sample: CPU averaged over each thread's life, no growth). "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--top", paramLabel = "N",
            description = "The audit: the threads to show by CPU (default: 5). The list: the first N JVMs (default: "
                + "all).")
    Integer top;

    @Option(names = "--listeners", paramLabel = "REGEX", defaultValue = JvmListeners.DEFAULT_PATTERN,
            description = "Class or interface names (their own simple name) that make a class a listener, "
                    + "case-insensitive (default: ${DEFAULT-VALUE}).")
    String listeners;

    @Option(names = "--live", description = "Count live objects only: runs a full GC (a stop-the-world pause) "
            + "before each histogram, after the memory readings. Off by default.")
    boolean live;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up when the JVM has not answered by then, interval included; it must be at least "
                    + "twice the interval (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--smaps-max-rss", paramLabel = "SIZE", defaultValue = Size.PAGE_WALK_MAX_RSS,
            converter = Size.class,
            description = "Do not read /proc/PID/smaps (resident memory by address range) of a JVM with more RSS "
                    + "than SIZE: it walks the page tables under the JVM's memory-map lock (default: ${DEFAULT-VALUE}).")
    long smapsMaxRss;

    @Option(names = "--jmx", description = "Also read JMX, starting the JVM's local JMX agent when it runs none "
            + "(announced on stderr first). The agent stays on until the JVM exits, listens on a TCP port on every "
            + "interface (taking connections from this host only) and adds threads and memory; the audit says what "
            + "it opened and added. Off by default: then JMX is used only when the JVM already runs a connector.")
    boolean jmx;

    @Option(names = "--no-jmx", description = "Never use JMX, not even a connector the JVM already runs: "
            + "diagnostic commands and /proc only.")
    boolean noJmx;

    @Override
    public Integer call() {
        validate();
        OutputOptions.Form form = output.form(common);
        Style style = output.style(common);
        List<JvmField> chosen = fields == null ? null
                : SortKey.fields(common.commandLine(), JvmField.all(), fields, "a field of xray jvm");
        KernelFs fs = common.kernelFs();
        PrintWriter out = common.commandLine().getOut();
        PrintWriter err = common.commandLine().getErr();
        Warnings warnings = new Warnings();
        int myEuid = myEuid();
        if (pid == null) {
            List<JvmSummary> jvms = new ArrayList<>(JvmList.summaries(JvmScanner.scan(fs, myEuid, warnings),
                    System.currentTimeMillis()));
            jvms.sort(JvmList.order(sort, reverse));
            List<JvmSummary> shown = ProcessModel.top(jvms, top == null ? 0 : top);
            switch (form) {
                case JSON -> JvmJson.list(out, output.json(common, style), common.origin(fs, null), shown, jvms.size(),
                        warnings.lines());
                case CSV, TSV -> out.print(Csv.table(form == OutputOptions.Form.TSV, style.header(),
                        chosen != null ? chosen : JvmField.all(), shown, JvmField::of));
                case TABLE -> CommonOptions.print(out, new JvmText(style).list(shown, jvms.size(), chosen), style);
            }
        } else {
            JvmReport report;
            try {
                JvmSample sample = JvmAuditor.audit(fs, pid, new JvmAuditor.Options(interval, live, timeout, jmxUse(),
                        smapsMaxRss), myEuid, warnings, notice -> {
                            err.println("xray: warning: " + JvmSentences.notice(notice));
                            err.flush();
                        });
                report = JvmAudit.report(sample, new JvmAudit.Settings(top == null ? 5 : top,
                                JvmListeners.pattern(listeners)),
                        System.currentTimeMillis());
            } catch (JvmAuditor.TimedOut e) {
                err.println("xray: " + xray.render.Sanitize.text(JvmSentences.timeout(e.timeout())) + ".");
                err.flush();
                return ExitCodes.UNREADABLE;
            } catch (JvmAuditor.Refused e) {
                err.println("xray: " + xray.render.Sanitize.text(e.getMessage()) + (e.attach() ? "." : ""));
                err.flush();
                return ExitCodes.UNREADABLE;
            }
            if (common.json) {
                JvmJson.report(out, output.json(common, style), common.origin(fs, null), report, warnings.lines());
            } else {
                CommonOptions.print(out, new JvmText(style).report(report), style);
            }
        }
        out.flush();
        common.printWarnings(err, warnings);
        return ExitCodes.OK;
    }

    private void validate() {
        if (pid != null && pid <= 0) {
            throw new ParameterException(common.commandLine(), "PID must be a positive number, not " + pid);
        }
        if (pid != null && common.root != null) {
            throw new ParameterException(common.commandLine(),
                    "xray jvm PID attaches to a running JVM on this host; it cannot read one under --root");
        }
        if (jmx && noJmx) {
            throw new ParameterException(common.commandLine(), "--jmx and --no-jmx contradict each other: give one");
        }
        if (pid != null && top != null && top < 1) {
            throw new ParameterException(common.commandLine(), "--top must be 1 or more, not " + top);
        }
        if (top != null) {
            common.atLeastZero("--top", top);
        }
        if (pid != null && (output.csv || output.tsv || fields != null)) {
            throw new ParameterException(common.commandLine(), (fields != null ? "-o" : output.csv ? "--csv" : "--tsv")
                    + " is for the list of JVMs (xray jvm); an audit prints tables or --json");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(common.commandLine(), "--timeout must be more than 0");
        }
        if (interval.isNegative()) {
            throw new ParameterException(common.commandLine(), "--interval must be 0 or more");
        }
        // The requests need time of their own besides the interval: at least half the budget.
        if (interval.multipliedBy(2).compareTo(timeout) > 0) {
            throw new ParameterException(common.commandLine(), "--interval " + seconds(interval)
                    + " leaves too little of --timeout " + seconds(timeout) + " for the requests to the JVM: give --timeout "
                    + seconds(interval.multipliedBy(2)) + " or more, or a shorter --interval");
        }
        try {
            Pattern.compile(listeners);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(common.commandLine(), "--listeners '" + listeners + "' is not a regular "
                    + "expression: " + e.getDescription());
        }
    }

    private JvmAuditor.JmxUse jmxUse() {
        return noJmx ? JvmAuditor.JmxUse.NEVER : jmx ? JvmAuditor.JmxUse.START : JvmAuditor.JmxUse.IF_RUNNING;
    }

    /** 9500 ms → "9.5 s", 10 s → "10 s". */
    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    /** The effective uid of xray itself (a JVM accepts attach only from its own user or root), −1 when unknown. */
    static int myEuid() {
        Integer euid = ProcessCollector.ownEuid();
        return euid == null ? -1 : euid;
    }

    /** "1s", "500ms", "2.5s", "0", "3" (seconds) → Duration. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        /** A day: more is no interval or timeout anyone means, and its nanoseconds would not fit a long. */
        static final double MAX_MILLIS = 86_400_000;

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            double scale = 1000;
            if (v.endsWith("ms")) {
                v = v.substring(0, v.length() - 2);
                scale = 1;
            } else if (v.endsWith("s")) {
                v = v.substring(0, v.length() - 1);
            } else if (v.endsWith("m")) {
                v = v.substring(0, v.length() - 1);
                scale = 60_000;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (d < 0 || Double.isNaN(d) || d * scale > MAX_MILLIS) {
                    throw new IllegalArgumentException();
                }
                return Duration.ofMillis(Math.round(d * scale));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + xray.render.Sanitize.text(value)
                        + "' is not a time like 1s, 500ms or 0 (at most a day)");
            }
        }
    }
}
