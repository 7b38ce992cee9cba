package xray.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import xray.analysis.JvmList;
import xray.analysis.ProcessModel;
import xray.collect.JvmScanner;
import xray.collect.MemCollector;
import xray.collect.PsCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.CgroupPath;
import xray.model.JvmSummary;
import xray.model.PsProcess;
import xray.model.PsSample;

/**
 * {@code xray complete cgroups|jvms|pids|users}: the words shell completion offers for arguments
 * that depend on the host (cgroup names and paths, JVM pids, process pids, users), one a line, each
 * with a tab and a description when there is one (a JVM's main class, a process's program). Hidden;
 * the completion scripts in completions/ call the same xray that is completing. Prints nothing, and
 * exits 0, when the host cannot be read.
 */
@Command(name = "complete", hidden = true, description = "Words for shell completion: cgroups, jvms, pids or users.")
final class CompleteCommand implements Callable<Integer> {
    enum What { cgroups, jvms, pids, users }

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "WHAT", description = "cgroups, jvms, pids or users")
    What what;

    @Override
    public Integer call() {
        PrintWriter out = common.commandLine().getOut();
        Map<String, String> words = new LinkedHashMap<>();
        try {
            KernelFs fs = common.kernelFs();
            Warnings warnings = new Warnings();
            switch (what) {
                case jvms -> {
                    for (JvmSummary j : JvmList.summaries(JvmScanner.scan(fs, JvmCommand.myEuid(), warnings), 0)) {
                        words.put(String.valueOf(j.pid()), j.mainClass() == null ? "" : j.mainClass());
                    }
                }
                case cgroups -> {
                    for (String path : MemCollector.paths(fs, MemCollector.layout(fs, warnings), warnings)) {
                        if (!path.equals("/")) {
                            words.putIfAbsent(CgroupPath.base(path), path);
                        }
                        words.put(path, "");
                    }
                }
                case pids, users -> {
                    var report = ProcessModel.report(PsCollector.collect(fs,
                            new PsSample.Options(false, Long.MAX_VALUE, false, null, null), warnings));
                    for (PsProcess p : report.processes()) {
                        if (what == What.pids) {
                            words.put(String.valueOf(p.pid()), p.program() == null ? "" : p.program());
                        } else if (p.sample().user() != null && !p.sample().user().startsWith("uid ")) {
                            words.put(p.sample().user(), "");
                        }
                    }
                }
                default -> throw new IllegalStateException(what.toString());
            }
        } catch (RuntimeException e) {
            return ExitCodes.OK; // completion must never print errors into the command line
        }
        // A word with a control character could not be typed anyway; offering it would print it raw.
        words.forEach((word, description) -> {
            if (word.equals(xray.render.Sanitize.text(word)) && word.indexOf('\t') < 0) {
                String d = xray.render.Sanitize.text(description);
                out.println(d.isEmpty() ? word : word + "\t" + d);
            }
        });
        out.flush();
        return ExitCodes.OK;
    }
}
