package xray.jvm;

import xray.model.NmtSample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import xray.kernel.Malformed;

class NativeMemoryTest {
    @Test
    void jdk17Summary() {
        NmtSample s = NativeMemory.parse(Samples.text("jdk17", "nmt-summary.txt"));
        assertEquals(8044305439L, s.reserved());
        assertEquals(492563487L, s.committed());
        assertEquals(13450271L, s.malloc());
        assertEquals(406847488L, s.committed("Java Heap"));
        assertEquals(30408704L, s.stackReserved());
        assertEquals(1904640L, s.stackCommitted());
        assertEquals(21, s.categories().size());
        assertEquals(new NmtSample.Category("Thread", 30490344, 1986280), s.categories().get(2));
        // the categories add up to the total
        assertEquals(s.committed(), s.categories().stream().mapToLong(NmtSample.Category::committed).sum());
    }

    @Test
    void jdk25SummaryWithPeaks() {
        NmtSample s = NativeMemory.parse(Samples.text("jdk25", "nmt-summary.txt"));
        assertEquals(7939669492L, s.reserved());
        assertEquals(490610164L, s.committed());
        assertEquals(20966900L, s.malloc());
        assertEquals(1970176L, s.stackCommitted());
        assertEquals(402653184L, s.committed("Java Heap"));
        assertEquals(s.committed(), s.categories().stream().mapToLong(NmtSample.Category::committed).sum());
    }

    @Test
    void otherScalesCarryUnits() {
        // VM.info embeds the summary in KB
        NmtSample s = NativeMemory.parse("""
                Total: reserved=7843554KB, committed=476966KB
                       malloc: 11162KB #3851
                -                 Java Heap (reserved=6172672KB, committed=397312KB)
                -                    Thread (reserved=19506KB, committed=854KB)
                                            (stack: reserved=19456KB, committed=804KB)
                """);
        assertEquals(7843554L << 10, s.reserved());
        assertEquals(11162L << 10, s.malloc());
        assertEquals(804L << 10, s.stackCommitted());
    }

    @Test
    void offIsNullAndGarbageIsMalformed() {
        assertNull(NativeMemory.parse("Native memory tracking is not enabled\n"));
        assertThrows(Malformed.class, () -> NativeMemory.parse("Native Memory Tracking:\n\n"));
    }
}
