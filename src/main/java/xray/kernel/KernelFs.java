package xray.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code /proc} and {@code /sys} are: "/" for the live host, a captured snapshot or a
 * jimfs tree otherwise. Every reader in xray reads through one of these; no code names an
 * absolute path on the default file system.
 *
 * <p>This is also the one place that decides what a failed read means: a file that does not
 * exist (or belongs to a process that just exited) is absent, {@link Optional#empty()}; every
 * other failure is a {@link FileProblem} that carries the path.
 */
public final class KernelFs {
    private final Path root;
    private final boolean live;

    private KernelFs(Path root, boolean live) {
        this.root = root;
        this.live = live;
    }

    /** The running host. */
    public static KernelFs live() {
        return new KernelFs(Path.of("/"), true);
    }

    /** A tree laid out like "/" (a snapshot from another host, or a test fixture). */
    public static KernelFs at(Path root) {
        return new KernelFs(root, false);
    }

    public Path root() {
        return root;
    }

    /** True when this is the running host, so /proc/self and live processes are ours. */
    public boolean isLive() {
        return live;
    }

    /** The file an absolute host path names under this root: "/proc/meminfo" → root/proc/meminfo. */
    public Path path(String absolute) {
        String rel = absolute;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    /** Text of a file (bytes as ISO-8859-1, so nothing is lost), or empty when it is absent. */
    public Optional<String> read(Path file) {
        return readBytes(file).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    public Optional<String> read(String absolute) {
        return read(path(absolute));
    }

    /** Text decoded as UTF-8 (command lines, names). */
    public Optional<String> readUtf8(Path file) {
        return readBytes(file).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> readBytes(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new FileProblem(file, "permission denied");
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason();
            if (reason.contains("No such process")) {
                return Optional.empty(); // the process exited between open and read
            }
            throw new FileProblem(file, reason.isEmpty() ? e.toString() : lowerFirst(reason));
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (msg.contains("No such process")) {
                return Optional.empty();
            }
            throw new FileProblem(file, lowerFirst(msg));
        }
    }

    /** Where a symbolic link points ("/proc/PID/ns/net" → "net:[4026531840]"), or empty when it is absent. */
    public Optional<String> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (NoSuchFileException | NotDirectoryException | java.nio.file.NotLinkException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new FileProblem(link, "permission denied");
        } catch (IOException e) {
            throw new FileProblem(link, String.valueOf(e.getMessage()));
        }
    }

    public boolean exists(Path p) {
        return Files.exists(p);
    }

    public boolean isDirectory(Path p) {
        return Files.isDirectory(p);
    }

    /** Names in a directory; empty when the directory is gone. */
    public List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (AccessDeniedException e) {
            throw new FileProblem(dir, "permission denied");
        } catch (IOException e) {
            throw new FileProblem(dir, String.valueOf(e.getMessage()));
        }
        return names;
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String toString() {
        return live ? "/" : root.toString();
    }
}
