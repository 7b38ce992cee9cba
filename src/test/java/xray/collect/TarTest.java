package xray.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.kernel.KernelFs;
import xray.testing.Live;

/** The tar writer and reader, against each other, against GNU tar, and on archives made to hurt. */
class TarTest {
    @TempDir
    Path tmp;

    static final String LONG = "a/" + "kubepods.slice/kubepods-burstable.slice/".repeat(5)
            + "cri-containerd-1c8fa019edd4b9d4b2856f4932c55929c5c118c808ed5faee9a135ca6e84b039.scope/memory.stat";

    static byte[] archive(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.Writer w = new Tar.Writer(out, 1_700_000_000L);
        for (int i = 0; i < namesAndContents.length; i += 2) {
            if (namesAndContents[i + 1] == null) {
                w.directory(namesAndContents[i]);
            } else {
                w.file(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
        w.finish();
        return out.toByteArray();
    }

    static List<String> read(byte[] tar) throws IOException {
        Tar.Reader r = new Tar.Reader(new ByteArrayInputStream(tar));
        List<String> out = new ArrayList<>();
        for (Tar.Entry e; (e = r.next()) != null; ) {
            out.add(e.type() + " " + e.name() + (e.isFile() ? " " + new String(r.data(1 << 20), StandardCharsets.UTF_8) : ""));
        }
        return out;
    }

    @Test
    void whatIsWrittenIsReadBackWithLongNames() throws IOException {
        assertTrue(LONG.length() > 255, "longer than ustar's name and prefix together");
        byte[] tar = archive("a", null, "a/proc/meminfo", "MemTotal: 1 kB\n", LONG, "anon 4096\n", "a/empty", "");
        assertEquals(0, tar.length % 512);
        assertEquals(List.of("5 a/", "0 a/proc/meminfo MemTotal: 1 kB\n", "0 " + LONG + " anon 4096\n", "0 a/empty "),
                read(tar));
    }

    @Test
    void paxRecordsCountTheirOwnLength() throws IOException {
        for (int n : new int[] {1, 88, 89, 90, 91, 990, 991, 992, 9990}) {
            String name = "x".repeat(n);
            byte[] rec = Tar.pathRecord(name);
            String s = new String(rec, StandardCharsets.UTF_8);
            assertEquals(rec.length, Integer.parseInt(s.substring(0, s.indexOf(' '))), "record for a name of " + n);
            assertEquals(name, Tar.paxPath(rec, null));
        }
    }

    @Test
    void gnuTarReadsWhatXrayWrites() throws Exception {
        Live.require(Live.onPath("tar"), "needs GNU tar");
        Path file = tmp.resolve("x.tar");
        Files.write(file, archive("a", null, "a/proc/meminfo", "MemTotal: 1 kB\n", LONG, "anon 4096\n"));
        Process p = new ProcessBuilder("tar", "tvf", file.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), listing);
        assertTrue(listing.contains(LONG), listing);
        assertTrue(listing.contains("a/proc/meminfo"), listing);
        Path out = Files.createDirectory(tmp.resolve("out"));
        assertEquals(0, new ProcessBuilder("tar", "xf", file.toString(), "-C", out.toString()).start().waitFor());
        assertEquals("anon 4096\n", Files.readString(out.resolve(LONG)));
    }

    @Test
    void xrayReadsWhatGnuTarWrites() throws Exception {
        Live.require(Live.onPath("tar"), "needs GNU tar");
        Path src = tmp.resolve("src");
        Path deep = src.resolve(LONG);
        Files.createDirectories(deep.getParent());
        Files.writeString(deep, "anon 4096\n");
        Files.writeString(Files.createDirectories(src.resolve("proc")).resolve("meminfo"), "MemTotal: 1 kB\n");
        Files.createSymbolicLink(src.resolve("proc/link"), Path.of("/etc/shadow"));
        Path tgz = tmp.resolve("gnu.tar.gz");
        for (String format : new String[] {"gnu", "posix"}) {
            Process p = new ProcessBuilder("tar", "czf", tgz.toString(), "--format=" + format, "-C", src.toString(), ".")
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), log);
            BundleFs.Opened o = BundleFs.open(tgz);
            KernelFs fs = o.fs();
            assertEquals("anon 4096\n", fs.read("/" + LONG).orElseThrow(), format);
            assertEquals("MemTotal: 1 kB\n", fs.read("/proc/meminfo").orElseThrow(), format);
            assertFalse(fs.exists(fs.path("/proc/link")), "a link in an archive is passed over (" + format + ")");
            assertEquals(1, o.notes().size(), o.notes().toString());
            assertTrue(o.notes().get(0).contains("1 entry that is not a regular file or directory"), o.notes().toString());
        }
    }

