package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Live;

class KernelFsTest {
    @Test
    void filesPrintedRecordByRecordAreReadToTheEnd() throws Exception {
        // /proc/PID/maps answers about a page per read(2): a short read is not its end.
        Path maps = Path.of("/proc/self/maps");
        Live.require(Files.exists(maps), "needs /proc");
        String viaXray = KernelFs.live().read(maps).orElseThrow();
        assertTrue(viaXray.length() > 8192, "a JVM maps more than two pages of lines: " + viaXray.length());
        assertTrue(viaXray.endsWith("\n"));
        assertTrue(viaXray.contains("libjvm.so"), "the whole file, its last lines included");
    }

    @Test
    void onePieceFilesAndErrors(@TempDir Path dir) throws Exception {
        KernelFs fs = KernelFs.live();
        Files.writeString(dir.resolve("big"), "x".repeat(100_000));
        assertEquals(100_000, fs.read(dir, "big").orElseThrow().length(), "a buffer-sized read is not the end");
        assertEquals(100_000, fs.read(dir.resolve("big")).orElseThrow().length());
        assertEquals(Optional.empty(), fs.read(dir, "absent"));
        assertEquals(Optional.empty(), fs.read(dir.resolve("absent/deeper")));
        Files.createDirectory(dir.resolve("adir"));
        FileProblem p = assertThrows(FileProblem.class, () -> fs.read(dir, "adir"));
        assertEquals(dir.resolve("adir"), p.file());
        assertEquals("is a directory", p.problem());
    }

    @Test
    void subdirectoriesFromTheLinkCount(@TempDir Path dir) throws Exception {
        String type = Files.getFileStore(dir).type();
        Live.require(java.util.Set.of("ext4", "tmpfs", "xfs", "ext3").contains(type),
                "needs a file system that counts subdirectories in st_nlink, not " + type);
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve("a/c"));
        Files.writeString(dir.resolve("a/file"), "");
        KernelFs fs = KernelFs.live();
        assertEquals(2, fs.subdirectories(dir.resolve("a")));
        assertEquals(0, fs.subdirectories(dir.resolve("a/b")), "a leaf: the scan does not list it");
        Path cgroupRoot = Path.of("/sys/fs/cgroup/memory");
        if (Files.isDirectory(cgroupRoot)) {
            try (var s = Files.list(cgroupRoot)) {
                assertEquals(s.filter(Files::isDirectory).count(), fs.subdirectories(cgroupRoot), "kernfs counts too");
            }
        }
    }

    @Test
    void aFileSystemThatDoesNotCountSaysSo() {
        // jimfs (basic attributes only, as Tree makes it), like btrfs, gives no link count to trust: unknown,
        // never a wrong 0, so the walk lists every directory.
        xray.testing.Tree t = new xray.testing.Tree().dir("/a/b");
        assertEquals(-1, t.kernelFs().subdirectories(t.root().resolve("a")));
        assertEquals(-1, t.kernelFs().subdirectories(t.root().resolve("a/b")), "a leaf is no different");
    }
}
