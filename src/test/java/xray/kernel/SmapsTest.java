package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.Mapping;

class SmapsTest {
    static final String TEXT = """
            7f09a0603000-7f09a06ff000 rw-p 00000000 00:00 0
            Size:               1008 kB
            KernelPageSize:        4 kB
            Rss:                  48 kB
            Anonymous:            48 kB
            VmFlags: rd wr mr mw me ac sd
            7f09a1551000-7f09a1592000 r-xp 00005000 fe:00 328233                     /usr/lib/jvm/java-17-openjdk-amd64/lib/libjsvml.so
            Size:                260 kB
            Rss:                 128 kB
            Anonymous:             0 kB
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
            Size:                  4 kB
            Rss:                   0 kB
            """;

    @Test
    void mappingsWithTheirResidentAndAnonymousBytes() {
        assertEquals(List.of(
                new Mapping(0x7f09a0603000L, 0x7f09a06ff000L, "rw-p", "", 48 << 10, 48 << 10),
                new Mapping(0x7f09a1551000L, 0x7f09a1592000L, "r-xp",
                        "/usr/lib/jvm/java-17-openjdk-amd64/lib/libjsvml.so", 128 << 10, 0),
                new Mapping(0xffffffffff600000L, 0xffffffffff601000L, "--xp", "[vsyscall]", 0, 0)), Smaps.parse(TEXT));
        assertTrue(Smaps.parse(TEXT).get(2).contains(0xffffffffff600800L), "addresses compare unsigned");
    }

    /**
     * Σ Rss over smaps equals smaps_rollup's Rss. This JVM allocates while the test runs (other
     * tests run beside it), so the sum is checked against rollups read just before and just after,
     * with a page table's worth of slack; a read that a GC straddled is tried again, at most twice.
     */
    @Test
    void thisProcessAgreesWithItsRollup() throws Exception {
        String last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = rollupRss();
            List<Mapping> maps = Smaps.parse(Files.readString(Path.of("/proc/self/smaps")));
            long after = rollupRss();
            assertTrue(maps.size() > 50);
            long rss = maps.stream().mapToLong(Mapping::rss).sum();
            long slack = 1 << 20;
            if (rss >= Math.min(before, after) - slack && rss <= Math.max(before, after) + slack) {
                return;
            }
            last = "Σ Rss of smaps " + rss + " outside the rollups read around it, " + before + " and " + after;
        }
        throw new AssertionError(last);
    }

    private static long rollupRss() throws Exception {
        return SmapsRollup.parse(Files.readString(Path.of("/proc/self/smaps_rollup"))).get("Rss");
    }

    @Test
    void garbledIsMalformed() {
        assertThrows(Malformed.class, () -> Smaps.parse("7f09a0603000-zz rw-p 00000000 00:00 0\n"));
        assertThrows(Malformed.class, () -> Smaps.parse(TEXT.replace("Rss:                  48 kB", "Rss: many kB")));
        // past 2^63 (parseU64 keeps such a value's bits, negative): malformed, not -1024 bytes
        assertThrows(Malformed.class, () -> Smaps.parse(TEXT.replace("Rss:                  48 kB",
                "Rss: 18446744073709551615 kB")));
        assertEquals(List.of(), Smaps.parse(""));
    }
}
