package xray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import xray.collect.TopSampler;
import xray.collect.Warnings;
import xray.model.TopFrame;
import xray.render.Spark;
import xray.render.Style;
import xray.render.Terminal;
import xray.render.TopJson;
import xray.render.TopScreen;
import xray.render.TopText;
import xray.render.TopView;

/** {@code xray top}: the live view of the host's cgroups, with rates and the evidence about their cache. */
@Command(name = "top", sortOptions = false, versionProvider = VersionProvider.class,
        header = "The live view: cgroups by real cost, with rates, refaults and whether their cache is needed.",
        description = {
            "A full-screen view of the host's memory cgroups, read again every -d seconds in one process: real "
                + "cost, anon, page cache (hot and cold), kernel memory, the limit and its use, memory pressure and "
                + "OOM kills since the start, and over each interval the change of real cost per second and the "
                + "refaults per second: pages read back in soon after they were evicted, the direct evidence that "
                + "evicted cache was needed. With pressure, they say per cgroup whether its cache is needed.",
            "",
            "Keys: s and S cycle the sort key and reverse it; arrows, PgUp and PgDn move; Enter shows a cgroup's "
                + "processes and Esc goes back; t switches between tree and flat; p lists every process; j the "
                + "JVMs, from their perf data (heap, GC time), without attaching; / filters by name; space pauses; "
                + "q or Ctrl-C quits.",
            "",
            "-b prints frames as plain text instead (top -b for xray), --json one JSON document per frame and "
                + "line. With --root, one frame of the snapshot, without rates."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.OK_HELP,
            ExitCodes.UNREADABLE_HELP,
            "2:bad usage (unknown option, a delay under 0.5 s, no terminal without -b)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray top                            the live view",
            "  xray top -d 5 --sort refaultsPerSecond",
            "  xray top -b -n 3 -d 2               three frames as text",
            "  xray top --json -n 0 > top.ndjson   a frame per line until killed",
            "  xray top --root /srv/snap           one frame of a snapshot",
            "",
            "Files read (under --root), every frame: /proc/meminfo,",
            "  /proc/pressure/memory, /proc/vmstat; per cgroup the files of",
            "  xray mem (memory.stat with workingset_refault_file and _anon);",
            "  for the process views /proc/PID/status, for the JVM view",
            "  /proc/PID/root/tmp/hsperfdata_USER/PID. A cgroup directory is",
            "  listed again only when its link count or inode changed.",
            "",
            "JSON: schema xray.top/v2, one frame per line, described in README.md."})
final class TopCommand implements Callable<Integer> {
    /** The shortest delay: below it reading the tree would be most of what xray top does. */
    static final double MIN_DELAY = 0.5;

    @Mixin
    CommonOptions common;

    @Option(names = {"-d", "--delay"}, paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between frames, 0.5 or more (default: ${DEFAULT-VALUE}).")
    double delay;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N", defaultValue = "0",
            description = "With -b or --json: stop after N frames (default: ${DEFAULT-VALUE}, until killed).")
    int iterations;

    @Option(names = {"-b", "--batch"}, description = "Print frames as plain text, one after the other, "
            + "instead of the full-screen view.")
    boolean batch;

    @Option(names = {"-s", "--sort"}, paramLabel = "KEY", defaultValue = "realCost", converter = SortKey.Top.class,
            completionCandidates = SortKey.TopKeys.class,
            description = "Sort cgroups by one of: ${COMPLETION-CANDIDATES}, or a column's title (\"REAL COST\", "
                + "psi10); largest first (default: ${DEFAULT-VALUE}).")
    TopView.Sort sort;

    @Option(names = {"-r", "--reverse"}, description = "Reverse the order: smallest first.")
    boolean reverse;

    @Option(names = "--flat", description = "List cgroups flat, by path, instead of as a tree.")
    boolean flat;

    @Override
    public Integer call() throws IOException {
        if (!(delay >= MIN_DELAY) || delay > 86_400) {
            throw new ParameterException(common.commandLine(), "-d must be between " + MIN_DELAY + " and 86400 seconds, not "
                    + delay);
        }
        common.atLeastZero("-n", iterations);
        boolean interactive = !batch && !common.json;
        if (interactive && !common.context().terminal()) {
            throw new ParameterException(common.commandLine(),
                    "the full-screen view needs a terminal; use -b for text frames or --json");
        }
        Warnings warnings = new Warnings();
        TopFrames frames = new TopFrames(new TopSampler(common.kernelFs(), warnings));
        TopView view = new TopView().tree(!flat).sort(sort).reverse(reverse);
        if (interactive) {
            new TopScreen(frames, Terminal.screen(common.color, common.context().env()), view, delay).run();
            common.printWarnings(common.commandLine().getErr(), warnings);
            return ExitCodes.OK;
        }
        return batch(frames, view, warnings);
    }

    /** Frames one after the other on stdout, every -d seconds, until -n of them or the reader goes away. */
    private int batch(TopFrames frames, TopView view, Warnings warnings) {
        PrintWriter out = common.commandLine().getOut();
        PrintWriter err = common.commandLine().getErr();
        Style style = common.style();
        TopText text = new TopText(style);
        Spark spark = new Spark(delay);
        long period = (long) (delay * 1e9);
        long next = System.nanoTime();
        int printed = 0;
        for (int n = 1; ; n++) {
            TopFrame f = frames.frame();
            spark.add(f.hasRates() ? f.host().pressureSomePercent() : null);
            List<String> lines = warnings.lines();
            if (common.json) {
                TopJson.write(out, f, VersionProvider.version(), lines);
            } else {
                CommonOptions.print(out, text.batch(f, frames.layout(), frames.live() ? spark : null, view), style);
                out.flush();
                for (; printed < lines.size(); printed++) {
                    err.println("xray: warning: " + xray.render.Sanitize.text(lines.get(printed)));
                }
                err.flush();
            }
            if (out.checkError()) {
                return ExitCodes.OK; // the reader went away (xray top -b | head)
            }
            if (!frames.live() || (iterations > 0 && n >= iterations)) {
                break;
            }
            next += period;
            long now = System.nanoTime();
            if (next < now) {
                next = now; // a reading slower than the delay: the next frame at once, no catch-up burst
            }
            try {
                Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!common.json) {
            CommonOptions.printSummaries(err, warnings, common.verbose); // the warnings went out with their frames
        }
        return ExitCodes.OK;
    }
}
