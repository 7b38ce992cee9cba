package xray.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import xray.analysis.CgroupTree;
import xray.analysis.ProcessModel;
import xray.collect.MemCollector;
import xray.collect.PsCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.CgroupLayout;
import xray.model.GroupBy;
import xray.model.ProcessField;
import xray.model.PsGroup;
import xray.model.PsProcess;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.render.Csv;
import xray.render.PsJson;
import xray.render.PsText;
import xray.render.Style;

/** {@code xray ps}: what each process really costs, and what sharing saves. */
@Command(name = "ps", sortOptions = false, versionProvider = VersionProvider.class,
        header = "Processes by what they really cost, with PSS and what sharing saves.",
        description = {
            "Processes by what they really cost: anonymous and shared memory and swap, which cannot be given back "
                + "without swapping or a kill (real cost = RSS anon + RSS shmem + swap). RSS counts every shared page "
                + "(a library, a JVM's class data) once per process; with --pss each shared page is split fairly "
                + "between the processes that map it (real cost = PSS anon + PSS shmem + swap PSS), and the sums show "
                + "what sharing saves.",
            "",
            "--pss walks the page tables of every process (under each one's memory-map lock); as a normal user "
                + "only your own processes can be walked.",
            "",
            "The table shows the first 25 (--top); JSON, CSV and TSV list every process unless --top is given. On a "
                + "narrow terminal columns are left out, lowest first: COMMAND, PSS FILE, RSS FILE, SWAP PSS, "
                + "PSS SHMEM, PSS ANON, RSS SHMEM, SWAP, USER, RSS ANON, SERVICE, USS, PSS, RSS, PROGRAM."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.OK_HELP,
            ExitCodes.UNREADABLE_HELP,
            "2:bad usage (unknown option, unknown cgroup or user, a bad --program)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray ps                          the 25 processes that cost most",
            "  xray ps --sort rss -r            smallest RSS first",
            "  xray ps --pss --by program       one line per program, with totals",
            "  xray ps --cgroup foo.service     the processes of one service",
            "  xray ps -p 1,4242 -o pid,rss,realcost",
            "  xray ps --program 'java|python' --user app",
            "  xray ps --csv -o pid,rss,realcost > ps.csv",
            "  xray ps --json | jq '.processes[] | select(.jvm)'"})
