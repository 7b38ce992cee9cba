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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import xray.analysis.ProcessModel;
import xray.analysis.Verdicts;
import xray.collect.PsReport;
import xray.model.Sharing;
import xray.collect.MemReport;
import xray.collect.ProcessCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.Cgroup;
import xray.model.CgroupProcess;
import xray.model.ProcStatus;
import xray.render.MemJson;
import xray.render.MemText;

/** {@code xray mem [CGROUP]}: the host and its cgroups, or one cgroup in full. */
@Command(name = "mem",
        header = "The host's memory and its cgroups: charged, real cost, cache and pressure.",
        description = {
            "The host's memory and its cgroups: what each one is charged, what it really costs (anon, shmem, "
                + "unreclaimable kernel memory), and how much is cache the kernel keeps only because nothing else "
                + "wants the RAM, with memory pressure (PSI) as the evidence.",
            "",
            "With CGROUP (a path like /system.slice/foo.service, or a name like foo.service): every number for it, "
                + "its children, its processes and the verdict."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:could not read the system (or the snapshot under --root)",
            "2:bad usage (unknown option, unknown cgroup)"},
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
            "JSON: schema xray.mem/v1, described in README.md."},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class MemCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "CGROUP", description = "One cgroup to show in full.")
    String cgroup;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "3",
            description = "Levels of the tree to show (default: ${DEFAULT-VALUE}).")
    int depth;

    /** The same limit as xray ps --pss-max-rss's default: bigger processes are not walked. */
    private static final long PS_PSS_MAX_RSS = 64L << 30;

    @Option(names = "--pss", description = "Also show what sharing saves on the host (sum of RSS minus sum of PSS "
            + "over every process): reads each process's smaps_rollup, which walks its page tables; "
            + "off by default, as in xray ps.")
    boolean pss;

    @Option(names = "--all", description = "Show every cgroup (default: those under 1%% of the top are folded into one line).")
    boolean all;

    @Override
    public Integer call() {
        if (depth < 0) {
            throw new ParameterException(spec.commandLine(), "--depth must be 0 or more, not " + depth);
        }
        KernelFs fs = common.kernelFs();
        Warnings warnings = new Warnings();
        MemReport report = MemReport.collect(fs, warnings, cgroup != null);
        Sharing sharing = null;
        List<String> sharingNotes = List.of();
        if (pss) {
            PsReport ps = PsReport.collect(fs, new PsReport.Options(true, PS_PSS_MAX_RSS, false, null, null), warnings);
            sharing = ProcessModel.sharing(ps.processes(), ps.ksm());
            sharingNotes = ps.notes();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        List<Cgroup> shown = report.cgroups();
        Cgroup target = null;
        List<CgroupProcess> procs = null;
        List<String> verdicts = null;
        if (cgroup != null) {
            target = CgroupLookup.find(report.cgroups(), cgroup, spec.commandLine());
            shown = CgroupLookup.subtree(report.cgroups(), target);
            procs = processes(fs, shown, warnings);
            verdicts = Verdicts.of(target, report.host());
        }

        if (common.json) {
            MemJson.write(out, report, sharing, shown, procs, verdicts, warnings.lines());
        } else {
            xray.render.Style style = common.style(main.context);
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

    private static List<CgroupProcess> processes(KernelFs fs, List<Cgroup> subtree, Warnings warnings) {
        ProcessCollector pc = new ProcessCollector(fs, warnings);
        Integer self = ProcessCollector.self(fs);
        List<CgroupProcess> out = new ArrayList<>();
        for (Cgroup cg : subtree) {
            if (cg.sample().procs() == null) {
                continue;
            }
            for (int pid : cg.sample().procs()) {
                ProcStatus s = Integer.valueOf(pid).equals(self) ? null : pc.status(pid);
                if (s != null) {
                    out.add(new CgroupProcess(cg.path(), s));
                }
            }
        }
        out.sort(Comparator.comparingInt(p -> p.status().pid()));
        return out;
    }
}
