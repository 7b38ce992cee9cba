package xray.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What lstat(2) says of a path, the link itself when the path ends in one: the kind of file, its
 * owner, its permission bits and size. For files another user can write (/tmp, another process's
 * root), read before xray trusts, connects to or reads them.
 *
 * @param uid   the owner, or null where the file system does not say (a fixture tree)
 * @param mode  the permission bits (07777), or null where the file system does not say
 * @param key   what identifies the file (device and inode), to tell whether a path still names it
 */
public record Lstat(Kind kind, Integer uid, Integer mode, long size, Object key) {
    /** The kinds st_mode tells apart that matter here. */
    public enum Kind { FILE, DIRECTORY, SOCKET, LINK, OTHER }

    private static final int S_IFMT = 0170000;
    private static final Map<Integer, Kind> KINDS = Map.of(0100000, Kind.FILE, 0040000, Kind.DIRECTORY,
            0140000, Kind.SOCKET, 0120000, Kind.LINK);

    /** The file's lstat, or empty when there is no such file. */
    public static Optional<Lstat> of(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                Kind kind = a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.DIRECTORY
                        : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
                return Optional.of(new Lstat(kind, null, null, a.size(), a.fileKey()));
            }
            Map<String, Object> u = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) u.get("mode");
            return Optional.of(new Lstat(KINDS.getOrDefault(mode & S_IFMT, Kind.OTHER), (Integer) u.get("uid"),
                    mode & 07777, a.size(), a.fileKey()));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }

    /** True when users other than the owner may read, write or (for a directory) enter it. */
    public boolean groupOrOtherAccess() {
        return mode != null && (mode & 077) != 0;
    }

    /** The permission bits as ls prints them in octal: "0600". */
    public String octal() {
        return mode == null ? "?" : String.format("%04o", mode);
    }

    /** "a socket", "a symbolic link": for sentences. */
    public String kindWords() {
        return switch (kind) {
            case FILE -> "a regular file";
            case DIRECTORY -> "a directory";
            case SOCKET -> "a socket";
            case LINK -> "a symbolic link";
            case OTHER -> "a FIFO or device";
        };
    }

    /** What {@link #readAtMost} found: the bytes, or that the file is longer than the cap. */
    public record Read(byte[] bytes, boolean tooLong) {
    }

    /**
     * At most {@code cap} bytes of a regular file, opened without following a link at the end of its
     * path (O_NOFOLLOW), so a link planted in its place is an error rather than another file. A
     * longer file is not read past {@code cap + 1} bytes. Empty when there is no such file.
     */
    public static Optional<Read> readAtMost(Path p, int cap) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(cap + 1L, 64 * 1024));
            while (true) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() > cap) {
                        return Optional.of(new Read(null, true));
                    }
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(cap + 1L, buf.capacity() * 2L));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    return Optional.of(new Read(Arrays.copyOf(buf.array(), buf.position()), false));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }
}
