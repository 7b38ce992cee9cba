package xray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Generates the man pages (man/) and shell completions (completions/) from the command model,
 * so they cannot drift from the commands: DocsTest regenerates them into target/ and compares.
 * Man pages go AsciiDoc (picocli's ManPageGenerator) → troff (asciidoctor -b manpage).
 */
final class Docs {
    /** Positional parameters whose words depend on the host: `xray complete WHAT` prints them. */
    static final Map<String, String> DYNAMIC = Map.of("mem", "cgroups", "jvm", "jvms");

    private Docs() {
    }

    static CommandLine model() {
        return Main.annotated(new Main.Context(false, Map.of()));
    }

    /** The documented commands: xray and its subcommands that are neither hidden nor `help`. */
    static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> out = new LinkedHashMap<>();
        CommandLine top = model();
        out.put("xray", top.getCommandSpec());
        top.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && !name.equals("help")) {
                out.put("xray-" + name, sub.getCommandSpec());
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- man pages

    /** man/NAME.1 for every documented command; needs asciidoctor on the PATH. */
    static Map<String, String> manPages(Path work) {
        Map<String, String> pages = new LinkedHashMap<>();
        commands().forEach((name, spec) -> pages.put("man/" + name + ".1", troff(work, name, adoc(spec))));
        return pages;
    }

    static String adoc(CommandSpec spec) {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            ManPageGenerator.writeSingleManPage(pw, spec);
        }
        return sw.toString()
                .replace(":manmanual: Xray Manual", ":manmanual: xray manual")
                // The version line holds the commit and build time: it would change every build.
                .replaceAll("(?m)^:revnumber:.*$", ":revnumber:")
                .replaceAll("(?m)^:mansource:.*$", ":mansource: xray")
                // Headings come from --help ("Exit codes:"); a man page section has no colon.
                .replaceAll("(?m)^==\\s+(.*?):\\s*$", "== $1");
    }

    static String troff(Path work, String name, String adoc) {
        try {
            Files.createDirectories(work);
            Path src = work.resolve(name + ".adoc");
            Path dst = work.resolve(name + ".1");
            Files.writeString(src, adoc, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("asciidoctor", "-b", "manpage", "-a", "reproducible", "-o", dst.toString(),
                    src.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !log.isBlank()) {
                throw new IllegalStateException("asciidoctor failed on " + src + ": " + log);
            }
            // The generator's own version would make the page differ between machines.
            return Files.readString(dst, StandardCharsets.UTF_8).replaceAll("(?m)^\\.\\\\\"\\s+Generator: .*\\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- completions

    static Map<String, String> completions() {
        return completions(model());
    }

    static Map<String, String> completions(CommandLine model) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("completions/xray.bash", bash(model));
        files.put("completions/_xray", zsh(model));
        files.put("completions/xray.fish", fish(model));
        return files;
    }

    /** picocli's bash completion, with the host-dependent words asked of `xray complete` at TAB time. */
    static String bash(CommandLine model) {
        String script = AutoComplete.bash("xray", model);
        for (Map.Entry<String, String> d : DYNAMIC.entrySet()) {
            String fn = "function _picocli_xray_" + d.getKey() + "() {";
            int at = script.indexOf(fn);
            int pos = script.indexOf("local positionals=\"\"", at);
            if (at < 0 || pos < 0) {
                throw new IllegalStateException("picocli's bash script changed shape: no positionals in " + fn);
            }
            script = script.substring(0, pos) + "local positionals=\"$(\"${COMP_WORDS[0]}\" complete " + d.getValue()
                    + " 2>/dev/null)\"" + script.substring(pos + "local positionals=\"\"".length());
        }
        return script;
    }

    /** Native zsh completion (_arguments), from the same model. */
    static String zsh(CommandLine top) {
        StringBuilder b = new StringBuilder();
        b.append("#compdef xray\n");
        b.append("# zsh completion for xray, generated from its command model (src/test/java/xray/cli/Docs.java).\n\n");
        b.append("_xray() {\n  local -a commands\n  commands=(\n");
        List<String> subs = documentedSubcommands(top);
        for (String s : subs) {
            b.append("    '").append(s).append(':').append(zq(summary(top.getSubcommands().get(s).getCommandSpec())))
                    .append("'\n");
        }
        b.append("  )\n  local curcontext=\"$curcontext\" state line\n");
        b.append("  _arguments -C \\\n");
        for (OptionSpec o : top.getCommandSpec().options()) {
            b.append("    ").append(zshOption(o)).append(" \\\n");
        }
        b.append("    '1: :->command' \\\n    '*:: :->args'\n");
        b.append("  case $state in\n    command) _describe -t commands 'xray command' commands ;;\n");
        b.append("    args)\n      case $words[1] in\n");
        for (String s : subs) {
            CommandSpec spec = top.getSubcommands().get(s).getCommandSpec();
            b.append("        ").append(s).append(")\n          _arguments \\\n");
            for (OptionSpec o : spec.options()) {
                b.append("            ").append(zshOption(o)).append(" \\\n");
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                String action = DYNAMIC.containsKey(s) ? "{compadd -- ${(f)\"$(xray complete " + DYNAMIC.get(s)
                        + " 2>/dev/null)\"}}" : "_files";
                b.append("            '").append(p.index().min() + 1).append(":").append(zq(p.paramLabel()))
                        .append(":").append(action).append("' \\\n");
            }
            b.setLength(b.length() - 3);
            b.append("\n          ;;\n");
        }
        b.append("      esac\n      ;;\n  esac\n}\n\n_xray \"$@\"\n");
        return b.toString();
    }

    private static String zshOption(OptionSpec o) {
        String desc = zq(first(o.description()));
        String[] names = o.names();
        String exclusion = names.length > 1 ? "(" + String.join(" ", names) + ")" : "";
        String action = "";
        if (o.arity().max() > 0) {
            action = ":" + zq(o.paramLabel()) + ":" + valueAction(o, "zsh");
        }
        if (names.length > 1) {
            return "'" + exclusion + "'{" + String.join(",", names) + "}'[" + desc + "]" + action + "'";
        }
        String eq = o.arity().max() > 0 && names[0].startsWith("--") ? "=" : "";
        return "'" + names[0] + eq + "[" + desc + "]" + action + "'";
    }

    /** fish completion, from the same model. */
    static String fish(CommandLine top) {
        StringBuilder b = new StringBuilder("# fish completion for xray, generated from its command model "
                + "(src/test/java/xray/cli/Docs.java).\n");
        List<String> subs = documentedSubcommands(top);
        b.append("complete -c xray -f\n");
        for (String s : subs) {
            b.append("complete -c xray -n __fish_use_subcommand -a ").append(s).append(" -d '")
                    .append(fq(summary(top.getSubcommands().get(s).getCommandSpec()))).append("'\n");
        }
        for (OptionSpec o : top.getCommandSpec().options()) {
            b.append(fishOption("__fish_use_subcommand", o));
        }
        for (String s : subs) {
            CommandSpec spec = top.getSubcommands().get(s).getCommandSpec();
            String cond = "'__fish_seen_subcommand_from " + s + "'";
            for (OptionSpec o : spec.options()) {
                b.append(fishOption(cond, o));
            }
            if (DYNAMIC.containsKey(s)) {
                b.append("complete -c xray -n ").append(cond).append(" -a '(xray complete ").append(DYNAMIC.get(s))
                        .append(" 2>/dev/null)'\n");
            }
        }
        return b.toString();
    }

    private static String fishOption(String condition, OptionSpec o) {
        StringBuilder b = new StringBuilder("complete -c xray -n " + condition);
        for (String n : o.names()) {
            b.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
        }
        if (o.arity().max() > 0) {
            String values = valueAction(o, "fish");
            b.append(values.isEmpty() ? " -r" : " -x -a '" + values + "'");
        }
        return b.append(" -d '").append(fq(first(o.description()))).append("'\n").toString();
    }

    /** What completes an option's value: its enum values, directories for paths, nothing otherwise. */
    private static String valueAction(OptionSpec o, String shell) {
        List<String> candidates = new ArrayList<>();
        if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(candidates::add);
        }
        if (!candidates.isEmpty()) {
            return shell.equals("zsh") ? "(" + String.join(" ", candidates) + ")" : String.join(" ", candidates);
        }
        if (o.type() == Path.class && o.paramLabel().contains("FILE")) {
            return shell.equals("zsh") ? "_files" : "(__fish_complete_path)"; // a directory or a capture bundle
        }
        if (o.type() == Path.class) {
            return shell.equals("zsh") ? "_files -/" : "(__fish_complete_directories)";
        }
        return shell.equals("zsh") ? " " : "";
    }

    private static List<String> documentedSubcommands(CommandLine top) {
        List<String> out = new ArrayList<>();
        top.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && !name.equals("help")) {
                out.add(name);
            }
        });
        return out;
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return first(header.length > 0 ? header : spec.usageMessage().description());
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0].replace("%n", " ").replace("%%", "%");
    }

    private static String zq(String s) {
        return s.replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:");
    }

    private static String fq(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
