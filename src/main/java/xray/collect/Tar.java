package xray.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tar format (POSIX ustar, with pax extended headers for long names), as much of it as a
 * capture bundle needs: a writer of directories and regular files, and a reader that hands over
 * directories and regular files and names everything else it passes over. Every header is 512
 * bytes; file data follows, padded to 512:
 * <pre>
 * name[100] mode[8] uid[8] gid[8] size[12] mtime[12] chksum[8] typeflag[1] linkname[100]
 * magic "ustar\0" version "00" uname[32] gname[32] devmajor[8] devminor[8] prefix[155]
 * </pre>
 * Numbers are octal text. A name longer than the 100-byte field goes before its entry in a pax
 * header (typeflag 'x', records "LEN path=NAME\n"); the reader also takes GNU's 'L' long names.
 */
final class Tar {
    static final int BLOCK = 512;

    private Tar() {
    }

    // ---------------------------------------------------------------- writing

    /** Writes entries to a stream; {@link #finish()} writes the two zero blocks that end an archive. */
    static final class Writer {
        private final OutputStream out;
        private final long mtimeSeconds;

        Writer(OutputStream out, long mtimeSeconds) {
            this.out = out;
            this.mtimeSeconds = mtimeSeconds;
        }

        void directory(String name) throws IOException {
            header(name.endsWith("/") ? name : name + "/", '5', 0755, 0);
        }

        void file(String name, byte[] data) throws IOException {
            header(name, '0', 0644, data.length);
            out.write(data);
            pad(data.length);
        }

        void finish() throws IOException {
            out.write(new byte[2 * BLOCK]);
        }

        private void header(String name, char type, int mode, long size) throws IOException {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            if (n.length > 100) {
                byte[] record = pathRecord(name);
                out.write(block("././@PaxHeader", 'x', 0644, record.length, mtimeSeconds));
                out.write(record);
                pad(record.length);
                n = Arrays.copyOf(n, 100); // readers that know pax use the record; others see a cut name
                name = new String(n, StandardCharsets.UTF_8);
            }
            out.write(block(name, type, mode, size, mtimeSeconds));
        }

        private void pad(long length) throws IOException {
            int rest = (int) (length % BLOCK);
            if (rest != 0) {
                out.write(new byte[BLOCK - rest]);
            }
        }
    }

    /** "LEN path=NAME\n", where LEN counts the whole record, its own digits included. */
    static byte[] pathRecord(String name) {
        int body = (" path=" + name + "\n").getBytes(StandardCharsets.UTF_8).length;
        int len = body + String.valueOf(body).length();
        if (String.valueOf(len).length() != String.valueOf(body).length()) {
            len++; // one more digit
        }
        return (len + " path=" + name + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] block(String name, char type, int mode, long size, long mtime) {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 265, 4);
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 297, 4);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum); // six digits, NUL, and the space already there
        return h;
    }

    /** {@code width − 1} octal digits and a NUL. */
    private static void octal(byte[] h, int at, int width, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > width - 1) {
            throw new IllegalArgumentException(value + " does not fit a tar field of " + width);
        }
        s = "0".repeat(width - 1 - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, at, width - 1);
        h[at + width - 1] = 0;
    }

    // ---------------------------------------------------------------- reading

    /** What a bad archive is: one line saying where and why. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** One entry as the reader hands it over. */
    record Entry(String name, char type, long size) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    /**
     * Reads entries one after the other. The data of the current entry is read with {@link #data(int)}
     * (up to a cap) or skipped by the next {@link #next()}. Bounded: a header must be a valid ustar
     * or old-style header with a right checksum, a pax or GNU long-name record is at most 64 KiB.
     */
    static final class Reader {
        private static final int MAX_LONG_NAME = 64 << 10;
        private final InputStream in;
        private long remaining;
        private long padding;

        Reader(InputStream in) {
            this.in = in;
        }

        /** The next entry, or null at the end of the archive. */
        Entry next() throws IOException {
            skip(remaining + padding);
            remaining = 0;
            padding = 0;
            String longName = null;
            while (true) {
                byte[] h = new byte[BLOCK];
                int n = in.readNBytes(h, 0, BLOCK);
                if (n == 0) {
                    return null; // no end blocks: tolerated, as tar does
                }
                if (n < BLOCK) {
                    throw new Malformed("the archive ends inside a header");
                }
                if (allZero(h)) {
                    return null;
                }
                checkSum(h);
                char type = (char) h[156];
                long size = number(h, 124, 12, "size");
                if (type == 'x' || type == 'L') {
                    if (size > MAX_LONG_NAME) {
                        throw new Malformed("a " + (type == 'x' ? "pax" : "long-name") + " header of " + size + " bytes");
                    }
                    byte[] data = in.readNBytes((int) size);
                    if (data.length < size) {
                        throw new Malformed("the archive ends inside a header");
                    }
                    skip(pad(size));
                    longName = type == 'x' ? paxPath(data, longName) : cString(data, 0, data.length);
                    continue;
                }
                if (type == 'g') { // global pax header: nothing a bundle needs
                    skip(size + pad(size));
                    continue;
                }
                String name = longName != null ? longName : name(h);
                // Links, devices and FIFOs have no data; a file's size is what follows.
                long dataSize = type == '1' || type == '2' || type == '3' || type == '4' || type == '6' || type == '5'
                        ? 0 : size;
                remaining = dataSize;
                padding = pad(dataSize);
                return new Entry(name, type, dataSize);
            }
        }

        /** The data of the current entry, or null when it is longer than {@code cap} (then skipped). */
        byte[] data(int cap) throws IOException {
            if (remaining > cap) {
                return null;
            }
            byte[] data = in.readNBytes((int) remaining);
            if (data.length < remaining) {
                throw new Malformed("the archive ends inside a file");
            }
            remaining = 0;
            return data;
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long k = in.skip(left);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new Malformed("the archive ends inside an entry");
                    }
                    k = 1;
                }
                left -= k;
            }
        }
    }

    private static long pad(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkSum(byte[] h) throws Malformed {
        long stored = number(h, 148, 8, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        if (sum != stored) {
            throw new Malformed("a header's checksum is wrong (not a tar archive, or a damaged one)");
        }
    }

    /** An octal field (spaces and NULs around it allowed), or GNU's base-256 for large numbers. */
    static long number(byte[] h, int at, int width, String what) throws Malformed {
        if ((h[at] & 0x80) != 0) {
            long v = h[at] & 0x7f;
            for (int i = at + 1; i < at + width; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new Malformed("a header's " + what + " is too large");
                }
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = at; i < at + width; i++) {
            int c = h[i] & 0xff;
            if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new Malformed("a header's " + what + " is not a number");
            }
            digits = true;
            v = v * 8 + (c - '0');
        }
        return v;
    }

    /** prefix + "/" + name of a ustar header; the name alone in an old-style one. */
    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int from, int max) {
        int end = from;
        while (end < from + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }

    /** The path record of a pax header ("LEN path=NAME\n" among others), or {@code otherwise}. */
    static String paxPath(byte[] data, String otherwise) throws Malformed {
        int at = 0;
        String path = otherwise;
        while (at < data.length) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new Malformed("a pax record has no length");
            }
            if (len <= space - at || at + len > data.length) {
                throw new Malformed("a pax record's length is outside its header");
            }
            String record = new String(data, space + 1, at + len - space - 2, StandardCharsets.UTF_8);
            if (record.startsWith("path=")) {
                path = record.substring(5);
            }
            at += len;
        }
        return path;
    }
}
