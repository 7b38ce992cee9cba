package xray.collect;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import xray.kernel.KernelFs;

/**
 * A capture bundle (a tar.gz, see {@link Bundle}) read without unpacking it on disk: its
 * directories and regular files go into an in-memory file system, and a {@link KernelFs} reads
 * that as it reads any other root. A bundle is a file from elsewhere: names with {@code ..} are
 * refused, links, devices and FIFOs are passed over (and counted), no file is kept past
 * {@link KernelFs#MAX_BYTES}, and the whole is bounded ({@link #MAX_TOTAL}, {@link #MAX_ENTRIES}).
 * An archive whose entries all sit in one directory (as xray capture writes them) is read from
 * that directory.
 */
public final class BundleFs {
    /** No capture comes near this: 10,000 cgroups and 10,000 processes make about 100 MiB. */
    static final long MAX_TOTAL = 1L << 30;
    static final int MAX_ENTRIES = 2_000_000;

    private BundleFs() {
    }

    /** The file is not a gzip'd tar: a usage error (a wrong --root), not a damaged bundle. */
    public static final class NotABundle extends IOException {
        NotABundle(String message) {
            super(message);
        }
    }

    /** The bundle's root, and what was passed over while reading it (one line each). */
    public record Opened(KernelFs fs, List<String> notes) {
    }

    /** True when the file starts with the gzip magic (1f 8b). */
    public static boolean looksLikeBundle(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    public static Opened open(Path file) throws IOException {
        if (!looksLikeBundle(file)) {
            throw new NotABundle("not a directory, nor a tar.gz (an xray capture bundle)");
        }
        FileSystem mem = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(1024) // most kernel files are a few hundred bytes
                .setMaxSize(MAX_TOTAL + (64L << 20))
                .setMaxCacheSize(0)
                .build());
        List<String> notes = new ArrayList<>();
        String top = null;
        boolean oneTop = true;
        int entries = 0;
        long total = 0;
        int passedOver = 0;
        int tooLarge = 0;
        int clashes = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            Tar.Reader tar = new Tar.Reader(in);
            for (Tar.Entry e; (e = tar.next()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new Tar.Malformed("more than " + MAX_ENTRIES + " entries, more than any capture has");
                }
                String name = clean(e.name());
                if (name.isEmpty()) {
                    continue;
                }
                String first = name.indexOf('/') < 0 ? name : name.substring(0, name.indexOf('/'));
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    oneTop = false;
                }
                Path p = mem.getPath("/" + name);
                try {
                    if (e.isDirectory()) {
                        Files.createDirectories(p);
                        continue;
                    }
                } catch (java.nio.file.FileAlreadyExistsException clash) {
                    clashes++; // a directory where a file already is
                    continue;
                }
                if (e.isFile()) {
                    byte[] data = tar.data(KernelFs.MAX_BYTES);
                    if (data == null) {
                        tooLarge++;
                        continue;
                    }
                    total += data.length;
                    if (total > MAX_TOTAL) {
                        throw new Tar.Malformed("more than " + (MAX_TOTAL >> 20) + " MiB of files, more than any capture has");
                    }
                    try {
                        Files.createDirectories(p.getParent());
                    } catch (java.nio.file.FileAlreadyExistsException clash) {
                        clashes++; // a file under what is a file already
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        clashes++; // a file where a directory already is
                        continue;
                    }
                    Files.write(p, data);
                } else {
                    passedOver++;
                }
            }
        } catch (ZipException e) {
            throw new Tar.Malformed("not a readable gzip stream (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new Tar.Malformed("the archive ends early (a truncated download?)");
        }
        if (passedOver > 0) {
            notes.add(file + ": " + passedOver + (passedOver == 1 ? " entry that is" : " entries that are")
                    + " not a regular file or directory (a link, device or FIFO) passed over");
        }
        if (clashes > 0) {
            notes.add(file + ": " + clashes + (clashes == 1 ? " entry" : " entries")
                    + " whose name clashes with another entry's (a file and a directory of one name) passed over");
        }
        if (tooLarge > 0) {
            notes.add(file + ": " + tooLarge + (tooLarge == 1 ? " file" : " files") + " larger than "
                    + (KernelFs.MAX_BYTES >> 20) + " MiB, which no kernel file is, passed over");
        }
        Path root = mem.getPath("/");
        if (oneTop && top != null && Files.isDirectory(root.resolve(top))
                && !top.equals("proc") && !top.equals("sys") && !top.equals("etc")) {
            root = root.resolve(top);
        }
        return new Opened(KernelFs.at(root), notes);
    }

    /** "./a/b" → "a/b"; a name that climbs out ("..") is refused. */
    static String clean(String name) throws Tar.Malformed {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new Tar.Malformed("an entry named '" + name + "' climbs out of the archive");
            }
            b.append(b.length() == 0 ? "" : "/").append(part);
        }
        return b.toString();
    }
}
