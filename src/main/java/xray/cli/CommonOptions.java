package xray.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import xray.kernel.KernelFs;
import xray.render.Style;
import xray.render.Terminal;
import xray.render.Terminal.ColorMode;

/** Options every command has: --json, --root, --color, -v. */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Read /proc and /sys under DIR as if DIR were / (a snapshot of another host).")
    Path root;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; NO_COLOR turns it off).")
    ColorMode color;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors.")
    boolean verbose;

    KernelFs kernelFs() {
        if (root == null) {
            return KernelFs.live();
        }
        if (!Files.isDirectory(root)) {
            throw new ParameterException(mixee.commandLine(), "--root " + root + ": no such directory");
        }
        return KernelFs.at(root.toAbsolutePath());
    }

    /** How to draw: a real terminal (width, colour) or not. */
    Style style(Main.Context context) {
        return Terminal.style(context.terminal(), color, context.env());
    }
}
