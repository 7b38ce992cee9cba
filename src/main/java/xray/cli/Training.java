package xray.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The training run for the class-data archive bin/xray builds once per jar and JDK: every
 * command's usual path, with the output thrown away, so the classes they load are archived.
 * Read-only, like the commands themselves.
 */
final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        List<String[]> runs = List.of(
                new String[] {"--version"},
                new String[] {"--help"},
                new String[] {"mem", "--help"},
                new String[] {"mem", "--json"},
                new String[] {"mem", "--color=always"},
                new String[] {"mem", "/"},
                new String[] {"ps", "--help"},
                new String[] {"ps"},
                new String[] {"ps", "--pss", "--json"},
                new String[] {"ps", "--pss", "--by", "program"},
                new String[] {"jvm", "--help"},
                new String[] {"jvm"},
                new String[] {"jvm", "--json"});
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String[] run : runs) {
            Main.run(sink, sink, new Main.Context(true, Map.of("COLUMNS", "100", "LANG", "C.UTF-8")), run);
        }
    }
}
