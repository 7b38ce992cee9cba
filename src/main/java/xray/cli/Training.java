package xray.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run for the class-data archives bin/xray makes once per jar and JDK: a command's
 * usual paths and its error paths, with the output thrown away, so what they load is archived.
 * {@code Training mem} trains {@code xray mem} only (and {@code ps}, {@code jvm}; {@code xray}:
 * help, no command, completion); no argument trains them all.
 *
 * <p>Why per command: a JDK 24+ AOT cache loads every class it holds when the JVM starts, so a
 * cache holding what {@code ps} and {@code jvm} need makes {@code mem} slower (bin/xray keeps one
 * per command there). A JDK 17 CDS archive loads a class only when it is used, so one archive
 * trained on everything serves all commands.
 *
 * <p>Read-only, like the commands themselves; it attaches to no JVM (an audit would load JMX, which
 * a cache would then load on every run). Output goes to a terminal-like sink with COLUMNS set, so
 * no terminal is asked for its size.
 */
final class Training {
    private Training() {
    }

    /** The runs of each command, usual paths first, then error paths (one line and an exit code each). */
    static final Map<String, List<String[]>> RUNS = runs();

    private static Map<String, List<String[]>> runs() {
        Map<String, List<String[]>> m = new LinkedHashMap<>();
        m.put("xray", List.of(
                new String[] {"--version"},
                new String[] {"--help"},
                new String[] {"help", "mem"},
                new String[] {"complete", "cgroups"},
                new String[] {"complete", "jvms"},
                new String[] {},
                new String[] {"--no-such-option"},
                new String[] {"no-such-command"}));
        m.put("mem", List.of(
                new String[] {"mem", "--help"},
                new String[] {"mem", "--json"},
                new String[] {"mem", "--color=always"},
                new String[] {"mem", "/"},
                new String[] {"mem", "--no-such-option"},
                new String[] {"mem", "--depth", "x"},
                new String[] {"mem", "no-such-cgroup.service"},
                new String[] {"mem", "--root", "/no/such/dir", "--json"}));
        m.put("ps", List.of(
                new String[] {"ps", "--help"},
                new String[] {"ps"},
                new String[] {"ps", "--json"},
                new String[] {"ps", "--pss", "--json"},
                new String[] {"ps", "--pss", "--by", "program"},
                new String[] {"ps", "--user", "no-such-user-xray"},
                new String[] {"ps", "--sort", "pss"}));
        m.put("jvm", List.of(
                new String[] {"jvm", "--help"},
                new String[] {"jvm"},
                new String[] {"jvm", "--json"},
                new String[] {"jvm", "2147483647"},
                new String[] {"jvm", "--top", "0"}));
        return m;
    }

    public static void main(String[] args) {
        List<String[]> runs = new ArrayList<>();
        if (args.length == 0) {
            RUNS.values().forEach(runs::addAll);
        } else {
            for (String command : args) {
                List<String[]> some = RUNS.get(command);
                if (some == null) {
                    throw new IllegalArgumentException("no training for " + command + "; known: " + RUNS.keySet());
                }
                runs.addAll(some);
            }
        }
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String[] run : runs) {
            Main.run(sink, sink, new Main.Context(true, Map.of("COLUMNS", "100", "LANG", "C.UTF-8")), run);
        }
    }
}
