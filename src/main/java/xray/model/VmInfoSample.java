package xray.model;

import java.util.List;

/**
 * What xray reads from {@code VM.info} (or {@code GC.heap_info}, whose text is its "Heap:" section),
 * in bytes; every value is null when its line is missing (older JDKs print fewer lines).
 *
 * @param heap             the heap spaces (a generation, or the whole heap) as the collector prints them
 * @param heapRange        the heap's reservation ("Heap address: …, size: … MB", or the addresses of
 *                         the heap lines), or null
 * @param codeHeaps        the code heaps (or the one code cache), each with its reserved addresses
 * @param classSpaceRange  where the compressed class space is mapped, or null
 * @param cdsRange         where the class-data-sharing archive is mapped, or null
 * @param gcRanges         GC structures whose addresses the JVM prints (card table, marking bitmaps)
 * @param cHeapOutstanding bytes malloc'ed and not freed, as glibc counts them (JDK 17.0.15+)
 * @param cHeapRetained    bytes freed but kept by glibc, not returned to the kernel
 */
public record VmInfoSample(String vm, Double elapsedSeconds, List<HeapSpace> heap, AddressRange heapRange,
                           Space metaspace, Space classSpace, List<CodeHeap> codeHeaps, AddressRange classSpaceRange,
                           AddressRange cdsRange, List<AddressRange> gcRanges, Long rss, Long cHeapOutstanding,
                           Long cHeapRetained) {

    /** A heap space as GC.heap_info prints it; null where not printed. */
    public record HeapSpace(String name, Long used, Long committed, Long max) {
    }

    /** Metaspace or class space: used, committed, reserved. */
    public record Space(long used, long committed, long reserved) {
    }

    /** A code heap (or the whole code cache): size is what is reserved; range is null when not printed. */
    public record CodeHeap(String name, long size, long used, AddressRange range) {
    }

    public VmInfoSample {
        heap = List.copyOf(heap);
        codeHeaps = List.copyOf(codeHeaps);
        gcRanges = List.copyOf(gcRanges);
    }

    /** The collector VM.info names in its "# Java VM:" line ("g1 gc" → "G1"), or null. */
    public String collector() {
        if (vm == null) {
            return null;
        }
        for (String part : vm.split(",")) {
            String p = part.trim().replace(")", "");
            if (p.endsWith(" gc")) {
                String g = p.substring(0, p.length() - 3);
                return switch (g) {
                    case "g1" -> "G1";
                    case "z" -> "ZGC";
                    case "shenandoah" -> "Shenandoah";
                    case "parallel" -> "Parallel";
                    case "serial" -> "Serial";
                    case "epsilon" -> "Epsilon";
                    default -> g;
                };
            }
        }
        return null;
    }

    /** Heap used over all spaces, or null when no heap line was read. */
    public Long heapUsed() {
        return sum(HeapSpace::used);
    }

    public Long heapCommitted() {
        return sum(HeapSpace::committed);
    }

    public Long codeCacheUsed() {
        if (codeHeaps.isEmpty()) {
            return null;
        }
        long t = 0;
        for (CodeHeap c : codeHeaps) {
            t += c.used();
        }
        return t;
    }

    private Long sum(java.util.function.Function<HeapSpace, Long> f) {
        if (heap.isEmpty()) {
            return null;
        }
        long t = 0;
        for (HeapSpace h : heap) {
            Long v = f.apply(h);
            if (v == null) {
                return null;
            }
            t += v;
        }
        return t;
    }
}
