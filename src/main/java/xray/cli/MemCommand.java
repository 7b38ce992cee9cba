package xray.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
import xray.model.CgroupProcess;
import xray.model.CgroupSample;
import xray.model.MemReport;
import xray.model.PsNote;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.model.Sharing;
import xray.model.Verdict;
import xray.render.MemJson;
import xray.render.MemText;

/** {@code xray mem [CGROUP]}: the host and its cgroups, or one cgroup in full. */
@Command(name = "mem", sortOptions = false, mixinStandardHelpOptions = true,
        header = "The host's memory and its cgroups: charged, real cost, cache and pressure.",
        description = {
            "The host's memory and its cgroups: what each one is charged, what it really costs (anon, shmem, "
                + "unreclaimable kernel memory), and how much is cache the kernel keeps only because nothing else "
                + "wants the RAM, with memory pressure (PSI) as the evidence.",
            "",
            "With CGROUP (a path like /system.slice/foo.service, or a name like foo.service): every number for it, "
                + "its children, its processes and the verdict."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.OK_HELP,
            ExitCodes.UNREADABLE_HELP,
            ExitCodes.USAGE_HELP},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray mem                      the host and its cgroups",
            "  xray mem --all --depth 6      every cgroup, nothing folded",
            "  xray mem foo.service          one cgroup in full",
            "  xray mem --root /srv/snap     a snapshot of another host",
            "  xray mem --json | jq '.cgroups[] | select(.realCost > 1e9)'",
            "",
            "Files read (under --root):",
            "  /proc/meminfo, /proc/pressure/memory, /proc/self/mountinfo,",
            "  /proc/PID/status; per cgroup on v2: memory.current, .peak,",
            "  .max, .high, .swap.current, .stat, .events, .pressure and",
            "  cgroup.procs; on v1: memory.usage_in_bytes,",
            "  .max_usage_in_bytes, .limit_in_bytes, .soft_limit_in_bytes,",
            "  .kmem.usage_in_bytes, .stat, .oom_control and cgroup.procs.",
            "",
            "Root: not needed; every file read is world-readable. With --pss,",
            "  other users' processes need root (one line says how many were",
            "  left out of the sharing).",
            "",
            "JSON: schema xray.mem/v2, described in README.md."})
final class MemCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "CGROUP", description = "One cgroup to show in full.")
    String cgroup;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "3",
            description = "Levels of the tree to show (default: ${DEFAULT-VALUE}).")
    int depth;


    @Option(names = "--pss", description = "Also show what sharing saves on the host (sum of RSS minus sum of PSS "
            + "over every process): reads each process's smaps_rollup, which walks its page tables; "
            + "off by default, as in xray ps.")
    boolean pss;

    @Option(names = "--all", description = "Show every cgroup (default: those under 1%% of the top are folded into one line).")
    boolean all;

    @Override
    public Integer call() {
        common.atLeastZero("--depth", depth);
        KernelFs fs = common.kernelFs();
        Warnings warnings = new Warnings();
        MemReport report = CgroupTree.report(MemCollector.collect(fs, warnings, cgroup != null));
        Sharing sharing = null;
        List<PsNote> sharingNotes = List.of();
        if (pss) {
            PsReport ps = ProcessModel.report(PsCollector.collect(fs,
                    new PsSample.Options(true, new Size().convert(Size.PAGE_WALK_MAX_RSS), false, null, null), warnings));
            sharing = ps.sharing();
            sharingNotes = ps.notes();
        }
        PrintWriter out = common.commandLine().getOut();
        PrintWriter err = common.commandLine().getErr();

        List<Cgroup> shown = report.cgroups();
        Cgroup target = null;
        List<CgroupProcess> procs = null;
        List<Verdict> verdicts = null;
        if (cgroup != null) {
            String path = CgroupLookup.find(named(report.cgroups()), cgroup, common.commandLine()).path();
            shown = CgroupLookup.subtree(report.cgroups(), path);
            target = shown.get(0);
            List<CgroupSample> samples = new ArrayList<>(shown.size());
            for (Cgroup cg : shown) {
                samples.add(cg.sample());
            }
            procs = new ProcessCollector(fs, warnings).members(samples);
            verdicts = MemVerdicts.of(target, report.host().mglru());
        }

        if (common.json) {
            MemJson.write(out, report, sharing, shown, procs, verdicts, warnings.lines());
        } else {
            xray.render.Style style = common.style();
            MemText text = new MemText(style);
            StringBuilder b = new StringBuilder();
            if (target == null) {
                b.append(text.host(report, sharing, sharingNotes)).append('\n')
                        .append(text.tree(report, shown, depth, all));
            } else {
                b.append(text.detail(report, target, shown, procs, verdicts));
            }
            CommonOptions.print(out, b.toString(), style);
        }
        out.flush();
        common.printWarnings(err, warnings);
        return ExitCodes.OK;
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