    @Test
    void oneTopDirectoryIsTheRoot() throws IOException {
        Path f = gz(archive("xray-h-1", null, "xray-h-1/manifest.json", "{}", "xray-h-1/proc/meminfo", "M\n"));
        assertEquals("M\n", BundleFs.open(f).fs().read("/proc/meminfo").orElseThrow());
        Path bare = gz(archive("proc/meminfo", "M\n", "sys/x", "y"));
        assertEquals("M\n", BundleFs.open(bare).fs().read("/proc/meminfo").orElseThrow());
    }

    @Test
    void entriesThatClashArePassedOver() throws IOException {
        Path f = gz(archive("proc/meminfo", "M\n", "proc/meminfo/x", "y", "proc", "z", "sys", null, "sys/a", "b"));
        BundleFs.Opened o = BundleFs.open(f);
        assertEquals("M\n", o.fs().read("/proc/meminfo").orElseThrow());
        assertEquals("b", o.fs().read("/sys/a").orElseThrow());
        assertTrue(o.notes().toString().contains("2 entries whose name clashes"), o.notes().toString());
    }

    @Test
    void namesThatClimbOutAreRefused() throws IOException {
        Path f = gz(archive("a/../../etc/passwd", "root:x:0:0\n"));
        IOException e = assertThrows(IOException.class, () -> BundleFs.open(f));
        assertTrue(e.getMessage().contains("climbs out"), e.getMessage());
        assertEquals("a/b", BundleFs.clean("./a//b/"));
    }

    @Test
    void damagedArchivesSayWhy() throws IOException {
        byte[] good = archive("a/proc/meminfo", "MemTotal: 1 kB\n");
        byte[] badSum = good.clone();
        badSum[0] = 'b';
        assertTrue(assertThrows(IOException.class, () -> BundleFs.open(gz(badSum))).getMessage().contains("checksum"));
        byte[] cut = java.util.Arrays.copyOf(good, 600);
        assertTrue(assertThrows(IOException.class, () -> BundleFs.open(gz(cut))).getMessage().contains("ends inside"));
        byte[] gzCut = Files.readAllBytes(gz(good));
        Path truncated = tmp.resolve("t.tar.gz");
        Files.write(truncated, java.util.Arrays.copyOf(gzCut, gzCut.length / 2));
        IOException t = assertThrows(IOException.class, () -> BundleFs.open(truncated));
        assertFalse(t instanceof BundleFs.NotABundle, "a cut gzip is a damaged bundle: " + t);
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        assertThrows(BundleFs.NotABundle.class, () -> BundleFs.open(text));
    }

    @Test
    void aFileLargerThanAnyKernelFileIsPassedOver() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            Tar.Writer w = new Tar.Writer(gz, 0);
            w.file("proc/meminfo", "M\n".getBytes(StandardCharsets.UTF_8));
            w.file("proc/huge", new byte[KernelFs.MAX_BYTES + 1]);
            w.finish();
        }
        Path f = tmp.resolve("big.tar.gz");
        Files.write(f, out.toByteArray());
        BundleFs.Opened o = BundleFs.open(f);
        assertFalse(o.fs().exists(o.fs().path("/proc/huge")));
        assertEquals("M\n", o.fs().read("/proc/meminfo").orElseThrow());
        assertTrue(o.notes().toString().contains("larger than 16 MiB"), o.notes().toString());
    }

    @Test
    void base256AndOctalNumbers() throws IOException {
        byte[] h = new byte[512];
        h[124] = (byte) 0x80;
        h[135] = 5;
        assertEquals(5, Tar.number(h, 124, 12, "size"));
        byte[] o = "00000000017\0".getBytes(StandardCharsets.US_ASCII);
        assertEquals(15, Tar.number(o, 0, 12, "size"));
        assertNull(new Tar.Reader(new ByteArrayInputStream(new byte[1024])).next(), "two zero blocks end an archive");
    }

    private Path gz(byte[] tar) throws IOException {
        Path f = Files.createTempFile(tmp, "b", ".tar.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(f))) {
            gz.write(tar);
        }
        return f;
    }
}
