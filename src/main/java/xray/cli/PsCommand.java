package xray.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
import xray.render.PsJson;
import xray.render.PsText;

/** {@code xray ps}: what each process really costs, and what sharing saves. */
@Command(name = "ps", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Processes by what they really cost, with PSS and what sharing saves.",
        description = {
            "Processes by what they really cost: anonymous and shared memory and swap, which cannot be given back "
                + "without swapping or a kill. RSS counts every shared page (a library, a JVM's class data) once "
                + "per process; with --pss each shared page is split fairly between the processes that map it, "
                + "and the sums show what sharing saves.",
            "",
            "--pss walks the page tables of every process (under each one's memory-map lock); as a normal user "
                + "only your own processes can be walked."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.OK_HELP,
            ExitCodes.UNREADABLE_HELP,
            "2:bad usage (unknown option, unknown cgroup or user)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray ps                          the 25 processes that cost most",
            "  xray ps --pss                    with PSS, USS and shared pages split fairly",
            "  xray ps --pss --by program       one line per program, and what sharing saves",
            "  xray ps --cgroup foo.service     the processes of one service",
            "  xray ps --user app --sort pid    one user's processes, by pid",
            "  xray ps --pss --json --top 0 | jq '.processes[] | select(.jvm)'",
            "",
            "Files read (under --root):",
            "  /proc/PID/status, /proc/PID/cgroup, /proc/PID/cmdline; with --pss",
            "  /proc/PID/smaps_rollup; /proc/PID/maps of processes with 5 threads",
            "  or more and /tmp/hsperfdata_*/ (is it a JVM?); /etc/passwd,",
            "  /proc/self/mountinfo, /sys/kernel/mm/ksm/run and pages_sharing.",
            "",
            "Root: not needed for RSS, swap and real cost. --pss reads other",
            "  users' smaps_rollup only as root: as a normal user theirs are",
            "  counted from RSS, and one line says how many.",
            "",
            "JSON: schema xray.ps/v1, described in README.md."})
final class PsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25",
            description = "Show the first N rows (default: ${DEFAULT-VALUE}; 0 shows all).")
    int top;

    @Option(names = "--sort", paramLabel = "COLUMN", defaultValue = "realCost", converter = SortKey.class,
            completionCandidates = SortKey.Candidates.class,
            description = "Sort by one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                + "Sizes sort largest first, names A to Z.")
    ProcessField sort;

    @Option(names = "--cgroup", paramLabel = "CGROUP",
            description = "Only processes in CGROUP or below (a path like /system.slice/foo.service, or a name).")
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
                + "saves and real cost.")
    GroupBy by;

    @Option(names = "--all", description = "Include kernel threads and zombies (they have no memory of their own).")
    boolean all;

    @Option(names = "--full", description = "Show command lines whole (default: cut; they can hold secrets).")
    boolean full;

    @Override
    public Integer call() {
        if (sort.fromPss() && !pss) {
            throw new ParameterException(common.commandLine(), "--sort " + sort + " needs --pss");
        }
        common.atLeastZero("--top", top);
        KernelFs fs = common.kernelFs();
        Warnings warnings = new Warnings();
        String cgroupPath = cgroup == null ? null : cgroupPath(fs, warnings);
        PsReport report;
        try {
            report = ProcessModel.report(PsCollector.collect(fs, new PsSample.Options(pss, pssMaxRss, all, user,
                    cgroupPath), warnings));
        } catch (PsCollector.UnknownUser e) {
            throw new ParameterException(common.commandLine(), "--user: " + e.getMessage());
        }
        PrintWriter out = common.commandLine().getOut();
        List<PsProcess> processes = new ArrayList<>(report.processes());
        processes.sort(ProcessModel.order(sort));
        List<PsGroup> groups = new ArrayList<>(by == null ? List.of() : ProcessModel.group(processes, by));
        groups.sort(ProcessModel.groupOrder(sort));

        if (common.json) {
            PsJson.write(out, ProcessModel.top(processes, top), ProcessModel.top(groups, top),
                    report.sharing(), full, report.notes(), warnings.lines());
        } else {
            xray.render.Style style = common.style();
            PsText text = new PsText(style, full);
            CommonOptions.print(out, by == null
                    ? text.processes(report, ProcessModel.top(processes, top), sort)
                    : text.groups(report, ProcessModel.top(groups, top), groups.size(), by, sort), style);
        }
        out.flush();
        common.printWarnings(common.commandLine().getErr(), warnings);
        return ExitCodes.OK;
    }

    /**
     * The path of the cgroup named by --cgroup, found as {@code xray mem CGROUP} finds it, from the
     * walk of the cgroup tree alone (no cgroup's files are read).
     */
    private String cgroupPath(KernelFs fs, Warnings warnings) {
        CgroupLayout layout = MemCollector.layout(fs, warnings);
        return CgroupLookup.find(CgroupTree.named(MemCollector.paths(fs, layout, warnings), layout), cgroup,
                common.commandLine()).path();
    }
}
