package xray.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines xray reads from {@code VM.info} (the hs_err report of a live JVM), and from
 * {@code GC.heap_info}, whose text is the "Heap:" section of VM.info.
 * <pre>
 * # Java VM: OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1, mixed mode, sharing, tiered, compressed oops, compressed class ptrs, g1 gc, linux-amd64)
 * Time: Tue Nov 24 19:03:07 2026 UTC elapsed time: 1.656544 seconds (0d 0h 0m 1s)
 *  garbage-first heap   total 397312K, used 4675K [0x0000000687400000, 0x0000000800000000)
 *  Metaspace       used 73K, committed 320K, reserved 1114112K
 *   class space    used 3K, committed 128K, reserved 1048576K
 * CodeHeap 'non-profiled nmethods': size=120036Kb used=1Kb max_used=1Kb free=120034Kb
 * Resident Set Size: 41736K (peak: 41736K) (anon: 21636K, file: 20100K, shmem: 0K)
 * C-Heap outstanding allocations: 11545K, retained: 1774K
 * </pre>
 * The heap lines depend on the collector and the JDK: {@code total N, used N} (Serial, Parallel,
 * G1 before JDK 21), {@code total reserved N, committed N, used N} (G1 since JDK 21),
 * {@code used N, capacity N, max capacity N} (ZGC), {@code N max, N soft max, N committed, N used}
 * (Shenandoah). Metaspace lines are in the "Heap:" section up to JDK 20 and in "Metaspace:" after.
 * Every value is null when its line is missing (older JDKs print fewer lines).
 */
public record VmInfo(String vm, Double elapsedSeconds, List<HeapSpace> heap, Space metaspace, Space classSpace,
                     List<CodeHeap> codeHeaps, Long rss, Long cHeapOutstanding, Long cHeapRetained) {

    /** A heap space (a generation, or the whole heap) as GC.heap_info prints it; null where not printed. */
    public record HeapSpace(String name, Long used, Long committed, Long max) {
    }

    /** Metaspace or class space: used, committed, reserved. */
    public record Space(long used, long committed, long reserved) {
    }

    /** A code heap (or the whole code cache when it is not segmented): size is what is reserved. */
    public record CodeHeap(String name, long size, long used) {
    }

    public VmInfo {
        heap = List.copyOf(heap);
        codeHeaps = List.copyOf(codeHeaps);
    }

    private static final String K = "(\\d+)K";
    private static final Pattern VM = Pattern.compile("^# Java VM: (.+)$");
    private static final Pattern ELAPSED = Pattern.compile("elapsed time: ([\\d.]+) seconds");
    private static final Pattern GEN_RESERVED =
            Pattern.compile("^\\s*(\\S.*?)\\s+total reserved " + K + ", committed " + K + ", used " + K);
    private static final Pattern GEN = Pattern.compile("^\\s*(\\S.*?)\\s+total " + K + ", used " + K);
    private static final Pattern ZHEAP =
            Pattern.compile("^\\s*(ZHeap)\\s+used (\\d+)M, capacity (\\d+)M, max capacity (\\d+)M");
    private static final Pattern SHENANDOAH =
            Pattern.compile("^\\s*(\\d+)([KMG]) max, \\d+[KMG] soft max, (\\d+)([KMG]) committed, (\\d+)([KMG]) used");
    private static final Pattern METASPACE =
            Pattern.compile("^\\s*Metaspace\\s+used " + K + ", committed " + K + ", reserved " + K);
    private static final Pattern CLASS_SPACE =
            Pattern.compile("^\\s*class space\\s+used " + K + ", committed " + K + ", reserved " + K);
    private static final Pattern CODE_HEAP =
            Pattern.compile("^(CodeHeap '[^']+'|CodeCache): size=(\\d+)Kb used=(\\d+)Kb");
    private static final Pattern RSS = Pattern.compile("^Resident Set Size: " + K);
    private static final Pattern C_HEAP =
            Pattern.compile("^C-Heap outstanding allocations: " + K + ", retained: " + K);

    public static VmInfo parse(String text) {
        String vm = null;
        Double elapsed = null;
        List<HeapSpace> heap = new ArrayList<>();
        Space meta = null;
        Space klass = null;
        List<CodeHeap> code = new ArrayList<>();
        Long rss = null;
        Long outstanding = null;
        Long retained = null;
        String[] lines = text.split("\n");
        // In VM.info only the "Heap:" section counts (the GC history repeats heap lines of the past).
        boolean sectioned = java.util.Arrays.asList(lines).contains("Heap:");
        boolean inHeap = !sectioned;
        for (String line : lines) {
            Matcher m;
            if (sectioned) {
                if (line.equals("Heap:")) {
                    inHeap = true;
                    continue;
                } else if (line.isBlank()) {
                    inHeap = false;
                }
            }
            if (vm == null && (m = VM.matcher(line)).find()) {
                vm = m.group(1).trim();
            } else if (elapsed == null && (m = ELAPSED.matcher(line)).find()) {
                elapsed = Double.parseDouble(m.group(1));
            } else if (inHeap && (m = GEN_RESERVED.matcher(line)).find()) {
                heap.add(new HeapSpace(m.group(1), kb(m, 4), kb(m, 3), kb(m, 2)));
            } else if (inHeap && (m = GEN.matcher(line)).find()) {
                heap.add(new HeapSpace(m.group(1), kb(m, 3), kb(m, 2), null));
            } else if (inHeap && (m = ZHEAP.matcher(line)).find()) {
                heap.add(new HeapSpace("ZHeap", mb(m, 2), mb(m, 3), mb(m, 4)));
            } else if (inHeap && (m = SHENANDOAH.matcher(line)).find()) {
                heap.add(new HeapSpace("Shenandoah Heap", unit(m, 5), unit(m, 3), unit(m, 1)));
            } else if (meta == null && (m = METASPACE.matcher(line)).find()) {
                meta = new Space(kb(m, 1), kb(m, 2), kb(m, 3));
            } else if (klass == null && (m = CLASS_SPACE.matcher(line)).find()) {
                klass = new Space(kb(m, 1), kb(m, 2), kb(m, 3));
            } else if ((m = CODE_HEAP.matcher(line)).find()) {
                code.add(new CodeHeap(m.group(1), kb(m, 2), kb(m, 3)));
            } else if (rss == null && (m = RSS.matcher(line)).find()) {
                rss = kb(m, 1);
            } else if (outstanding == null && (m = C_HEAP.matcher(line)).find()) {
                outstanding = kb(m, 1);
                retained = kb(m, 2);
            }
        }
        return new VmInfo(vm, elapsed, heap, meta, klass, code, rss, outstanding, retained);
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

    private static long kb(Matcher m, int g) {
        return Long.parseLong(m.group(g)) << 10;
    }

    private static long mb(Matcher m, int g) {
        return Long.parseLong(m.group(g)) << 20;
    }

    private static long unit(Matcher m, int g) {
        long v = Long.parseLong(m.group(g));
        return switch (m.group(g + 1)) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            default -> v << 30;
        };
    }
}
