package xray.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import xray.analysis.CgroupTree;
import xray.analysis.MemVerdicts;
import xray.analysis.Names;
import xray.analysis.ProcessModel;
import xray.collect.MemCollector;
import xray.collect.ProcessCollector;
import xray.collect.PsCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.Cgroup;
import xray.model.CgroupField;
import xray.model.CgroupSample;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.PsNote;
import xray.model.PsProcess;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.model.Sharing;
import xray.model.Verdict;
import xray.render.Csv;
import xray.render.MemJson;
import xray.render.MemText;
import xray.render.Style;

/** {@code xray mem [CGROUP]}: the host and its cgroups, or one cgroup in full. */
@Command(name = "mem", sortOptions = false, versionProvider = VersionProvider.class,
        header = "The host's memory and its cgroups: charged, real cost, cache and pressure.",
        description = {
            "The host's memory and its cgroups: what each one is charged, what it really costs, and how much is "
                + "cache the kernel keeps only because nothing else wants the RAM, with memory pressure (PSI) as the "
                + "evidence of whether that cache is needed.",
            "",
            "Real cost: anon + shmem + unreclaimable kernel memory + socket buffers (+ pinned file pages): what "
                + "cannot be given back without swap or a kill. Hot cache: active file pages, used recently; "
                + "reclaimable, but refaults would cost I/O. Cold cache: the rest of what is charged, kept only "
                + "because nothing else wants the RAM.",
            "",
            "With CGROUP: every number for it, its children, its processes and the verdict. CGROUP is its path "
                + "(/system.slice/foo.service, or without the leading slash), its name (foo.service, or foo when "
                + "that is unique), 6 or more hex digits of a container's or pod's id (3f4e2a, or docker 3f4e2a), "
                + "or a name as a table cut it (a87dd6…d28ba56d). A name that matches several exits 2 with the "
                + "list; one that matches none, with the closest three.",
            "",
            "The tree sorts each level by --sort (default: current), shows --depth levels, and folds children "
                + "under 1%% of the top into one line unless --all. A cgroup with an OOM kill, a limit within 10%% or "
                + "memory pressure is always shown, whatever its size or depth. On a narrow terminal the names keep "
                + "their room and columns are left out, lowest first: KERNEL, PROCS, OOM, PEAK, PSI10, LIMIT, FILE, "
                + "ANON; a column with an OOM kill, a limit within 10%% or pressure in it stays longer, and one line "
                + "under the table says what was left out."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.OK_HELP,
            ExitCodes.UNREADABLE_HELP,
            "2:bad usage (unknown option; a CGROUP that matches no cgroup, or several)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray mem                          the host and its cgroups",
            "  xray mem --brief --no-legend      the tree alone (watch -n2 xray mem ...)",
            "  xray mem --flat --sort realcost --top 10   leaves by real cost",
            "  xray mem foo                      foo.service in full",
            "  xray mem docker 3f4e2a            a container by its id",
            "  xray mem --root /srv/snap         a snapshot of another host",
            "  xray mem --csv -o path,realcost,current > cgroups.csv",
            "  xray mem --json | jq '.cgroups[] | select(.realCost > 1e9)'"})
