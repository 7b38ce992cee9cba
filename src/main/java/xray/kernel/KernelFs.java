package xray.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code /proc} and {@code /sys} are: "/" for the live host, a captured snapshot or a
 * jimfs tree otherwise. Every reader in xray reads through one of these; no code names an
 * absolute path on the default file system.
 *
 * <p>This is also the one place that decides what a failed read means, by kind (see
 * {@link ReadFailure}): a file that does not exist, or whose process or cgroup just went away, is
 * absent, {@link Optional#empty()}; every other failure is a {@link FileProblem} that carries the
 * path and its kind. A failed open is classified from NIO's exceptions, which have types for the
 * common errnos (NoSuchFileException, AccessDeniedException); where Java gives only the errno's
 * text (ESRCH, ENODEV, EPERM, EOPNOTSUPP, and every failed read after a successful open), the kind
 * is found again from the file system: does the file, its process or its cgroup still exist, may
 * we read it, is it a kernel file system.
 *
 * <p>Reads cannot hang or run away: a file outside the live /proc and /sys (a snapshot, /etc,
 * another process's /tmp) is read only when it is a regular file (not a FIFO, device or socket),
 * and no read goes past {@link #MAX_BYTES}.
 */
public final class KernelFs {
    /** No kernel file xray reads comes near this; /dev/zero under a snapshot's name would never end. */
    public static final int MAX_BYTES = 16 << 20;
    private static final int KEPT_BUFFER = 1 << 20;
    private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of("proc", "sysfs", "cgroup", "cgroup2");

    private final Path root;
    private final boolean live;
    /** Told of every read, failure and kept listing (xray capture), or null. */
    private final Recorder recorder;

    private KernelFs(Path root, boolean live, Recorder recorder) {
        this.root = root;
        this.live = live;
        this.recorder = recorder;
    }

    /**
     * What a reader read, as it read it: {@code xray capture} runs the readers through a KernelFs
     * that tells one of these, so a bundle holds exactly the files they read. Called from many
     * threads at once.
     */
    public interface Recorder {
        /** {@code file} was read whole: these bytes. */
        void read(Path file, byte[] bytes);

        /** Reading {@code file} failed: absent ({@link ReadFailure#ABSENT}), or another kind. */
        void failed(Path file, ReadFailure kind);

        /** The names of {@code dir} that a reader kept from its listing (it reads nothing else of them). */
        void names(Path dir, List<String> names);
    }

    /** The same root, with every read told to {@code recorder}. */
    public KernelFs recording(Recorder recorder) {
        return new KernelFs(root, live, recorder);
    }

    /** The running host. */
    public static KernelFs live() {
        return new KernelFs(Path.of("/"), true, null);
    }

    /** A tree laid out like "/" (a snapshot from another host, or a test fixture). */
    public static KernelFs at(Path root) {
        return new KernelFs(root, false, null);
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
     */
    public Optional<String> read(Path dir, String name) {
        return read(dir.resolve(name), true).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    public Optional<byte[]> readBytes(Path file) {
        return read(file, false);
    }

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);
    private static final java.nio.file.FileSystem DEFAULT_FS = java.nio.file.FileSystems.getDefault();

    /** Something to read from: a FileInputStream or a channel. */
    private interface Source {
        int read(byte[] b, int off, int len) throws IOException;
    }

    /**
     * Open, read until the end (with {@code onePiece}, a read shorter than the buffer is the end:
     * true of regular files and of kernel files printed by one show call; otherwise reads go on
     * until the kernel says end of file, as /proc/PID/maps answers a page per read), close. On the
     * real file system through a FileInputStream, the fewest system calls and allocations; when its
     * open fails it gives only the errno's text, so the open is tried once more through NIO, whose
     * exceptions have types (and which reads the file if it has appeared meanwhile).
     */
    private Optional<byte[]> read(Path file, boolean onePiece) {
        if (recorder == null) {
            return readOnce(file, onePiece);
        }
        Optional<byte[]> bytes;
        try {
            bytes = readOnce(file, onePiece);
        } catch (FileProblem p) {
            recorder.failed(file, p.kind());
            throw p;
        }
        if (bytes.isPresent()) {
            recorder.read(file, bytes.get());
        } else {
            recorder.failed(file, ReadFailure.ABSENT);
        }
        return bytes;
    }

    private Optional<byte[]> readOnce(Path file, boolean onePiece) {
        if (!trusted(file) && !regularFile(file)) {
            return Optional.empty();
        }
        if (file.getFileSystem() == DEFAULT_FS) {
            java.io.FileInputStream in;
            try {
                in = new java.io.FileInputStream(file.toString());
            } catch (java.io.FileNotFoundException e) {
                return readChannel(file, onePiece);
            }
            try (in) {
                return Optional.of(readAll(in::read, file, onePiece));
            } catch (IOException e) {
                return failed(file, e, true);
            }
        }
        return readChannel(file, onePiece);
    }

    private Optional<byte[]> readChannel(Path file, boolean onePiece) {
        SeekableByteChannel ch;
        try {
            ch = Files.newByteChannel(file);
        } catch (IOException e) {
            return failed(file, e, false);
        }
        try (ch) {
            return Optional.of(readAll((b, off, len) -> ch.read(ByteBuffer.wrap(b, off, len)), file, onePiece));
        } catch (IOException e) {
            return failed(file, e, true);
        }
    }

    private static byte[] readAll(Source in, Path file, boolean onePiece) throws IOException {
        byte[] buf = BUFFER.get();
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
            if (buf.length >= MAX_BYTES) {
                if (in.read(new byte[1], 0, 1) > 0) {
                    throw new FileProblem(file, ReadFailure.MALFORMED,
                            "larger than " + (MAX_BYTES >> 20) + " MiB, which no kernel file is: not read");
                }
                break;
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_BYTES, buf.length * 2));
            if (buf.length <= KEPT_BUFFER) {
                BUFFER.set(buf);
            }
        }
        return Arrays.copyOf(buf, n);
    }

    /**
     * Files of the live /proc and /sys are the kernel's own and read as they are (a stat each would
     * slow the scan); every other file, a snapshot's or one a user can write (/proc/PID/root/…,
     * /etc, /tmp), is read only when it is a regular file, so a FIFO cannot hang xray and a device
     * cannot feed it forever.
     */
    private boolean trusted(Path file) {
        if (!live) {
            return false;
        }
        String p = file.toString();
        if (p.startsWith("/sys/")) {
            return true;
        }
        return p.startsWith("/proc/") && !p.contains("/root/") && !p.contains("/cwd/");
    }

    /** True for a regular file, false when it is absent; a FileProblem for anything else. */
    private boolean regularFile(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return failed(file, e, false).isPresent();
        }
        if (a.isRegularFile()) {
            return true;
        }
        throw new FileProblem(file, ReadFailure.MALFORMED, a.isDirectory() ? "is a directory"
                : "not a regular file (a FIFO, device or socket): not read");
    }

    /** Empty for an absent file; a FileProblem of the failure's kind otherwise. */
    private <T> Optional<T> failed(Path file, IOException e, boolean opened) {
        ReadFailure kind = classify(file, e, opened);
        if (kind == ReadFailure.ABSENT) {
            return Optional.empty();
        }
        throw new FileProblem(file, kind, detail(kind, e));
    }

    /**
     * The kind of a failed open or read. Types first; where Java gives only the errno's text, ask
     * the file system again: gone (ENOENT, ENOTDIR, ESRCH, ENODEV: the file, its cgroup or its
     * process no longer there), not readable for us (EPERM), a kernel file the kernel would not
     * print (EOPNOTSUPP, EINVAL), else an I/O error.
     */
    ReadFailure classify(Path file, IOException e, boolean opened) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return ReadFailure.ABSENT;
        }
        if (e instanceof AccessDeniedException) {
            return ReadFailure.NOT_PERMITTED;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || processGone(file)) {
            return ReadFailure.ABSENT;
        }
        if (!opened && Files.isSymbolicLink(file) && !Files.exists(file)) {
            return ReadFailure.IO_ERROR; // a link that does not resolve (a loop): not a kernel file
        }
        if (!Files.isReadable(file)) {
            return ReadFailure.NOT_PERMITTED;
        }
        return onKernelFileSystem(file) ? ReadFailure.NOT_SUPPORTED : ReadFailure.IO_ERROR;
    }

    private static String detail(ReadFailure kind, IOException e) {
        if (kind != ReadFailure.IO_ERROR) {
            return kind.words();
        }
        // The errno's text (in the host's language) helps a person; nothing decides by it.
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return reason == null || reason.isBlank() ? kind.words() : kind.words() + ": " + reason;
    }

    /**
     * True when {@code file} belongs to a process (or thread) that has exited: its /proc/PID
     * directory is gone, or it is a zombie, whose files answer ESRCH.
     */
    private boolean processGone(Path file) {
        Path rel;
        try {
            rel = root.relativize(file);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (rel.getNameCount() < 3 || !rel.getName(0).toString().equals("proc") || !isPid(rel.getName(1).toString())) {
            return false;
        }
        Path owner = root.resolve(rel.subpath(0, 2));
        if (rel.getNameCount() >= 5 && rel.getName(2).toString().equals("task") && isPid(rel.getName(3).toString())) {
            owner = root.resolve(rel.subpath(0, 4));
        }
        try {
            String stat = new String(Files.readAllBytes(owner.resolve("stat")), StandardCharsets.ISO_8859_1);
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X' || state == 'x';
        } catch (IOException e) {
            return !Files.exists(owner);
        }
    }

    /**
     * A name that is a pid: ASCII digits, short enough for an int (a /proc or task directory, an
     * hsperfdata file name); every other name there is not a process.
     */
    public static boolean isPid(String name) {
        if (name.isEmpty() || name.length() >= 10) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean onKernelFileSystem(Path file) {
        try {
            return KERNEL_FILE_SYSTEMS.contains(Files.getFileStore(file).type());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The number of subdirectories when the file system says so (st_nlink − 2 on tmpfs, ext4 and
     * the kernfs of /sys/fs/cgroup), or −1 when it does not (btrfs, and others, report 1).
     */
    public int subdirectories(Path dir) {
        try {
            Object n = Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            int links = n instanceof Integer i ? i : -1;
            return links >= 2 ? links - 2 : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** A directory's inode and link count: a cgroup made again under the same name has a new inode. */
    public record DirId(long inode, int links) {
        /** Subdirectories, when the link count says (st_nlink − 2), else −1 (see {@link #subdirectories}). */
        public int subdirectories() {
            return links >= 2 ? links - 2 : -1;
        }
    }

    /** The inode and link count of {@code dir}, or null when it is gone or the file system does not say. */
    public DirId dirId(Path dir) {
        try {
            java.util.Map<String, Object> a = Files.readAttributes(dir, "unix:ino,nlink", LinkOption.NOFOLLOW_LINKS);
            return a.get("ino") instanceof Number ino && a.get("nlink") instanceof Number n
                    ? new DirId(ino.longValue(), n.intValue()) : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Where a symbolic link points ("/proc/PID/ns/net" → "net:[4026531840]"), or empty when it is absent. */
    public Optional<String> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (NotLinkException e) {
            return Optional.empty();
        } catch (IOException e) {
            return failed(link, e, false);
        }
    }

    public boolean exists(Path p) {
        return Files.exists(p);
    }

    public boolean isDirectory(Path p) {
        return Files.isDirectory(p);
    }

    /** What a directory entry is, without following a symbolic link. */
    public enum Entry { FILE, DIRECTORY, LINK, OTHER, ABSENT }

    public Entry entry(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() ? Entry.DIRECTORY : a.isSymbolicLink() ? Entry.LINK
                    : a.isRegularFile() ? Entry.FILE : Entry.OTHER;
        } catch (IOException e) {
            return Entry.ABSENT;
        }
    }

    /** Names in a directory; empty when the directory is gone. */
    public List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            return failed(dir, e, false).isEmpty() ? List.of() : names;
        } catch (java.nio.file.DirectoryIteratorException e) {
            return failed(dir, e.getCause(), true).isEmpty() ? List.of() : names;
        }
        return names;
    }

    /**
     * The names in a directory that {@code keep} accepts, for a reader that uses only names (which
     * JVMs have hsperfdata files): a recording keeps them as names.
     */
    public List<String> list(Path dir, java.util.function.Predicate<String> keep) {
        List<String> kept = new ArrayList<>();
        for (String name : list(dir)) {
            if (keep.test(name)) {
                kept.add(name);
            }
        }
        if (recorder != null) {
            recorder.names(dir, kept);
        }
        return kept;
    }

    @Override
    public String toString() {
        return live ? "/" : root.toString();
    }
}
