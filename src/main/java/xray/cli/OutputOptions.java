package xray.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import xray.render.JsonOut;
import xray.render.Sizes;
import xray.render.Style;

/**
 * Options of the commands that print tables of rows (mem, ps, jvm): the form of the output (table,
 * JSON, CSV, TSV), its header and legend, and the unit of sizes, as free(1) has them: {@code -h}
 * human units (the default; help is {@code --help}), {@code -b -k -m -g} one unit, {@code --si}
 * powers of 1000.
 */
public final class OutputOptions {
    /** What a command prints. */
    enum Form { TABLE, JSON, CSV, TSV }

    @Option(names = "--csv", description = "Print the rows as CSV: a header of field names, sizes in bytes.")
    boolean csv;

    @Option(names = "--tsv", description = "Print the rows as tab-separated values: a header of field names, sizes "
            + "in bytes.")
    boolean tsv;

    @Option(names = "--compact", description = "With --json: one line, even on a terminal (the default in a pipe).")
    boolean compact;

    @Option(names = "--pretty", description = "With --json: indented, even in a pipe (the default on a terminal).")
    boolean pretty;

    @Option(names = "--no-header", description = "Leave out the header line of tables, CSV and TSV.")
    boolean noHeader;

    @Option(names = "--no-legend", description = "Leave out the lines under a table that explain it.")
    boolean noLegend;

    @Option(names = {"-h", "--human"}, description = "Sizes in KiB, MiB, GiB (the default; --help is help).")
    boolean human;

    @Option(names = {"-b", "--bytes"}, description = "Sizes in bytes.")
    boolean bytes;

    @Option(names = {"-k", "--kibi"}, description = "Sizes in KiB (kB with --si), rounded down.")
    boolean kibi;

    @Option(names = {"-m", "--mebi"}, description = "Sizes in MiB (MB with --si), rounded down.")
    boolean mebi;

    @Option(names = {"-g", "--gibi"}, description = "Sizes in GiB (GB with --si), rounded down.")
    boolean gibi;

    @Option(names = "--si", description = "Powers of 1000 (kB, MB, GB) instead of 1024.")
    boolean si;

    /** The form asked for: one of --json, --csv, --tsv at most, else bad usage. */
    Form form(CommonOptions common) {
        int n = (common.json ? 1 : 0) + (csv ? 1 : 0) + (tsv ? 1 : 0);
        if (n > 1) {
            throw new ParameterException(common.commandLine(), "--json, --csv and --tsv each choose the output: give one");
        }
        if (compact && pretty) {
            throw new ParameterException(common.commandLine(), "--compact and --pretty contradict each other: give one");
        }
        return common.json ? Form.JSON : csv ? Form.CSV : tsv ? Form.TSV : Form.TABLE;
    }

    /** The style of the common options with these sizes, header and legend. */
    Style style(CommonOptions common) {
        int units = (human ? 1 : 0) + (bytes ? 1 : 0) + (kibi ? 1 : 0) + (mebi ? 1 : 0) + (gibi ? 1 : 0);
        if (units > 1) {
            throw new ParameterException(common.commandLine(), "-h, -b, -k, -m and -g each choose the unit of sizes: "
                    + "give one");
        }
        char unit = bytes ? 'b' : kibi ? 'k' : mebi ? 'm' : gibi ? 'g' : 'h';
        return common.style().sizes(Sizes.of(unit, si)).chrome(!noHeader, !noLegend);
    }

    /**
     * How JSON is written: indented on a terminal and one line in a pipe unless --pretty or --compact
     * says; with characters past ASCII escaped where the output has no Unicode.
     */
    JsonOut.Format json(CommonOptions common, Style style) {
        boolean indented = pretty || (!compact && common.context().terminal());
        return new JsonOut.Format(indented, !style.unicode());
    }
}
