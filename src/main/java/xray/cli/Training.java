package xray.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The training run for the class-data archive bin/xray builds once per jar and JDK (a CDS
 * archive on JDK 17, an AOT cache with method profiles on JDK 24+): every command's usual paths
 * and its error paths, with the output thrown away, so what they load is archived. Read-only,
 * like the commands themselves; it attaches to no JVM (an audit would load JMX, which a JDK 24+
 * cache would then load on every run). Output goes to a terminal-like sink with COLUMNS set, so
 * no terminal is asked for its size.
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
                new String[] {"jvm", "--json"},
                // error paths: one line and an exit code each
                new String[] {},
                new String[] {"mem", "--no-such-option"},
                new String[] {"mem", "--depth", "x"},
                new String[] {"mem", "no-such-cgroup.service"},
                new String[] {"mem", "--root", "/no/such/dir", "--json"},
                new String[] {"ps", "--user", "no-such-user-xray"},
                new String[] {"ps", "--sort", "pss"},
                new String[] {"jvm", "2147483647"},
                new String[] {"jvm", "--top", "0"});
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String[] run : runs) {
            Main.run(sink, sink, new Main.Context(true, Map.of("COLUMNS", "100", "LANG", "C.UTF-8")), run);
        }
    }
}