final class MemCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..2", paramLabel = "CGROUP", description = "One cgroup to show in full (a path, a name, an "
            + "id prefix; 'docker ID' may be two words).")
    List<String> cgroup;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "3",
            description = "Levels of the tree to show (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--all", description = "Show every cgroup (default: those under 1%% of the top are folded into one line).")
    boolean all;

    @Option(names = "--flat", description = "List the leaf cgroups (those without children) by the sort key, with their "
            + "paths, instead of the tree (systemd-cgtop's view).")
    boolean flat;

    @Option(names = {"-s", "--sort"}, paramLabel = "KEY", defaultValue = "current", converter = SortKey.Cgroup.class,
            completionCandidates = SortKey.CgroupKeys.class,
            description = "Sort each level (or, with --flat, the list) by KEY: ${COMPLETION-CANDIDATES}, or a column's "
                + "title (\"REAL COST\", real-cost); sizes largest first, names A to Z (default: ${DEFAULT-VALUE}).")
    CgroupField sort;

    @Option(names = {"-r", "--reverse"}, description = "Reverse the order: smallest first, names Z to A.")
    boolean reverse;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "At most N children per cgroup (with --flat: N rows), besides those with an OOM kill, a limit "
                + "within 10%% or pressure; the rest are folded into one line (default: ${DEFAULT-VALUE}, all).")
    int top;

    @Option(names = {"-o", "--fields"}, paramLabel = "LIST", completionCandidates = SortKey.CgroupFields.class,
            description = "The columns to show after the name, comma-separated, in order: ${COMPLETION-CANDIDATES}. "
                + "With --csv or --tsv, the columns to print.")
    String fields;

    @Option(names = "--brief", description = "Leave out the host's summary: the tree alone.")
    boolean brief;

    @Option(names = "--pss", description = "Also show what sharing saves on the host, in its summary and in JSON (sum of RSS minus sum of PSS "
            + "over every process): reads each process's smaps_rollup, which walks its page tables; "
            + "off by default, as in xray ps.")
    boolean pss;

    @Override
    public Integer call() {
        common.atLeastZero("--depth", depth);
        common.atLeastZero("--top", top);
        OutputOptions.Form form = output.form(common);
        Style style = output.style(common);
        List<CgroupField> chosen = fields == null ? null : chosen();
        KernelFs fs = common.kernelFs();
        Warnings warnings = new Warnings();
        String asked = cgroup == null || cgroup.isEmpty() ? null : String.join(" ", cgroup);
        MemSample mem = MemCollector.collect(fs, warnings, asked != null);
        MemReport report = CgroupTree.report(mem);
        Sharing sharing = null;
        List<PsNote> sharingNotes = List.of();
        // Only the JSON host section and the table's host summary show what sharing saves: the page
        // walk is not made for CSV, --brief or one cgroup's table, which would not print it.
        if (pss && (form == OutputOptions.Form.JSON || form == OutputOptions.Form.TABLE && asked == null && !brief)) {
            PsReport ps = ProcessModel.report(PsCollector.collect(fs, mem.layout(),
                    new PsSample.Options(true, Size.PAGE_WALK_MAX_RSS_BYTES, false, null, null), warnings));
            sharing = ps.sharing();
            sharingNotes = ps.notes();
        }
        PrintWriter out = common.commandLine().getOut();
        PrintWriter err = common.commandLine().getErr();
        Comparator<Cgroup> order = CgroupTree.order(sort, reverse);

        List<Cgroup> shown = report.cgroups();
        Cgroup target = null;
        List<PsProcess> procs = null;
        List<Verdict> verdicts = null;
        if (asked != null) {
            String path = CgroupLookup.find(named(report.cgroups()), asked, common.commandLine()).path();
            shown = CgroupLookup.subtree(report.cgroups(), path);
            target = shown.get(0);
            List<CgroupSample> samples = new ArrayList<>(shown.size());
            for (Cgroup cg : shown) {
                samples.add(cg.sample());
            }
            procs = new ArrayList<>();
            Integer self = fs.isLive() ? ProcessCollector.ownEuid() : null;
            for (var p : PsCollector.members(fs, mem.layout(), samples, warnings)) {
                procs.add(ProcessModel.of(p, self));
            }
            procs.sort(ProcessModel.order(xray.model.ProcessField.realCost, false));
            verdicts = MemVerdicts.of(target, report.host().mglru());
        }

        switch (form) {
            case JSON -> {
                List<Cgroup> listed = MemText.listed(shown, MemText.View.every(order, top, flat));
                MemJson.write(out, output.json(common, style), common.origin(fs, report.host().identity().hostname()),
                        new MemJson.Content(report, sharing, listed, flat ? leaves(shown) : shown.size(), procs,
                                verdicts, warnings.lines()));
            }
            case CSV, TSV -> {
                out.print(Csv.table(form == OutputOptions.Form.TSV, style.header(), chosen != null ? chosen : CgroupField.CSV,
                        MemText.listed(shown, MemText.View.every(order, top, flat)), CgroupField::of));
            }
            case TABLE -> {
                MemText text = new MemText(style);
                StringBuilder b = new StringBuilder();
                if (target == null) {
                    if (!brief) {
                        b.append(text.host(report, sharing, sharingNotes)).append('\n');
                    }
                    b.append(text.tree(report, shown, new MemText.View(depth, all, order, top, flat, chosen)));
                } else {
                    b.append(text.detail(report, target, shown, procs, verdicts, order));
                }
                CommonOptions.print(out, b.toString(), style);
            }
        }
        out.flush();
        common.printWarnings(err, warnings);
        return ExitCodes.OK;
    }

    /** The fields -o names, for the table (the name is always first there) or for CSV. */
    private List<CgroupField> chosen() {
        return SortKey.fields(common.commandLine(), CgroupField.SELECTABLE, fields, "a field of xray mem");
    }

    private static int leaves(List<Cgroup> cgroups) {
        int n = 0;
        for (Cgroup cg : cgroups) {
            n += cg.leaf() ? 1 : 0;
        }
        return n;
    }

    /** The cgroups by path, name and kind, for finding the one asked for. */
    private static List<Names.Named> named(List<Cgroup> cgroups) {
        List<Names.Named> out = new ArrayList<>(cgroups.size());
        for (Cgroup cg : cgroups) {
            out.add(new Names.Named(cg.path(), cg.name(), cg.kind()));
        }
        return out;
    }
}
