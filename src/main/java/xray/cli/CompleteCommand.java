package xray.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import xray.collect.JvmScanner;
import xray.collect.MemCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.CgroupPath;

/**
 * {@code xray complete cgroups|jvms}: the words shell completion offers for arguments that
 * depend on the host (cgroup names and paths, JVM pids). Hidden; the completion scripts in
 * completions/ call it. Prints nothing, and exits 0, when the host cannot be read.
 */
@Command(name = "complete", hidden = true, description = "Words for shell completion: cgroups or jvms.")
final class CompleteCommand implements Callable<Integer> {
    enum What { cgroups, jvms }

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "WHAT", description = "cgroups or jvms")
    What what;

    @Override
    public Integer call() {
        PrintWriter out = common.commandLine().getOut();
        Set<String> words = new LinkedHashSet<>();
        try {
            if (what == What.jvms) {
                JvmScanner.scan(common.kernelFs(), JvmCommand.myEuid(), new Warnings())
                        .forEach(j -> words.add(String.valueOf(j.status().pid())));
            } else {
                KernelFs fs = common.kernelFs();
                Warnings warnings = new Warnings();
                for (String path : MemCollector.paths(fs, MemCollector.layout(fs, warnings), warnings)) {
                    if (!path.equals("/")) {
                        words.add(CgroupPath.base(path));
                    }
                    words.add(path);
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
