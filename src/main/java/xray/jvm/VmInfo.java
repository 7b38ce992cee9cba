package xray.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xray.model.AddressRange;
import xray.model.VmInfoSample;
import xray.model.VmInfoSample.CodeHeap;
import xray.model.VmInfoSample.HeapSpace;
import xray.model.VmInfoSample.Space;

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
 * Every value is null when its line is missing (older JDKs print fewer lines). The addresses of the
 * heap, the code heaps, the class space, the class-data archive and the GC structures it prints are
 * what {@code xray jvm} measures residency over (in /proc/PID/smaps).
 * <pre>
 * Heap address: 0x00000000f0000000, size: 256 MB, Compressed Oops mode: 32-bit
 * Compressed class space mapped at: 0x00007f0928000000-0x00007f0968000000, reserved size: 1073741824
 *  bounds [0x00007f098cec7000, 0x00007f098d137000, 0x00007f0994400000]
 * Card table byte_map: [0x00007f09a2702000,0x00007f09a2782000] _byte_map_base: 0x00007f09a1f82000
 * </pre>
 */
public final class VmInfo {
    private VmInfo() {
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

    private static final String HEX = "0x([0-9a-f]{1,16})";
    private static final Pattern HEAP_ADDRESS = Pattern.compile("^Heap address: " + HEX + ", size: (\\d+) MB");
    /** The addresses at the end of a heap line: [low, high) or [low, committed end, reserved end). */
    private static final Pattern HEAP_LINE_RANGE =
            Pattern.compile("\\[" + HEX + ", " + HEX + "(?:, " + HEX + ")?\\)\\s*$");
    private static final Pattern CODE_BOUNDS = Pattern.compile("^\\s*bounds \\[" + HEX + ", " + HEX + ", " + HEX + "\\]");
    private static final Pattern CLASS_SPACE_AT =
            Pattern.compile("^Compressed class space mapped at: " + HEX + "-" + HEX);
    private static final Pattern CDS_AT = Pattern.compile("^CDS archive\\(s\\) mapped at: \\[" + HEX + "-" + HEX + "-" + HEX + "\\)");
    private static final Pattern CARD_TABLE = Pattern.compile("^Card table byte_map: \\[" + HEX + "," + HEX + "\\]");
    private static final Pattern MARK_BITS = Pattern.compile("^\\s*((?:Prev |Next )?Bits): \\[" + HEX + ", " + HEX + "\\)");

    public static VmInfoSample parse(String text) {
        String vm = null;
        Double elapsed = null;
        List<HeapSpace> heap = new ArrayList<>();
        AddressRange heapAddress = null;
        Long heapLow = null;
        Long heapHigh = null;
        Space meta = null;
        Space klass = null;
        List<CodeHeap> code = new ArrayList<>();
        AddressRange classSpaceAt = null;
        AddressRange cdsAt = null;
        List<AddressRange> gc = new ArrayList<>();
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
            boolean heapLine = false;
            if (vm == null && (m = VM.matcher(line)).find()) {
                vm = m.group(1).trim();
            } else if (elapsed == null && (m = ELAPSED.matcher(line)).find()) {
                elapsed = Double.parseDouble(m.group(1));
            } else if (heapAddress == null && (m = HEAP_ADDRESS.matcher(line)).find()) {
                long at = hex(m, 1);
                heapAddress = new AddressRange("heap", at, at + (Long.parseLong(m.group(2)) << 20));
            } else if (inHeap && (m = GEN_RESERVED.matcher(line)).find()) {
                heap.add(new HeapSpace(m.group(1), kb(m, 4), kb(m, 3), kb(m, 2)));
                heapLine = true;
            } else if (inHeap && (m = GEN.matcher(line)).find()) {
                heap.add(new HeapSpace(m.group(1), kb(m, 3), kb(m, 2), null));
                heapLine = true;
            } else if (inHeap && (m = ZHEAP.matcher(line)).find()) {
                heap.add(new HeapSpace("ZHeap", mb(m, 2), mb(m, 3), mb(m, 4)));
            } else if (inHeap && (m = SHENANDOAH.matcher(line)).find()) {
                heap.add(new HeapSpace("Shenandoah Heap", unit(m, 5), unit(m, 3), unit(m, 1)));
            } else if (meta == null && (m = METASPACE.matcher(line)).find()) {
                meta = new Space(kb(m, 1), kb(m, 2), kb(m, 3));
            } else if (klass == null && (m = CLASS_SPACE.matcher(line)).find()) {
                klass = new Space(kb(m, 1), kb(m, 2), kb(m, 3));
            } else if ((m = CODE_HEAP.matcher(line)).find()) {
                code.add(new CodeHeap(m.group(1), kb(m, 2), kb(m, 3), null));
            } else if (!code.isEmpty() && (m = CODE_BOUNDS.matcher(line)).find()) {
                CodeHeap last = code.remove(code.size() - 1);
                code.add(new CodeHeap(last.name(), last.size(), last.used(), range(last.name(), hex(m, 1), hex(m, 3))));
            } else if (classSpaceAt == null && (m = CLASS_SPACE_AT.matcher(line)).find()) {
                classSpaceAt = range("class space", hex(m, 1), hex(m, 2));
            } else if (cdsAt == null && (m = CDS_AT.matcher(line)).find()) {
                cdsAt = range("CDS archive", hex(m, 1), hex(m, 3));
            } else if ((m = CARD_TABLE.matcher(line)).find()) {
                addIfAny(gc, range("card table", hex(m, 1), hex(m, 2)));
            } else if ((m = MARK_BITS.matcher(line)).find()) {
                addIfAny(gc, range("marking " + m.group(1).toLowerCase(java.util.Locale.ROOT), hex(m, 2), hex(m, 3)));
            } else if (rss == null && (m = RSS.matcher(line)).find()) {
                rss = kb(m, 1);
            } else if (outstanding == null && (m = C_HEAP.matcher(line)).find()) {
                outstanding = kb(m, 1);
                retained = kb(m, 2);
            }
            if (heapLine && (m = HEAP_LINE_RANGE.matcher(line)).find()) {
                long lo = hex(m, 1);
                long hi = hex(m, m.group(3) != null ? 3 : 2);
                heapLow = heapLow == null ? lo : Math.min(heapLow, lo);
                heapHigh = heapHigh == null ? hi : Math.max(heapHigh, hi);
            }
        }
        // The heap lines give the exact reservation; "Heap address" rounds the size to MB.
        AddressRange heapRange = heapLow != null ? range("heap", heapLow, heapHigh) : heapAddress;
        return new VmInfoSample(vm, elapsed, heap, heapRange, meta, klass, code, classSpaceAt, cdsAt, gc, rss,
                outstanding, retained);
    }

    /** A range, or null when the addresses make none (a garbled line is not a reason to fail). */
    private static AddressRange range(String name, long start, long end) {
        return Long.compareUnsigned(end, start) < 0 ? null : new AddressRange(name, start, end);
    }

    private static void addIfAny(List<AddressRange> to, AddressRange r) {
        if (r != null) {
            to.add(r);
        }
    }

    private static long hex(Matcher m, int g) {
        return Long.parseUnsignedLong(m.group(g), 16);
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
