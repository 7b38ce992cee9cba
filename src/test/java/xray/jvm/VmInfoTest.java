package xray.jvm;

import xray.model.VmInfoSample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.AddressRange;

class VmInfoTest {
    static final long K = 1024;
    static final long M = 1024 * 1024;

    @Test
    void jdk17() {
        VmInfoSample v = VmInfo.parse(Samples.text("jdk17", "vm-info.txt"));
        assertEquals("G1", v.collector());
        assertEquals(1.540887, v.elapsedSeconds());
        assertEquals(List.of(new VmInfoSample.HeapSpace("garbage-first heap", 7626 * K, 397312 * K, null)), v.heap());
        assertEquals(new VmInfoSample.Space(1138 * K, 1344 * K, 1114112 * K), v.metaspace());
        assertEquals(new VmInfoSample.Space(127 * K, 192 * K, 1048576 * K), v.classSpace());
        assertEquals(3, v.codeHeaps().size());
        assertEquals((79 + 175 + 1121) * K, v.codeCacheUsed());
        assertEquals(56476 * K, v.rss());
        assertEquals(17931 * K, v.cHeapOutstanding());
        assertEquals(1528 * K, v.cHeapRetained());
    }

    @Test
    void jdk25MovedMetaspaceAndChangedTheG1Line() {
        VmInfoSample v = VmInfo.parse(Samples.text("jdk25", "vm-info.txt"));
        assertEquals("G1", v.collector());
        assertEquals(List.of(new VmInfoSample.HeapSpace("garbage-first heap", 6905 * K, 393216 * K, 6172672 * K)), v.heap());
        assertEquals(new VmInfoSample.Space(1152 * K, 1344 * K, 1114112 * K), v.metaspace());
        assertEquals(new VmInfoSample.Space(112 * K, 192 * K, 1048576 * K), v.classSpace());
        assertEquals(26007 * K, v.cHeapOutstanding());
        assertEquals(69784 * K, v.rss());
    }

    @Test
    void theAddressRangesXrayMeasuresResidencyOver() {
        VmInfoSample v17 = VmInfo.parse(Samples.text("jdk17", "vm-info.txt"));
        assertEquals(new AddressRange("heap", 0x687400000L, 0x800000000L), v17.heapRange());
        assertEquals(new AddressRange("class space", 0x7fbff4000000L, 0x7fc034000000L), v17.classSpaceRange());
        assertEquals(new AddressRange("CDS archive", 0x7fbff3000000L, 0x7fbff3bc7000L), v17.cdsRange());
        assertEquals(List.of(new AddressRange("card table", 0x7fc05c83a000L, 0x7fc05d400000L),
                new AddressRange("marking prev bits", 0x7fc055e44000L, 0x7fc05bc74000L),
                new AddressRange("marking next bits", 0x7fc050014000L, 0x7fc055e44000L)), v17.gcRanges());
        assertEquals(new AddressRange("CodeHeap 'non-profiled nmethods'", 0x7fc064ec7000L, 0x7fc06c400000L),
                v17.codeHeaps().get(0).range());
        VmInfoSample v25 = VmInfo.parse(Samples.text("jdk25", "vm-info.txt"));
        assertEquals(new AddressRange("heap", 0x687400000L, 0x800000000L), v25.heapRange());
        assertEquals(new AddressRange("class space", 0x8a000000L, 0xca000000L), v25.classSpaceRange());
        assertEquals(List.of(new AddressRange("card table", 0x7ff67e53c000L, 0x7ff67f102000L),
                new AddressRange("marking bits", 0x7ff65a5cf000L, 0x7ff6603ff000L)), v25.gcRanges());
        assertEquals(3, v25.codeHeaps().stream().filter(c -> c.range() != null).count());
    }

    @Test
    void theHeapAddressLineServesWhenNoHeapLineHasAddresses() {
        VmInfoSample z = VmInfo.parse("Heap address: 0x00000000f0000000, size: 256 MB, Compressed Oops mode: 32-bit\n");
        assertEquals(new AddressRange("heap", 0xf0000000L, 0x100000000L), z.heapRange());
        assertNull(VmInfo.parse("").heapRange());
    }

    @Test
    void gcHeapInfoOfTheSameJvms() {
        VmInfoSample v17 = VmInfo.parse(Samples.text("jdk17", "heap-info.txt"));
        assertEquals(1, v17.heap().size());
        VmInfoSample v25 = VmInfo.parse(Samples.text("jdk25", "heap-info.txt"));
        assertEquals(1, v25.heap().size());
        assertNull(v25.metaspace(), "JDK 25's GC.heap_info has no metaspace lines");
    }

