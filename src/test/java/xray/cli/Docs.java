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
                .replaceAll("(?m)^==\\s+(.*?):\\s*$", "== $1")
                .replace("\n== Exit codes\n", "\n== Exit status\n")
                + sections(spec.qualifiedName("-"));
    }

    /** The sections a man page has besides what --help says, in man(7)'s order. */
    static final List<String> SECTIONS = List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
            "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO");

    /**
     * ENVIRONMENT, FILES, SECURITY (xray jvm: what an audit sends and leaves behind) and SEE ALSO,
     * written here: they describe the launcher (bin/xray) and the host, which the command model
     * does not know.
     */
    static String sections(String page) {
        StringBuilder b = new StringBuilder("\n== Environment\n\n");
        b.append("*NO_COLOR*:: When set (to anything), no colour; *--color=always* (or a bare *--color*) "
                + "still colours.\n");
        b.append("*COLUMNS*:: The width to fit tables to when it cannot be read from the terminal. Output that is "
                + "not a terminal has no width limit.\n");
        b.append("*LANG*, *LC_ALL*, *LC_CTYPE*:: Without a UTF-8 locale xray draws in ASCII (`|-`, `...`, `*`) "
                + "instead of `├─`, `…`, `•`.\n");
        b.append("*JAVA_HOME*:: The JDK (17 or later) whose *java* runs xray; else *java* on the PATH.\n");
        b.append("*XRAY_JAVA_OPTS*:: More options for that JVM.\n");
        b.append("*XRAY_CDS*:: *0* turns the class-data archive off (see FILES).\n");
        b.append("*XDG_CACHE_HOME*:: Where the class-data archives are kept (default *~/.cache*).\n");
        b.append("\n== Files\n\n");
        b.append("*$XDG_CACHE_HOME/xray/*:: The class-data archives (*.jsa*; JDK 24 and later an AOT cache, *.aot*, "
                + "per command, and one each for exactly *mem*, *ps*, *jvm*, their *--json* and *--version*) "
                + "that make a run start in a fraction of the time: one directory per installed copy "
                + "of xray, so two installs do not evict each other; made by a training run the first time, made "
                + "again when the jar or the JDK changes. Safe to delete.\n");
        b.append("*PREFIX/share/xray/*:: xray.jar and the jars it needs.\n");
        b.append("*PREFIX/share/doc/xray/README.md*:: The memory model, every JSON schema, exit codes and "
                + "benchmarks.\n");
        b.append("*PREFIX/share/xray/install-manifest*:: What *bin/install* put under PREFIX, for "
                + "*bin/install --uninstall*.\n");
        b.append("*/proc*, */sys/fs/cgroup*:: What xray reads (under *--root DIR* when given); it writes nothing "
                + "there.\n");
        if (page.equals("xray-jvm")) {
            b.append("*/tmp/.java_pidPID*, */proc/PID/root/tmp/.attach_pidPID*:: The attach socket and trigger file "
                    + "of the HotSpot attach protocol (see SECURITY).\n");
            b.append("\n== Security\n\n");
            b.append("*xray jvm* without a PID reads /proc and each JVM's hsperfdata file only: it sends the JVMs "
                    + "nothing.\n\n");
            b.append("*xray jvm PID* audits one JVM from outside, as *jcmd*(1) does, and loads no agent. What it "
                    + "sends: when the JVM has no attach listener yet, a trigger file "
                    + "*/proc/PID/root/tmp/.attach_pidNSPID* (created with O_EXCL, removed again) and SIGQUIT, which "
                    + "make the JVM start its Attach Listener thread; that thread stays for the life of the JVM, as "
                    + "after any *jcmd*. Then the diagnostic commands VM.flags, VM.info, VM.native_memory summary, "
                    + "Thread.print -l -e and GC.class_histogram -all (twice, --interval apart), each answered from "
                    + "inside the JVM; the histogram walks the heap, and with *--live* a full GC (a stop-the-world "
                    + "pause) runs before each one. JMX is read only through a connector the JVM already runs, "
                    + "unless *--jmx* starts the JVM's local JMX agent, which stays on until the JVM exits. What it "
                    + "leaves behind: the attach listener thread (and with --jmx the agent); no file, no flag "
                    + "changed.\n\n");
            b.append("What it trusts: the attach socket */tmp/.java_pidNSPID* is used only when it is a socket owned "
                    + "by the JVM's effective uid with no access for group or others; replies are capped and bounded "
                    + "by *--timeout*; hsperfdata is read only from a regular file of the JVM's user.\n");
        }
        b.append("\n== See also\n\n");
        List<String> see = new ArrayList<>();
        for (String other : commands().keySet()) {
            if (!other.equals(page)) {
                see.add("*" + other + "*(1)");
            }
        }
        see.addAll(List.of("*free*(1)", "*smem*(8)", "*systemd-cgtop*(1)", "*ps*(1)", "*top*(1)", "*jcmd*(1)",
                "*proc*(5)", "*cgroups*(7)"));
        b.append(String.join(", ", see)).append(".\n\nThe memory model, the JSON schemas and the benchmarks: "
                + "*PREFIX/share/doc/xray/README.md*.\n");
        return b.toString();
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

    /** Options whose values depend on the host: `xray complete WHAT` prints them. */
    static final Map<String, String> DYNAMIC_OPTIONS = Map.of("--cgroup", "cgroups", "--user", "users", "--pid", "pids");

    /** The words of `xray complete WHAT` from the xray being completed (its first word), without their descriptions. */
    private static String bashWords(String what) {
        return "$(\"${COMP_WORDS[0]}\" complete " + what + " 2>/dev/null | cut -f1)";
    }

    /**
     * picocli's bash completion, with the host-dependent words asked of `xray complete` at TAB time
     * (of the same xray that is completing: the command line's first word), and {@code --opt=VALUE}
     * completed as {@code --opt VALUE} is (bash splits the words at '=').
     */
    static String bash(CommandLine model) {
        String script = AutoComplete.bash("xray", model);
        String prev = "  local prev_word=${COMP_WORDS[COMP_CWORD-1]}\n";
        if (!script.contains(prev)) {
            throw new IllegalStateException("picocli's bash script changed shape: no prev_word");
        }
        script = script.replace(prev, prev
                + "  if [[ \"${curr_word}\" == \"=\" ]]; then curr_word=\"\"; elif [[ \"${prev_word}\" == \"=\" ]]; then "
                + "prev_word=${COMP_WORDS[COMP_CWORD-2]}; fi\n");
        for (Map.Entry<String, String> d : DYNAMIC_OPTIONS.entrySet()) {
            String opt = d.getKey();
            for (String label : List.of("'" + opt + "')", "'-p'|'" + opt + "')")) {
                script = script.replace("    " + label + "\n      return\n      ;;\n", "    " + label + "\n"
                        + "      local IFS=$'\\n'\n      COMPREPLY=( $(compgen -W \"" + bashWords(d.getValue())
                        + "\" -- \"${curr_word}\") )\n      return 0\n      ;;\n");
            }
        }
        for (Map.Entry<String, String> d : DYNAMIC.entrySet()) {
            String fn = "function _picocli_xray_" + d.getKey() + "() {";
            int at = script.indexOf(fn);
            int pos = script.indexOf("local positionals=\"\"", at);
            if (at < 0 || pos < 0) {
                throw new IllegalStateException("picocli's bash script changed shape: no positionals in " + fn);
            }
            script = script.substring(0, pos) + "local positionals=\"" + bashWords(d.getValue()) + "\""
                    + script.substring(pos + "local positionals=\"\"".length());
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
        b.append("  # the words that depend on the host come from the xray being completed (a checkout or an install)\n");
        b.append("  local xray_cmd=${words[1]}\n");
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
                String action = DYNAMIC.containsKey(s) ? zshWords(DYNAMIC.get(s)) : "_files";
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
        b.append("# the words that depend on the host, with their descriptions, from the xray being completed\n");
        b.append("function __xray_words\n    set -l xray (commandline -opc)[1]\n"
                + "    command $xray complete $argv 2>/dev/null\nend\n");
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
                b.append("complete -c xray -n ").append(cond).append(" -a '(__xray_words ").append(DYNAMIC.get(s))
                        .append(")'\n");
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

    /** zsh: the words of `xray complete WHAT` from the xray being completed, with their descriptions. */
    private static String zshWords(String what) {
        // no quotes (the action sits in a single-quoted _arguments spec, and is eval'd) and no colon (it would end
        // an option's action): tab to ':' written in octal
        return "{local -a w; w=(${(f)\"$(${~xray_cmd} complete " + what + " 2>/dev/null | tr \\\\t \\\\072)\"}); "
                + "_describe -t " + what + " " + what + " w}";
    }

    /** What completes an option's value: its enum values, directories for paths, the host's words, nothing otherwise. */
    private static String valueAction(OptionSpec o, String shell) {
        if (DYNAMIC_OPTIONS.containsKey(o.longestName())) {
            String what = DYNAMIC_OPTIONS.get(o.longestName());
            return shell.equals("zsh") ? zshWords(what) : "(__xray_words " + what + ")";
        }
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