final class PsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    OutputOptions output;

    @Option(names = "--top", paramLabel = "N",
            description = "Show the first N rows (default: 25 in a table, all in JSON, CSV and TSV; 0 shows all).")
    Integer top;

    @Option(names = {"-s", "--sort"}, paramLabel = "KEY", defaultValue = "realCost", converter = SortKey.Process.class,
            completionCandidates = SortKey.ProcessKeys.class,
            description = "Sort by KEY: ${COMPLETION-CANDIDATES}, or a column's title (rss, \"RSS ANON\", real-cost); "
                + "sizes largest first, names A to Z (default: ${DEFAULT-VALUE}).")
    ProcessField sort;

    @Option(names = {"-r", "--reverse"}, description = "Reverse the order: smallest first, names Z to A.")
    boolean reverse;

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", split = ",",
            description = "Only these processes (comma-separated pids; may be given again).")
    List<Integer> pids;

    @Option(names = "--program", paramLabel = "REGEX",
            description = "Only processes whose program (argv[0]'s name, or the kernel's) matches REGEX, as grep -E "
                + "would find it in the name.")
    String program;

    @Option(names = "--cgroup", paramLabel = "CGROUP",
            description = "Only processes in CGROUP or below (a path, a name, an id prefix; as xray mem CGROUP).")
    String cgroup;

    @Option(names = "--user", paramLabel = "USER", description = "Only processes of USER (a name or a uid).")
    String user;

    @Option(names = "--pss",
            description = "Read PSS, USS and swap PSS from /proc/PID/smaps_rollup; real cost then splits shared "
                + "pages fairly.")
    boolean pss;

    @Option(names = "--pss-max-rss", paramLabel = "SIZE", defaultValue = Size.PAGE_WALK_MAX_RSS,
            converter = Size.class,
            description = "With --pss, do not walk processes with more RSS than SIZE (walking page tables that big "
                + "could stall them): they are counted from RSS (default: ${DEFAULT-VALUE}).")
    long pssMaxRss;

    @Option(names = "--by", paramLabel = "WHAT",
            description = "One line per WHAT (${COMPLETION-CANDIDATES}): process count, RSS, PSS, what sharing "
                + "saves and real cost, and a line of totals.")
    GroupBy by;

    @Option(names = {"-o", "--fields"}, paramLabel = "LIST", completionCandidates = SortKey.ProcessFields.class,
            description = "The columns to show, comma-separated, in order: ${COMPLETION-CANDIDATES}. With --by the "
                + "group's name comes first. With --csv or --tsv, the columns to print.")
    String fields;

    @Option(names = "--all", description = "Include kernel threads and zombies (they have no memory of their own).")
    boolean all;

    @Option(names = "--full", description = "Show command lines whole in the table (default: cut to 48 characters; "
            + "JSON, CSV and TSV have them whole).")
    boolean full;

    /** Rows of a table unless --top says otherwise. */
    static final int TABLE_ROWS = 25;

    @Override
    public Integer call() {
        if (sort.fromPss() && !pss) {
            throw new ParameterException(common.commandLine(), "--sort " + sort + " needs --pss");
        }
        if (top != null) {
            common.atLeastZero("--top", top);
        }
        OutputOptions.Form form = output.form(common);
        Style style = output.style(common);
        List<ProcessField> chosen = fields == null ? null : chosen();
        Pattern programs = program == null ? null : pattern();
        KernelFs fs = common.kernelFs();
        Warnings warnings = new Warnings();
        CgroupLayout layout = cgroup == null ? null : MemCollector.layout(fs, warnings);
        String cgroupPath = cgroup == null ? null : cgroupPath(fs, layout, warnings);
        PsReport report;
        try {
            report = ProcessModel.report(PsCollector.collect(fs, layout, new PsSample.Options(pss, pssMaxRss, all, user,
                    cgroupPath), warnings));
        } catch (PsCollector.UnknownUser e) {
            throw new ParameterException(common.commandLine(), "--user: " + e.getMessage());
        }
        PrintWriter out = common.commandLine().getOut();
        List<PsProcess> processes = new ArrayList<>();
        for (PsProcess p : report.processes()) {
            if ((pids == null || pids.contains(p.pid())) && (programs == null
                    || (p.program() != null && programs.matcher(p.program()).find()))) {
                processes.add(p);
            }
        }
        processes.sort(ProcessModel.order(sort, reverse));
        List<PsGroup> groups = new ArrayList<>(by == null ? List.of() : ProcessModel.group(processes, by));
        groups.sort(ProcessModel.groupOrder(sort, reverse));
        PsGroup totals = by == null ? null : ProcessModel.total(groups, by);
        int rows = top != null ? top : form == OutputOptions.Form.TABLE ? TABLE_ROWS : 0;
        List<PsProcess> shownProcesses = by == null ? ProcessModel.top(processes, rows) : processes;
        List<PsGroup> shownGroups = ProcessModel.top(groups, rows);

        switch (form) {
            case JSON -> PsJson.write(out, output.json(common, style), common.origin(fs, null),
                    new PsJson.Content(shownProcesses, processes.size(), shownGroups, groups.size(), totals,
                            report.sharing(), report.notes(), warnings.lines()));
            case CSV, TSV -> {
                boolean tsv = form == OutputOptions.Form.TSV;
                if (by == null) {
                    out.print(Csv.table(tsv, style.header(), chosen != null ? chosen : ProcessField.PROCESS_JSON,
                            shownProcesses, (ProcessField f, PsProcess p) -> f.value(p)));
                } else {
                    List<ProcessField> columns = new ArrayList<>(List.of(ProcessField.valueOf(by.name())));
                    for (ProcessField f : chosen != null ? chosen : ProcessField.GROUP_JSON) {
                        if (!columns.contains(f)) {
                            columns.add(f);
                        }
                    }
                    out.print(Csv.table(tsv, style.header(), columns, shownGroups, (ProcessField f, PsGroup g) -> f.value(g)));
                }
            }
            case TABLE -> {
                PsText text = new PsText(style, full);
                PsText.View view = new PsText.View(sort, reverse, chosen);
                CommonOptions.print(out, by == null
                        ? text.processes(report, shownProcesses, processes.size(), view)
                        : text.groups(report, shownGroups, groups.size(), totals, view), style);
            }
        }
        out.flush();
        common.printWarnings(common.commandLine().getErr(), warnings);
        return ExitCodes.OK;
    }

    private List<ProcessField> chosen() {
        List<ProcessField> choices = new ArrayList<>(ProcessField.PROCESS_JSON);
        if (by != null) {
            choices.addAll(ProcessField.GROUP_JSON);
        }
        List<ProcessField> out = SortKey.fields(common.commandLine(), choices.stream().distinct().toList(), fields,
                "a field of xray ps");
        for (ProcessField f : out) {
            if (f.fromPss() && !pss) {
                throw new ParameterException(common.commandLine(), "-o " + f + " needs --pss");
            }
        }
        return out;
    }

    private Pattern pattern() {
        try {
            return Pattern.compile(program);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(common.commandLine(), "--program '" + xray.render.Sanitize.text(program)
                    + "' is not a regular expression: " + e.getDescription());
        }
    }

    /**
     * The path of the cgroup named by --cgroup, found as {@code xray mem CGROUP} finds it, from the
     * walk of the cgroup tree alone (no cgroup's files are read).
     */
    private String cgroupPath(KernelFs fs, CgroupLayout layout, Warnings warnings) {
        return CgroupLookup.find(CgroupTree.named(MemCollector.paths(fs, layout, warnings), layout), cgroup,
                common.commandLine()).path();
    }
}
