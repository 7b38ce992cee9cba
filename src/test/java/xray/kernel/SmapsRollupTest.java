package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.ProcSmaps;
import xray.testing.PeerCorpus;

class SmapsRollupTest {
    private static final long K = 1024;

    private static ProcSmaps corpus(String file) throws IOException {
        String text = Files.readString(PeerCorpus.resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        KeyedValues kv = SmapsRollup.parse(text);
        assertEquals(List.of(), kv.problems(), "the header line is not a problem");
        return SmapsRollup.of(kv);
    }

    @Test
    void procfsRollupAsPrometheusProcfsAssertsIt() throws IOException {
        // INDEX.md: Rss=29948, Pss=29944, Shared_Clean=4, Shared_Dirty=0, Private_Clean=15548,
        // Private_Dirty=14396, Swap=1940, SwapPss=1940 (kB); this rollup has no Pss_Anon/File/Shmem.
        assertEquals(new ProcSmaps(29948 * K, 29944 * K, null, null, null, 4 * K, 0L, 15548 * K, 14396 * K,
                1940 * K, 1940 * K), corpus("procfs/proc/26231/smaps_rollup"));
    }

    @Test
    void android414RollupHasNoPssAnonAndNoFinalNewline() throws IOException {
        // INDEX.md: rss=331908, pss=202052, private_clean=90472, private_dirty=64016, swap_pss=442 kB.
        assertEquals(new ProcSmaps(331908 * K, 202052 * K, null, null, null, 158492 * K, 18928 * K, 90472 * K,
                64016 * K, 5344 * K, 442 * K), corpus("android-libmeminfo/rollup-test/proc/self/smaps_rollup"));
    }

    @Test
    void modernRollupSplitsPss() throws IOException {
        assertEquals(new ProcSmaps(24540 * K, 5972 * K, 4990 * K, 982 * K, 0L, 15420 * K, 8260 * K, 0L, 860 * K,
                0L, 0L), corpus("ms-gossip/proc/self/smaps_rollup"));
    }

    @Test
    void thisKernelsShape() {
        // Captured on this machine's kernel (6.18): Pss_Dirty and KSM are newer keys, in the middle.
        String text = """
                55b22b5a8000-7fff60755000 ---p 00000000 00:00 0                          [rollup]
                Rss:                1744 kB
                Pss:                 359 kB
                Pss_Dirty:           116 kB
                Pss_Anon:            116 kB
                Pss_File:            243 kB
                Pss_Shmem:             0 kB
                Shared_Clean:       1592 kB
                Shared_Dirty:          0 kB
                Private_Clean:        36 kB
                Private_Dirty:       116 kB
                Referenced:         1744 kB
                Anonymous:           116 kB
                KSM:                   0 kB
                LazyFree:              0 kB
                Swap:                  0 kB
                SwapPss:               0 kB
                Locked:                0 kB
                """;
        assertEquals(new ProcSmaps(1744 * K, 359 * K, 116 * K, 243 * K, 0L, 1592 * K, 0L, 36 * K, 116 * K, 0L, 0L),
                SmapsRollup.of(SmapsRollup.parse(text)));
    }

    @Test
    void garbledLineIsAProblemTheRestStays() {
        KeyedValues kv = SmapsRollup.parse("Rss: 8 kB\nPss: lots kB\nPss: 4 kB\nSwapPss:\n");
        assertEquals(8 * K, kv.get("Rss"));
        assertEquals(4 * K, kv.get("Pss"));
        assertEquals(2, kv.problems().size(), kv.problems().toString());
    }

    @Test
    void withoutPssItIsMalformed() {
        Malformed m = assertThrows(Malformed.class, () -> SmapsRollup.of(SmapsRollup.parse("Rss: 8 kB\n")));
        assertEquals("no Rss or Pss line", m.getMessage());
        Malformed empty = assertThrows(Malformed.class, () -> SmapsRollup.of(SmapsRollup.parse(
                "00400000-ffffffffff601000 ---p 00000000 00:00 0  [rollup]\n")));
        assertEquals("empty file", empty.getMessage());
        assertTrue(SmapsRollup.parse("").problems().contains("empty file"));
    }
}
