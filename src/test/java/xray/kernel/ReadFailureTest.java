package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Live;

/**
 * The one classification of failed reads decides by the exception's type or by asking the file
 * system again, never by the message: every message below is German, as a host in Germany would
 * give it, and the decisions are the same as in English.
 */
class ReadFailureTest {
    static IOException german(Path p) {
        return new FileSystemException(p.toString(), null, "Kein passendes Gerät gefunden");
    }

    @Test
    void typesDecideFirst(@TempDir Path dir) {
        KernelFs fs = KernelFs.at(dir);
        Path f = dir.resolve("x");
        assertEquals(ReadFailure.ABSENT, fs.classify(f, new NoSuchFileException(f.toString()), false));
        assertEquals(ReadFailure.NOT_PERMITTED, fs.classify(f, new AccessDeniedException(f.toString()), false));
    }

    @Test
    void textOnlyFailuresAreFoundAgainFromTheFileSystem(@TempDir Path dir) throws Exception {
        KernelFs fs = KernelFs.at(dir);
        Path gone = dir.resolve("cgroup/memory.stat"); // ENODEV after rmdir: the directory is gone
        assertEquals(ReadFailure.ABSENT, fs.classify(gone, german(gone), true));
        Path notDir = dir.resolve("file/under"); // ENOTDIR
        Files.writeString(dir.resolve("file"), "");
        assertEquals(ReadFailure.ABSENT, fs.classify(notDir, german(notDir), false));
        Path there = Files.writeString(dir.resolve("there"), "1\n"); // EIO on a snapshot's disk
        assertEquals(ReadFailure.IO_ERROR, fs.classify(there, german(there), true));
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
        assertEquals(ReadFailure.IO_ERROR, fs.classify(loop, german(loop), false));
    }

    @Test
    void aKernelFileTheKernelWillNotPrintIsNotSupported() {
        Path status = Path.of("/proc/self/status");
        Live.require(Files.exists(status), "needs /proc");
        assertEquals(ReadFailure.NOT_SUPPORTED, KernelFs.live().classify(status, german(status), true),
                "a /proc file that is there, readable, and failed: EOPNOTSUPP or EINVAL");
    }

    @Test
    void aFileOfAZombieIsAbsent() throws Exception {
        Live.require(Files.exists(Path.of("/proc/self/stat")), "needs /proc");
        // sh forks a child that exits at once, then becomes sleep, which never reaps it: a zombie.
        Process p = new ProcessBuilder("sh", "-c", "true & exec sleep 30").start();
        try {
            long zombie = -1;
            for (int i = 0; i < 100 && zombie < 0; i++) {
                zombie = p.toHandle().children().mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
                Thread.sleep(20);
            }
            assertTrue(zombie > 0, "no child seen");
            Path rollup = Path.of("/proc/" + zombie + "/smaps_rollup");
            String state = Files.readString(Path.of("/proc/" + zombie + "/stat"));
            assertTrue(state.substring(state.lastIndexOf(')') + 2).startsWith("Z"), state);
            KernelFs fs = KernelFs.live();
            assertEquals(ReadFailure.ABSENT, fs.classify(rollup, german(rollup), true), "ESRCH from a zombie");
            assertEquals(Optional.empty(), fs.read(rollup), "the zombie's smaps_rollup fails with ESRCH: absent");
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProblemCarriesItsKindAndTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("adir"));
        FileProblem p = assertThrows(FileProblem.class, () -> KernelFs.at(dir).read(dir, "adir"));
        assertEquals(ReadFailure.MALFORMED, p.kind());
        assertEquals(dir.resolve("adir"), p.file());
    }
}
