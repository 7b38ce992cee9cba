package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.jvm.ClassHistogram;
import xray.jvm.NativeMemory;
import xray.jvm.Samples;
import xray.jvm.VmInfo;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Memory;
import xray.model.JvmReport.Resident;
import xray.model.Mapping;

class JvmMemoryTest {
    static final long MIB = 1 << 20;
    static final long KIB = 1 << 10;

    /** VM.info of a small G1 JVM: the heap at 0xf0000000 (256 MiB), three code heaps, class space, CDS, GC structures. */
    static final String VM_INFO = """
            Heap address: 0x00000000f0000000, size: 256 MB, Compressed Oops mode: 32-bit

            CDS archive(s) mapped at: [0x00007f0927000000-0x00007f0927bc7000-0x00007f0927bc7000), size 12349440, SharedBaseAddress: 0x00007f0927000000, ArchiveRelocationMode: 1.
            Compressed class space mapped at: 0x00007f0928000000-0x00007f0968000000, reserved size: 1073741824

            Heap:
             garbage-first heap   total 262144K, used 1685K [0x00000000f0000000, 0x0000000100000000)
              region size 1024K, 1 young (1024K), 0 survivors (0K)
             Metaspace       used 7300K, committed 8192K, reserved 1114112K
              class space    used 300K, committed 1024K, reserved 1048576K

            Card table byte_map: [0x00007f09a2702000,0x00007f09a2782000] _byte_map_base: 0x00007f09a1f82000

            Marking Bits (Prev, Next): (CMBitMap*) 0x00007f099c03e9c0, (CMBitMap*) 0x00007f099c03ea00
             Prev Bits: [0x00007f09a2200000, 0x00007f09a2600000)
             Next Bits: [0x00007f09a1e00000, 0x00007f09a2200000)

            CodeHeap 'non-profiled nmethods': size=120036Kb used=1Kb max_used=1Kb free=120034Kb
             bounds [0x00007f098cec7000, 0x00007f098d137000, 0x00007f0994400000]
            CodeHeap 'profiled nmethods': size=120032Kb used=3Kb max_used=3Kb free=120028Kb
             bounds [0x00007f0985400000, 0x00007f0985670000, 0x00007f098c938000]
            CodeHeap 'non-nmethods': size=5692Kb used=1031Kb max_used=1031Kb free=4660Kb
             bounds [0x00007f098c938000, 0x00007f098cba8000, 0x00007f098cec7000]
            C-Heap outstanding allocations: 30720K, retained: 10240K
            """;

    static Mapping anon(long start, long size, long resident) {
        return new Mapping(start, start + size, "rw-p", "", resident, resident);
    }

    @Test
    void residentPartsFromSmapsOverTheJvmsRangesAddUp() {
        List<Mapping> maps = List.of(
                anon(0xf0000000L, 200 * MIB, 40 * MIB),                 // heap, committed part
                new Mapping(0xfc800000L, 0xffe00000L, "---p", "", 0, 0),   // heap, reserved part
                new Mapping(0xffe00000L, 0x100000000L, "rw-p", "/usr/lib/jvm/classes.jsa", MIB, 256 * KIB), // archived heap
                new Mapping(0x7f0927000000L, 0x7f0927bc7000L, "rw-p", "/usr/lib/jvm/classes.jsa", 11 * MIB, 3 * MIB),
                anon(0x7f0928000000L, MIB, 900 * KIB),                    // class space
                anon(0x7f0985400000L, 8 * MIB, 5 * MIB),                  // profiled nmethods
                anon(0x7f098c938000L, 2 * MIB, 2 * MIB),                  // non-nmethods
                anon(0x7f09a1e00000L, 8 * MIB, MIB),                      // marking bits (both)
                anon(0x7f09a2702000L, 512 * KIB, 100 * KIB),              // card table
                anon(0x7f09b0000000L, 64 * MIB, 30 * MIB),                // a malloc arena
                anon(0x7f09c0000000L, MIB + 16 * KIB, 200 * KIB),         // two thread stacks, merged
                anon(0x7f09c1000000L, MIB, 64 * KIB),                     // a third
                new Mapping(0x7f09d0000000L, 0x7f09d1000000L, "r-xp", "/usr/lib/jvm/libjvm.so", 12 * MIB, 0),
                new Mapping(0x7ffd00000000L, 0x7ffd00021000L, "rw-p", "[stack]", 132 * KIB, 132 * KIB));
        Map<Integer, Long> sp = Map.of(10, 0x7f09c0010000L, 11, 0x7f09c00f0000L, 12, 0x7f09c1080000L, 1, 0x7ffd00020000L,
                13, 0xf0001000L); // a stack pointer in the heap is no stack
        JvmSampleBuilder b = new JvmSampleBuilder().mappings(maps, sp);
        b.vmInfo = VmInfo.parse(VM_INFO);
        Memory m = JvmMemory.memory(b.build());
        Resident r = m.resident();
        assertEquals(41 * MIB, r.heap(), "the archived heap regions mapped from the archive too");
        // class space 900 KiB + the archive's copied pages 3 MiB + non-class metaspace committed (8 − 1 MiB)
        assertEquals(900 * KIB + 3 * MIB + 7 * MIB, r.metaspace());
        assertEquals(7 * MIB, r.codeCache());
        assertEquals(MIB + 100 * KIB, r.gcStructures());
        assertEquals(200 * KIB + 64 * KIB + 132 * KIB, r.threadStacks());
        assertEquals(4, r.stacksFound());
        assertEquals(30 * MIB - 7 * MIB, r.untracked(), "the arena, less the non-class metaspace counted without addresses");
        assertEquals(8 * MIB + 12 * MIB, r.files());
        assertEquals(r.total(), r.heap() + r.metaspace() + r.codeCache() + r.gcStructures() + r.threadStacks()
                + r.untracked() + r.files());
        assertEquals(r.untracked(), m.untrackedNative());
        assertEquals("smaps", m.untrackedBasis());
        assertNull(r.skipped());
    }

