package xray.testing;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import xray.kernel.KernelFs;

/**
 * A fixture tree laid out like "/", built file by file or copied from disk: in jimfs by default,
 * or in a directory on disk when the CLI has to read it through {@code --root}.
 */
public final class Tree {
    private final Path root;

    /** A tree in a fresh in-memory file system. */
    public Tree() {
        this(newJimfsRoot());
    }

    private Tree(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree in a directory on disk (e.g. a JUnit @TempDir). */
    public static Tree onDisk(Path dir) {
        return new Tree(dir);
    }

    private static Path newJimfsRoot() {
        FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        return fs.getPath("/host");
    }

    /** Writes a file (parents created): {@code file("/proc/meminfo", "MemTotal: 1 kB\n")}. */
    public Tree file(String absolute, String content) {
        try {
            Path p = root.resolve(absolute.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.ISO_8859_1);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree dir(String absolute) {
        try {
            Files.createDirectories(root.resolve(absolute.substring(1)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory from disk (a corpus scenario, a testdata capture) to {@code at}. */
    public Tree copy(Path from, String at) {
        Path to = root.resolve(at.equals("/") ? "" : at.substring(1));
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else if (Files.isRegularFile(src)) {
                    Files.createDirectories(dst.getParent());
                    Files.write(dst, Files.readAllBytes(src));
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public KernelFs kernelFs() {
        return KernelFs.at(root);
    }
}
