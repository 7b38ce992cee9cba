package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColonFieldsTest {
    @Test
    void kbBecomesBytesAndCountsStayCounts() {
        KeyedValues v = ColonFields.parseNumbers("MemTotal:       15666184 kB\nHugePages_Total:       0\nHugepagesize:       2048 kB\n");
        assertEquals(15666184L * 1024, v.get("MemTotal"));
        assertEquals(0L, v.get("HugePages_Total"));
        assertEquals(2048L * 1024, v.get("Hugepagesize"));
        assertNull(v.get("MemAvailable"));
    }

    @Test
    void garbledLineIsReportedOthersKept() {
        KeyedValues v = ColonFields.parseNumbers("MemTotal: 10 kB\nMemFree: lots kB\nbroken line\nCached: 3 kB");
        assertEquals(10L * 1024, v.get("MemTotal"));
        assertEquals(3L * 1024, v.get("Cached"));
        assertNull(v.get("MemFree"));
        assertEquals(List.of("line 2 'MemFree: lots kB' has no number", "line 3 'broken line' is not 'Key: value'"),
                v.problems());
    }

    @Test
    void textFieldsAreTrimmedWhateverTheSeparator() {
        var f = ColonFields.parseText("\nName:   kube-proxy\nState:\tS (sleeping)\n");
        assertEquals("kube-proxy", f.get("Name"));
        assertEquals("S (sleeping)", f.get("State"));
    }

    @Test
    void sizes() {
        assertEquals(1024L, ColonFields.bytes(" 1 kB"));
        assertEquals(7L, ColonFields.bytes("7"));
        assertNull(ColonFields.bytes("7 MB"));
        assertNull(ColonFields.bytes(""));
    }
}