    @Test
    void aMappingAcrossARangesEdgeCountsInProportion() {
        // one anonymous mapping of 2 MiB, half of it the card table's
        JvmSampleBuilder b = new JvmSampleBuilder().mappings(List.of(anon(0x7f09a2702000L - 512 * KIB, MIB, 800 * KIB)),
                Map.of());
        b.vmInfo = VmInfo.parse(VM_INFO);
        assertEquals(400 * KIB, JvmMemory.memory(b.build()).resident().gcStructures());
    }

    @Test
    void withoutSmapsAndWithNmtUntrackedIsMallocOutsideIt() {
        JvmSampleBuilder b = new JvmSampleBuilder();
        b.vmInfo = VmInfo.parse(Samples.text("jdk17", "vm-info.txt"));
        b.nmt = NativeMemory.parse(Samples.text("jdk17", "nmt-summary.txt"));
        b.flags = new xray.model.JvmSample.Flags(6320816128L, null, "summary", "G1");
        b.histograms.add(ClassHistogram.parse("""
                   1:             3            192  java.nio.DirectByteBuffer (java.base@17.0.15)
                Total             3            192
                """));
        Memory m = JvmMemory.memory(b.build());
        // C-Heap outstanding 17931K − NMT malloc 13450271 + retained 1528K
        assertEquals(17931L * 1024 - 13450271L + 1528L * 1024, m.untrackedNative());
        assertEquals("nmt", m.untrackedBasis());
        assertEquals("unreadable", m.resident().skipped());
        assertNull(m.resident().heap());
        assertEquals(1904640L, m.threadStacks());
        assertEquals(7626L * 1024, m.heapUsed());
        assertEquals(397312L * 1024, m.heapCommitted());
        assertEquals(6320816128L, m.heapMax());
        assertEquals(1138L * 1024, m.metaspaceUsed());
        // NMT's Other gives the bytes of direct buffers, the histogram their objects; JMX would give the count
        assertEquals(new Buffers(null, 5244928L), m.directBuffers());
        assertEquals(3L, m.directBufferObjects());
        assertEquals("nmt-other", m.directBuffersBasis());
        assertNull(m.mappedBuffers());
    }

    @Test
    void withoutSmapsOrNmtUntrackedIsNotKnown() {
        JvmSampleBuilder b = new JvmSampleBuilder();
        b.vmInfo = VmInfo.parse(VM_INFO);
        Memory m = JvmMemory.memory(b.build());
        assertNull(m.untrackedNative());
        assertNull(m.untrackedBasis());
        assertEquals(30720 * KIB, m.mallocOutstanding());
    }

    @Test
    void directBufferObjectsFromEveryLoader() {
        assertEquals(10L, JvmMemory.directBufferObjects(ClassHistogram.parse("""
                   1:             7            448  java.nio.DirectByteBuffer (java.base@17.0.15)
                   2:             2            128  java.nio.DirectByteBufferR (java.base@17.0.15)
                   3:             1             64  java.nio.DirectByteBuffer
                   4:             5             80  java.nio.HeapByteBuffer (java.base@17.0.15)
                Total            15            720
                """)));
        assertNull(JvmMemory.directBufferObjects(null));
    }

    @Test
    void theMappingHoldingAnAddressIsFoundByItsStart() {
        Mapping low = new Mapping(0x1000L, 0x3000L, "rw-p", "", 0, 0);
        Mapping mid = new Mapping(0x5000L, 0x6000L, "rw-p", "", 0, 0);
        Mapping vsyscall = new Mapping(0xffffffffff600000L, 0xffffffffff601000L, "--xp", "[vsyscall]", 0, 0);
        List<Mapping> byStart = List.of(low, mid, vsyscall);
        assertNull(JvmMemory.containing(byStart, 0x0fffL), "below the first");
        assertEquals(low, JvmMemory.containing(byStart, 0x1000L), "its first byte");
        assertEquals(low, JvmMemory.containing(byStart, 0x2fffL), "its last byte");
        assertNull(JvmMemory.containing(byStart, 0x3000L), "its end is not in it");
        assertNull(JvmMemory.containing(byStart, 0x4000L), "a gap");
        assertEquals(mid, JvmMemory.containing(byStart, 0x5800L));
        assertEquals(vsyscall, JvmMemory.containing(byStart, 0xffffffffff600010L), "above 2^63: unsigned");
        assertNull(JvmMemory.containing(byStart, 0x7fffffffffffL), "between mid and vsyscall");
        assertNull(JvmMemory.containing(List.of(), 0x1000L));
    }
}
