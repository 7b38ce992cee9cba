package xray.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import xray.render.Sanitize;

/**
 * Usage errors in xray's own words, one line each ({@code xray mem: unknown option '--jsn'; did
 * you mean '--json'? (xray mem --help lists them)}), instead of picocli's: an unknown command or
 * option with the closest one, a missing value, a value of the wrong kind, an argument too many,
 * an option of a command given before it. The lines xray's own checks make (a cgroup's closest
 * matches) pass through, made safe, as they are.
 */
final class Messages {
    private Messages() {
    }

    static String usage(ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        CommandSpec spec = cl.getCommandSpec();
        String who = spec.qualifiedName();
        String help = " (" + who + " --help lists them)";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            String shown = "'" + Sanitize.text(arg) + "'";
            if (spec.parent() == null && !arg.startsWith("-") && !spec.subcommands().isEmpty()) {
                return who + ": " + shown + " is not a command" + Words.didYouMean(arg, commands(spec))
                        + " (commands: " + String.join(", ", commands(spec)) + ")";
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (spec.parent() == null && !spec.subcommands().isEmpty()) {
                    String command = u.getUnmatched().stream().filter(a -> commands(spec).contains(a)).findFirst()
                            .orElse("mem");
                    return who + ": " + shown + " is not an option of xray" + Words.didYouMean(name, optionNames(spec))
                            + "; an option of a command goes after it (xray " + command + " " + Sanitize.text(arg)
                            + ")";
                }
                return who + ": unknown option '" + Sanitize.text(name) + "'" + Words.didYouMean(name, optionNames(spec))
                        + help;
            }
            return who + ": unexpected argument " + shown + (u.getUnmatched().size() > 1 ? " (and "
                    + (u.getUnmatched().size() - 1) + " more)" : "") + " (" + who + " --help shows what it takes)";
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            List<String> what = new ArrayList<>();
            m.getMissing().forEach(a -> what.add(a instanceof OptionSpec o ? o.longestName() + " " + o.paramLabel()
                    : a.paramLabel()));
            return who + ": " + String.join(", ", what) + (what.size() == 1 ? " needs a value" : " need values")
                    + " (" + who + " --help)";
        }
        String message = String.join("\n", ex.getMessage().lines().map(Sanitize::text).toList());
        // picocli's own wording of a value it could not convert: "Invalid value for option '--depth': 'x' is not an int"
        message = message.replaceFirst("^Invalid value for (option|positional parameter) '?([^':]+)'?: ", "$2: ")
                .replace(" is not an int", " is not a whole number").replace(" is not a long", " is not a whole number")
                .replace(" is not a double", " is not a number");
        int expected = message.indexOf("expected one of [");
        if (expected >= 0) {
            message = message.substring(0, expected) + "expected one of " + message.substring(expected + 17)
                    .replace("]", "").replace(" (case-sensitive)", "");
        }
        return who + ": " + message;
    }

    private static List<String> commands(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && !name.equals("help")) {
                out.add(name);
            }
        });
        return out;
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                out.addAll(List.of(o.names()));
            }
        }
        return out;
    }
}
