package xray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import xray.collect.BundleFs;
import xray.collect.HostCollector;
import xray.kernel.KernelFs;
import xray.render.Sanitize;

/**
 * {@code --root FILE}: a capture bundle opened for the readers. Its own class, so that the bundle
 * reader and the in-memory file system (jimfs, and Guava under it) load only when a bundle is read.
 */
final class Bundles {
    private Bundles() {
    }

    static KernelFs open(Path file, CommandLine cl) {
        BundleFs.Opened opened;
        try {
            opened = BundleFs.open(file);
        } catch (BundleFs.NotABundle e) {
            throw new ParameterException(cl, "--root '" + file + "': " + e.getMessage());
        } catch (IOException e) {
            throw new HostCollector.Unreadable(file + ": not a readable capture bundle: " + e.getMessage());
        }
        PrintWriter err = cl.getErr();
        for (String note : opened.notes()) {
            err.println("xray: warning: " + Sanitize.text(note));
        }
        err.flush();
        return opened.fs();
    }
}
