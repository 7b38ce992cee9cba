package xray.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import xray.collect.HostCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.Origin;
import xray.render.Sanitize;
import xray.render.Style;
import xray.render.Terminal;
import xray.render.Terminal.ColorMode;

/** Options every command has: --json, --root, --color, -v, -w, --help, -V. */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR|FILE",
            description = "Read /proc and /sys under DIR as if DIR were / (a snapshot of another host), or from FILE, "
                + "a bundle that xray capture wrote (read as it is, without unpacking).")
    Path root;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", arity = "0..1", fallbackValue = "always",
            description = "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; --color alone: always; "
                + "NO_COLOR turns auto off).")
    ColorMode color;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors, and how many "
            + "processes and cgroups vanished during the scan.")
    boolean verbose;

    @Option(names = {"-w", "--wide"}, description = "Show every table cell whole (names, paths) and every column, "
            + "even past the terminal's width.")
    boolean wide;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    KernelFs kernelFs() {
        return kernelFs(root, mixee.commandLine());
    }

    /**
     * The root to read: the live host, a directory laid out like "/", or a capture bundle (a
     * tar.gz, read into memory; only then are the bundle reader and its in-memory file system
     * loaded). What the bundle reader passed over is said on stderr, one line each.
     */
    static KernelFs kernelFs(Path root, picocli.CommandLine cl) {
        if (root == null) {
            return KernelFs.live();
        }
        if (!root.toString().isEmpty() && Files.isDirectory(root)) {
            return KernelFs.at(root.toAbsolutePath());
        }
        if (root.toString().isEmpty() || !Files.isRegularFile(root)) {
            throw new ParameterException(cl, "--root '" + root + "': no such directory or file");
        }
        return Bundles.open(root, cl);
    }

    /** The command line of the command these options belong to: its out and err, and usage errors. */
    picocli.CommandLine commandLine() {
        return mixee.commandLine();
    }

    /** A count an option takes: 0 or more, else bad usage (exit 2). */
    void atLeastZero(String option, int value) {
        if (value < 0) {
            throw new ParameterException(commandLine(), option + " must be 0 or more, not " + value);
        }
    }

    /** Whether stdout is a terminal, and the environment: Main's, which every command runs under. */
    Main.Context context() {
        return ((Main) mixee.root().userObject()).context;
    }

    /** How to draw: on a real terminal (width, colour) or not, as Main's context says; --wide lifts every width. */
    Style style() {
        Main.Context context = context();
        Style s = Terminal.style(context.terminal(), color, context.env());
        return wide ? s.widened() : s;
    }

    /** The header of a JSON document about the host under {@code fs}: its name, now, this xray. */
    Origin origin(KernelFs fs, String hostname) {
        return new Origin(hostname != null ? hostname : HostCollector.hostname(fs), System.currentTimeMillis(),
                VersionProvider.version());
    }

    /** Text output made safe as a whole (see {@link Sanitize#output}), in ASCII when the output has no Unicode, and printed. */
    static void print(PrintWriter out, String text, Style style) {
        String safe = Sanitize.output(text, style.color());
        out.print(style.unicode() ? safe : Sanitize.ascii(safe));
    }

    /**
     * The warnings, one line each with control characters made visible; then at most one line for
     * what could not be read for want of permission; with -v, how many processes and cgroups
     * vanished mid-scan (a normal race, silent otherwise).
     */
    void printWarnings(PrintWriter err, Warnings warnings) {
        printWarnings(err, warnings, verbose);
    }

    /** The warnings, one line each, then their summaries ({@link #printSummaries}). */
    static void printWarnings(PrintWriter err, Warnings warnings, boolean verbose) {
        for (String w : warnings.lines()) {
            err.println("xray: warning: " + Sanitize.text(w));
        }
        printSummaries(err, warnings, verbose);
    }

    /** The lines under the warnings: the files not permitted, in one line; with -v, what vanished meanwhile. */
    static void printSummaries(PrintWriter err, Warnings warnings, boolean verbose) {
        String denied = warnings.deniedSummary();
        if (denied != null) {
            err.println("xray: " + Sanitize.text(denied));
        }
        String gone = warnings.goneSummary();
        if (verbose && gone != null) {
            err.println("xray: " + gone);
        }
        err.flush();
    }
}
