package xray.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import xray.collect.Bundle;
import xray.collect.Capture;
import xray.collect.ProcessCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.Bytes;
import xray.render.ManifestJson;
import xray.render.Sanitize;

/** {@code xray capture}: the files xray mem and xray ps read, in one tar.gz, for reading elsewhere. */
@Command(name = "capture",
        header = "Capture what xray mem and xray ps read into a tar.gz, to read later with --root.",
        description = {
            "Writes exactly the files xray mem and xray ps read on this host, as they read them, into one "
                + "tar.gz with a manifest (the time, the hostname, the kernel, xray's version, and the files left out "
                + "and why). xray mem --root FILE and xray ps --root FILE read the bundle as it is, without unpacking; "
                + "unpacked (tar xzf), its directory is a --root too.",
            "",
            "A bundle holds /proc/meminfo, /proc/pressure/memory, the mount table, the memory cgroup files of every "
                + "cgroup, /proc/PID/status, cgroup and cmdline of every process (and smaps_rollup with --pss), "
                + "/etc/passwd and /etc/os-release, and the names (not the contents) of the hsperfdata files. It holds "
                + "no environment variables, no memory maps and no other file: README.md lists exactly what it holds. "
                + "Command lines can hold secrets: look before you share a bundle. It is written readable by its owner "
                + "only (mode 0600)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok: the bundle is written",
            "1:could not read the system, or could not write the bundle",
            "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  xray capture                        xray-HOST-TIME.tar.gz here",
            "  xray capture --pss -o /tmp/a.tar.gz with PSS, to a file of your choice",
            "  xray capture -o - | ssh there 'cat > host.tar.gz'",
            "  xray mem --root host.tar.gz         read it, here or on another machine",
            "  tar tzf host.tar.gz                 what it holds"},
        sortOptions = false,
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
final class CaptureCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the bundle (default: xray-HOST-TIME.tar.gz in this directory; - for stdout).")
    String output;

    @Option(names = "--pss", description = "Also capture each process's smaps_rollup (PSS, USS; what xray ps --pss and "
            + "xray mem --pss read). Walks each process's page tables, as xray ps --pss does.")
    boolean pss;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Capture a snapshot under DIR instead of this host (as if DIR were /).")
    Path root;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors, and how many processes "
            + "and cgroups vanished during the capture.")
    boolean verbose;

    @Override
    public Integer call() {
        if (root != null && (root.toString().isEmpty() || !Files.isDirectory(root))) {
            throw new ParameterException(spec.commandLine(), "--root '" + root + "': no such directory");
        }
        PrintWriter err = spec.commandLine().getErr();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Warnings warnings = new Warnings();
        Path from = root == null ? Path.of("/") : root.toAbsolutePath();
        Capture capture = Capture.record(from, pss, Size.PAGE_WALK_MAX_RSS_BYTES, warnings);
        Integer own = root == null ? ProcessCollector.self(KernelFs.live()) : null;
        Bundle bundle = Bundle.of(capture.log(), own);
        String host = capture.identity().hostname() == null ? "host" : safe(capture.identity().hostname());
        String top = "xray-" + host + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(time);
        byte[] manifest = ManifestJson.of(bundle.summary(time.toString(), capture.identity(),
                VersionProvider.version(), pss, capture.mem().cgroups().size(),
                capture.ps().processes().size()));
        String where = output == null ? top + ".tar.gz" : output;
        long written;
        try {
            written = write(where, bundle, top, manifest, time.getEpochSecond());
        } catch (IOException e) {
            err.println("xray: cannot write " + Sanitize.text(where) + ": " + Sanitize.text(String.valueOf(e.getMessage())));
            err.flush();
            return ExitCodes.UNREADABLE;
        }
        CommonOptions.printWarnings(err, warnings, verbose);
        err.println("xray: captured " + capture.mem().cgroups().size() + " cgroups and " + capture.ps().processes().size() + " processes"
                + (where.equals("-") ? "" : " into " + Sanitize.text(where)) + " (" + Bytes.human(written) + "; "
                + bundle.files().size() + " files, " + bundle.skipped().size() + " left out: see manifest.json)");
        err.flush();
        return ExitCodes.OK;
    }

    /** Writes the bundle to {@code where} (a temporary file renamed into place) or stdout; its size. */
    private long write(String where, Bundle bundle, String top, byte[] manifest, long mtime) throws IOException {
        if (where.equals("-")) {
            CountingStream out = new CountingStream(System.out);
            bundle.write(out, top, manifest, mtime);
            return out.count;
        }
        Path target = Path.of(where).toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".xray-capture-", ".part");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                bundle.write(out, top, manifest, mtime);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Files.size(target);
    }

    /** A hostname as a file name: letters, digits, '.', '-' and '_' only. */
    static String safe(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        return b.length() == 0 ? "host" : b.toString();
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
