package xray.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import xray.collect.HostCollector;
import xray.render.Sanitize;
import xray.render.Terminal;

/**
 * The {@code xray} command. {@link #run(PrintWriter, PrintWriter, String...)} is the one entry
 * tests call; {@link #main} adds the real terminal and exits with the code.
 */
@Command(name = "xray",
        subcommands = {MemCommand.class, PsCommand.class, JvmCommand.class, TopCommand.class, ServeCommand.class,
            CaptureCommand.class, CompleteCommand.class,
            CommandLine.HelpCommand.class},
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "An X-ray of memory on a Linux host, its cgroups and the JVMs running on it.",
        description = {
            "Every number is the kernel's own (named after its file and key) or a formula of the memory model, "
                + "explained: what each service really owns against the cache the kernel keeps for it, and the "
                + "memory pressure that says whether that cache is needed.",
            "",
            "Run 'xray COMMAND --help' for one command."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray mem                the host and its cgroups",
            "  xray mem foo            foo.service in full, with its verdict",
            "  xray ps --pss --by program",
            "  xray jvm                the JVMs; xray jvm PID audits one",
            "  xray top                the live view",
            "  xray serve              Prometheus metrics on 127.0.0.1:9750",
            "  xray capture            a bundle of this host for xray --root",
            "",
            "Options of a command go after its name (xray mem --json); --json, --root, --color, -v and -w given "
                + "before it are passed on to it. Each command has its man page (man xray-mem, man xray-ps, ...); "
                + "README.md, installed in PREFIX/share/doc/xray, has the JSON schemas and the memory model."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.OK_HELP,
            ExitCodes.UNREADABLE_HELP,
            ExitCodes.USAGE_HELP})
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** Whether stdout is a terminal, and the environment (NO_COLOR, COLUMNS, locale). */
    record Context(boolean terminal, Map<String, String> env) {
    }

    /** picocli's options for a short run, set before any CommandLine is made. */
    static final Map<String, String> PICOCLI_PROPERTIES = Map.of(
            // Its default factory looks for Groovy's Closure, searching every jar on the class path.
            "picocli.disable.closures", "true",
            // It registers converters for java.sql and java.time types by reflection, loading and
            // linking those packages, in every CommandLine. xray's options of such types have their own
            // converter (the build checks: CommandModelProcessor).
            "picocli.converters.excludes", "java\\.(sql|time)\\..*");

    static {
        for (Map.Entry<String, String> p : PICOCLI_PROPERTIES.entrySet()) {
            if (System.getProperty(p.getKey()) == null) {
                System.setProperty(p.getKey(), p.getValue());
            }
        }
    }

    final Context context;

    Main(Context context) {
        this.context = context;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("xray: a command is needed: " + String.join(", ", spec.subcommands().keySet().stream()
                .filter(n -> !spec.subcommands().get(n).getCommandSpec().usageMessage().hidden()
                        && !n.equals("help")).toList()) + ". Try 'xray --help' for more.");
        err.flush();
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        Charset cs = Terminal.outputCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The version needs no command model; building picocli's costs most of a short run.
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            exit(out, err, ExitCodes.OK);
        }
        int rc = run(out, err, new Context(Terminal.stdoutIsTerminal(), System.getenv()), args);
        exit(out, err, rc);
    }

    /**
     * Ends the process once everything is written. {@code Runtime.halt}, not {@code System.exit}:
     * from JDK 21 on, exit first sets up the platform logging to record the exit (some 300
     * classes, a fifth of a short run on JDK 25). What halt skips, shutdown hooks, xray does not
     * use: a command closes what it opens before it returns.
     */
    private static void exit(PrintWriter out, PrintWriter err, int rc) {
        out.flush();
        err.flush();
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(rc);
    }

    /** Runs xray with output that is not a terminal (no colour unless asked for, no width limit). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, new Context(false, System.getenv()), args);
    }

    /**
     * The whole command model, built by picocli from the annotations (reflection): what the man
     * pages, the completions and CommandModelTest read. Runs use {@link #commandLine(Context, String...)}.
     */
    static CommandLine annotated(Context context) {
        return new CommandLine(new Main(context));
    }

    /** The whole command model, as {@code --help} shows it, built without reflection. */
    static CommandLine commandLine(Context context) {
        return commandLine(context, new String[0]);
    }

    /**
     * The model a run needs, built without reflection by the code CommandModelProcessor writes
     * from the annotations (CommandModel): when the first argument names a command, only that
     * command's; otherwise (no command, --help, help) all of them.
     */
    static CommandLine commandLine(Context context, String... args) {
        Main main = new Main(context);
        CommandLine cl = new CommandLine(CommandModel.main(main));
        boolean one = args.length > 0 && !args[0].equals("help") && CommandModel.mainSubcommands.contains(args[0]);
        for (String name : one ? java.util.List.of(args[0]) : CommandModel.mainSubcommands) {
            cl.addSubcommand(name, CommandModel.mainSubcommand(name, main));
        }
        return cl;
    }

    static int run(PrintWriter out, PrintWriter err, Context context, String... args) {
        args = hoist(context, args);
        CommandLine cl = commandLine(context, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println(Messages.usage(ex));
            e.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter e = line.getErr();
            if (ex instanceof HostCollector.Unreadable) {
                e.println("xray: " + Sanitize.text(ex.getMessage()));
                e.flush();
                return ExitCodes.UNREADABLE;
            }
            if (verbose(parsed)) {
                ex.printStackTrace(e);
            } else {
                e.println("xray: internal error: " + Sanitize.text(String.valueOf(ex)) + " (run with -v for the stack trace)");
            }
            e.flush();
            return ExitCodes.UNREADABLE;
        });
        return cl.execute(args);
    }

    /**
     * Options given before the command ({@code xray --json mem}) moved after it ({@code xray mem
     * --json}), when every one of them is one the command shares with the others (--json, --root,
     * --color, -v, -w, the output options) and none is xray's own ({@code xray -h mem} is xray's
     * help, not mem's -h). Anything else is left as it is, for the usage error to explain.
     */
    static String[] hoist(Context context, String... args) {
        if (args.length < 2 || !args[0].startsWith("-") || args[0].equals("--")) {
            return args;
        }
        Main main = new Main(context);
        CommandLine.Model.CommandSpec xray = CommandModel.main(main);
        // Where the command is: options are read by mem's model (every reading command has the
        // shared ones), their values skipped; then checked against the command found.
        CommandLine.Model.CommandSpec mem = CommandModel.mainSubcommand("mem", main);
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("--")) {
            String name = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
            CommandLine.Model.OptionSpec o = mem.findOption(name);
            if (o == null || xray.findOption(name) != null) {
                return args;
            }
            names.add(name);
            i += !args[i].contains("=") && o.arity().max() > 0 && !(o.arity().min() == 0 && i + 1 < args.length
                    && CommandModel.mainSubcommands.contains(args[i + 1])) ? 2 : 1;
        }
        if (i == 0 || i >= args.length || !CommandModel.mainSubcommands.contains(args[i])) {
            return args;
        }
        CommandLine.Model.CommandSpec command = args[i].equals("mem") ? mem : CommandModel.mainSubcommand(args[i], main);
        for (String name : names) {
            CommandLine.Model.OptionSpec o = command.findOption(name);
            if (o == null || !shared(command, o)) {
                return args;
            }
        }
        String[] out = new String[args.length];
        out[0] = args[i];
        System.arraycopy(args, 0, out, 1, i);
        System.arraycopy(args, i + 1, out, i + 1, args.length - i - 1);
        return out;
    }

    /**
     * An option every reading command has, which may come before the command's name: one of
     * {@link CommonOptions} or {@link OutputOptions}, the mixins (not one of the command's own).
     */
    static boolean shared(CommandLine.Model.CommandSpec command, CommandLine.Model.OptionSpec o) {
        for (var mixin : command.mixins().entrySet()) {
            if (!mixin.getKey().equals("mixinStandardHelpOptions") && mixin.getValue().findOption(o.longestName()) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }
}
