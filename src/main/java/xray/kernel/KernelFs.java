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

    /**
     * Text of {@code dir/name}, a file the kernel prints in one piece (a cgroup control file,
     * /proc/meminfo, /proc/PID/status, smaps_rollup): a read shorter than the buffer is its end,
     * which saves a system call per file. Not for files printed record by record
     * (/proc/PID/maps, smaps), which come a page at a time: read those with {@link #read(Path)}.
     * On the real file system no Path is made unless something fails.
     */
    public Optional<String> read(Path dir, String name) {
        if (dir.getFileSystem() == DEFAULT_FS) {
            return readDefault(dir.toString() + "/" + name, dir, name, true)
                    .map(b -> new String(b, StandardCharsets.ISO_8859_1));
        }
        return read(dir.resolve(name));
    }

    public Optional<byte[]> readBytes(Path file) {
        if (file.getFileSystem() == DEFAULT_FS) {
            return readDefault(file.toString(), file, null, false);
        }
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

    private static final java.nio.file.FileSystem DEFAULT_FS = java.nio.file.FileSystems.getDefault();
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

    /**
     * Kernel files on the real file system with few system calls: open, read until the end,
     * close. With {@code onePiece} a read shorter than the buffer is the end (true of regular
     * files and of kernel files printed by one show call); otherwise reads go on until the
     * kernel says end of file, as /proc/PID/maps answers a page per read.
     */
    private static Optional<byte[]> readDefault(String path, Path dirOrFile, String name, boolean onePiece) {
        byte[] buf = BUFFER.get();
        try (java.io.FileInputStream in = new java.io.FileInputStream(path)) {
            int n = 0;
            while (true) {
                int k = in.read(buf, n, buf.length - n);
                if (k < 0) {
                    break;
                }
                n += k;
                if (n < buf.length) {
                    if (onePiece) {
                        break;
                    }
                    continue;
                }
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                BUFFER.set(buf);
            }
            return Optional.of(java.util.Arrays.copyOf(buf, n));
        } catch (java.io.FileNotFoundException e) {
            // FileInputStream reports the errno text in parentheses after the path.
            String msg = String.valueOf(e.getMessage());
            if (msg.endsWith("(No such file or directory)") || msg.endsWith("(Not a directory)")
                    || msg.endsWith("(No such process)")) {
                return Optional.empty();
            }
            int open = msg.lastIndexOf(" (");
            String reason = open >= 0 && msg.endsWith(")") ? msg.substring(open + 2, msg.length() - 1) : msg;
            throw new FileProblem(name == null ? dirOrFile : dirOrFile.resolve(name), lowerFirst(reason));
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (msg.contains("No such process") || msg.contains("No such file")) {
                return Optional.empty(); // the process or cgroup went away between open and read
            }
            throw new FileProblem(name == null ? dirOrFile : dirOrFile.resolve(name), lowerFirst(msg));
        }
    }

    /**
     * The number of subdirectories when the file system says so (st_nlink − 2 on tmpfs, ext4 and
     * the kernfs of /sys/fs/cgroup), or −1 when it does not (btrfs, and others, report 1).
     */
    public int subdirectories(Path dir) {
        try {
            Object n = Files.getAttribute(dir, "unix:nlink");
            int links = n instanceof Integer i ? i : -1;
            return links >= 2 ? links - 2 : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
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
