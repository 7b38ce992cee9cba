package xray.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run for the class-data archives bin/xray makes once per jar and JDK: a command's
 * usual paths and its error paths, with the output thrown away, so what they load is archived.
 * {@code Training mem} trains {@code xray mem} only (and {@code ps}, {@code jvm}; {@code xray}:
 * help, no command, completion); {@code Training mem-json} trains {@code xray mem --json} alone,
 * with no other argument (and {@code ps-json}, {@code jvm-json}), {@code Training mem-plain} the
 * command alone, {@code xray mem} (and {@code ps-plain}, {@code jvm-plain}); no argument trains
 * them all.
 *
 * <p>Why per command: a JDK 24+ AOT cache loads every class it holds when the JVM starts, so a
 * cache holding what {@code ps} and {@code jvm} need makes {@code mem} slower (bin/xray keeps one
 * per command there). The same holds within a command: a cache that also holds the table, the
 * help and the error paths (some 340 classes more) made {@code mem --json}, the run scripts repeat
 * every few seconds, 9.5 ms slower on JDK 25 (83.3 against 73.8 ms, 21 rounds), so bin/xray gives
 * exactly {@code xray mem --json} (and {@code ps --json}, {@code jvm --json}) a cache of its own,
 * and the command alone, what a person types most (the {@code xray mem} table: 105.5 against 89.6
 * ms; the {@code xray jvm} list: 108.2 against 100.5 ms, 21 rounds, piped).
 * Not every run with --json: {@code mem / --json} took 174 ms with that cache against 127 ms with
 * the command's (the drill-down's 200 classes loaded from the jar). A JDK 17 CDS archive loads a
 * class only when it is used, so one archive trained on everything serves all commands.
 *
 * <p>Read-only, like the commands themselves; it attaches to no JVM (an audit would load JMX, which
 * a cache would then load on every run). Output goes to /dev/null through the writer and encoder a
 * real run writes with (so their classes are archived too), as if to a terminal with COLUMNS set,
 * so no terminal is asked for its size.
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
        m.put("mem-json", List.<String[]>of(new String[] {"mem", "--json"}));
        m.put("mem-plain", List.<String[]>of(new String[] {"mem"}));
        m.put("ps", List.of(
                new String[] {"ps", "--help"},
                new String[] {"ps"},
                new String[] {"ps", "--json"},
                new String[] {"ps", "--pss", "--json"},
                new String[] {"ps", "--pss", "--by", "program"},
                new String[] {"ps", "--user", "no-such-user-xray"},
                new String[] {"ps", "--sort", "pss"}));
        m.put("ps-json", List.<String[]>of(new String[] {"ps", "--json"}));
        m.put("ps-plain", List.<String[]>of(new String[] {"ps"}));
        m.put("jvm", List.of(
                new String[] {"jvm", "--help"},
                new String[] {"jvm"},
                new String[] {"jvm", "--json"},
                new String[] {"jvm", "2147483647"},
                new String[] {"jvm", "--top", "0"}));
        m.put("jvm-json", List.<String[]>of(new String[] {"jvm", "--json"}));
        m.put("jvm-plain", List.<String[]>of(new String[] {"jvm"}));
        return m;
    }

    public static void main(String[] args) throws IOException {
        List<String> commands = args.length == 0 ? List.copyOf(RUNS.keySet()) : List.of(args);
        PrintWriter sink = new PrintWriter(new OutputStreamWriter(new FileOutputStream("/dev/null"),
                xray.render.Terminal.outputCharset()), true);
        for (String command : commands) {
            List<String[]> runs = RUNS.get(command);
            if (runs == null) {
                throw new IllegalArgumentException("no training for " + command + "; known: " + RUNS.keySet());
            }
            // the -json runs as scripts make them, into a pipe; the -plain ones (the command alone)
            // on a terminal and into a pipe; the others as on a terminal
            for (boolean terminal : command.endsWith("-json") ? List.of(false)
                    : command.endsWith("-plain") ? List.of(true, false) : List.of(true)) {
                Main.Context context = new Main.Context(terminal, Map.of("COLUMNS", "100", "LANG", "C.UTF-8"));
                for (String[] run : runs) {
                    Main.run(sink, sink, context, run);
                }
            }
        }
    }
}