    // GC.heap_info of real JVMs with each collector (-Xmx512m), JDK 17 and Temurin 25.

    @Test
    void serialAndParallelAreGenerations() {
        VmInfoSample serial17 = VmInfo.parse("""
                 def new generation   total 116160K, used 8263K [0x00000000e0000000, 0x00000000e7e00000, 0x00000000eaaa0000)
                  eden space 103296K,   8% used [0x00000000e0000000, 0x00000000e0811fb8, 0x00000000e64e0000)
                  from space 12864K,   0% used [0x00000000e64e0000, 0x00000000e64e0000, 0x00000000e7170000)
                  to   space 12864K,   0% used [0x00000000e7170000, 0x00000000e7170000, 0x00000000e7e00000)
                 tenured generation   total 258048K, used 0K [0x00000000eaaa0000, 0x00000000fa6a0000, 0x0000000100000000)
                   the space 258048K,   0% used [0x00000000eaaa0000, 0x00000000eaaa0000, 0x00000000eaaa0200, 0x00000000fa6a0000)
                 Metaspace       used 125K, committed 320K, reserved 1114112K
                  class space    used 3K, committed 128K, reserved 1048576K
                """);
        assertEquals(List.of(new VmInfoSample.HeapSpace("def new generation", 8263 * K, 116160 * K, null),
                new VmInfoSample.HeapSpace("tenured generation", 0L, 258048 * K, null)), serial17.heap());
        assertEquals(8263 * K, serial17.heapUsed());
        assertEquals((116160 + 258048) * K, serial17.heapCommitted());
        VmInfoSample parallel25 = VmInfo.parse("""
                PSYoungGen      total 113152K, used 7782K [0x00000000f5580000, 0x00000000fd380000, 0x0000000100000000)
                 eden space 97280K, 8% used [0x00000000f5580000,0x00000000f5d199d0,0x00000000fb480000)
                 from space 15872K, 0% used [0x00000000fc400000,0x00000000fc400000,0x00000000fd380000)
                 to   space 15872K, 0% used [0x00000000fb480000,0x00000000fb480000,0x00000000fc400000)
                ParOldGen       total 258048K, used 1166K [0x00000000e0000000, 0x00000000efc00000, 0x00000000f5580000)
                 object space 258048K, 0% used [0x00000000e0000000,0x00000000e0123ab8,0x00000000efc00000)
                """);
        assertEquals(List.of("PSYoungGen", "ParOldGen"), parallel25.heap().stream().map(VmInfoSample.HeapSpace::name).toList());
        assertEquals((7782 + 1166) * K, parallel25.heapUsed());
    }

    @Test
    void zgcAndShenandoah() {
        VmInfoSample z = VmInfo.parse("""
                ZHeap            used 4M, capacity 378M, max capacity 512M
                 Cache           374M (1)
                  size classes   256M (1)
                """);
        assertEquals(List.of(new VmInfoSample.HeapSpace("ZHeap", 4 * M, 378 * M, 512 * M)), z.heap());
        VmInfoSample shenandoah = VmInfo.parse("""
                Shenandoah Heap
                 512M max, 512M soft max, 376M committed, 1280K used
                 2048 x 256K regions
                Status: not cancelled
                """);
        assertEquals(List.of(new VmInfoSample.HeapSpace("Shenandoah Heap", 1280 * K, 376 * M, 512 * M)), shenandoah.heap());
    }

    @Test
    void heapHistoryInVmInfoIsNotTheHeapNow() {
        VmInfoSample v = VmInfo.parse("""
                Heap:
                 garbage-first heap   total 397312K, used 4675K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 1 young (4096K), 0 survivors (0K)

                GC Heap History (2 events):
                Event: 0.151 GC heap before
                {Heap before GC invocations=0 (full 0):
                 garbage-first heap   total 262144K, used 24576K [0x0000000687400000, 0x0000000800000000)
                """);
        assertEquals(1, v.heap().size());
        assertEquals(4675 * K, v.heapUsed());
    }

    @Test
    void nothingKnownIsAllNull() {
        VmInfoSample v = VmInfo.parse("");
        assertNull(v.heapUsed());
        assertNull(v.collector());
        assertNull(v.codeCacheUsed());
        assertNull(v.rss());
    }
}
