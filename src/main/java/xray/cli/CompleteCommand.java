package xray.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import xray.collect.JvmScanner;
import xray.collect.MemReport;
import xray.collect.Warnings;
import xray.model.Cgroup;

/**
 * {@code xray complete cgroups|jvms}: the words shell completion offers for arguments that
 * depend on the host (cgroup names and paths, JVM pids). Hidden; the completion scripts in
 * completions/ call it. Prints nothing, and exits 0, when the host cannot be read.
 */
@Command(name = "complete", hidden = true, description = "Words for shell completion: cgroups or jvms.")
final class CompleteCommand implements Callable<Integer> {
    enum What { cgroups, jvms }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "WHAT", description = "cgroups or jvms")
    What what;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Set<String> words = new LinkedHashSet<>();
        try {
            if (what == What.jvms) {
                JvmScanner.scan(common.kernelFs(), JvmCommand.myEuid(), new Warnings())
                        .forEach(j -> words.add(String.valueOf(j.status().pid())));
            } else {
                for (Cgroup cg : MemReport.collect(common.kernelFs(), new Warnings(), false).cgroups()) {
                    if (cg.parent() != null) {
                        words.add(cg.path().substring(cg.path().lastIndexOf('/') + 1));
                    }
                    words.add(cg.path());
                }
            }
        } catch (RuntimeException e) {
            return ExitCodes.OK; // completion must never print errors into the command line
        }
        // A name with a control character could not be typed anyway; offering it would print it raw.
        words.stream().filter(w -> w.equals(xray.render.Sanitize.text(w))).forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
