package xray.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import xray.model.AddressRange;
import xray.model.HistogramSample;
import xray.model.JmxSample;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Memory;
import xray.model.JvmReport.Nmt;
import xray.model.JvmReport.NmtCategory;
import xray.model.JvmReport.Pool;
import xray.model.JvmReport.Resident;
import xray.model.JvmSample;
import xray.model.JvmSample.Residency;
import xray.model.Mapping;
import xray.model.NmtSample;
import xray.model.ProcStatus;
import xray.model.VmInfoSample;

/**
 * Where a JVM's memory is (JVM-AUDIT.md, section 1): the JVM's own accounting (heap, metaspace,
 * code cache, buffers, NMT) next to what is resident, measured in /proc/PID/smaps over the address
 * ranges the JVM reports, and what is left untracked. Pure: what was read in, figures out.
 */
final class JvmMemory {
    private JvmMemory() {
    }

    static Memory memory(JvmSample s) {
        ProcStatus st = s.status();
        VmInfoSample vi = s.vmInfo();
        NmtSample nmt = s.nmt();
        JmxSample jmx = s.jmx().sample();
        Long heapUsed;
        Long heapCommitted;
        Long heapMax = s.flags().maxHeapSize();
        List<Pool> pools = new ArrayList<>();
        Long metaUsed = null;
        Long metaCommitted = null;
        Long classUsed = null;
        Long classCommitted = null;
        Long codeUsed = null;
        Long codeCommitted = null;
        if (jmx != null) {
            heapUsed = jmx.heap().used();
            heapCommitted = jmx.heap().committed();
            if (heapMax == null) {
                heapMax = jmx.heap().max();
            }
            pools.addAll(jmx.heapPools());
            pools.sort(Comparator.comparingInt(JvmMemory::poolRank));
            for (Pool p : jmx.nonHeapPools()) {
                if (p.name().equals("Metaspace")) {
                    metaUsed = p.used();
                    metaCommitted = p.committed();
                } else if (p.name().equals("Compressed Class Space")) {
                    classUsed = p.used();
                    classCommitted = p.committed();
                } else if (p.name().startsWith("CodeHeap") || p.name().equals("Code Cache")) {
                    codeUsed = Sum.ofPresent(codeUsed, p.used());
                    codeCommitted = Sum.ofPresent(codeCommitted, p.committed());
                }
            }
        } else {
            heapUsed = vi.heapUsed();
            heapCommitted = vi.heapCommitted();
            for (VmInfoSample.HeapSpace h : vi.heap()) {
                pools.add(new Pool(h.name(), h.used(), h.committed(), h.max()));
            }
            codeUsed = vi.codeCacheUsed();
        }
        if (metaUsed == null && vi.metaspace() != null) {
            metaUsed = vi.metaspace().used();
            metaCommitted = vi.metaspace().committed();
        }
        if (classUsed == null && vi.classSpace() != null) {
            classUsed = vi.classSpace().used();
            classCommitted = vi.classSpace().committed();
        }
        Buffers direct = jmx == null ? null : jmx.direct();
        Buffers mapped = jmx == null ? null : jmx.mapped();
        String directBasis = direct == null ? null : "jmx";
        if (direct == null && nmt != null) {
            // Direct buffers are allocated with Unsafe.allocateMemory, which NMT counts as "Other" (with
            // the few other users of that call): their bytes, not their number. NMT leaves out a
            // category with nothing in it.
            Long other = nmt.committed("Other");
            direct = new Buffers(null, other == null ? 0 : other);
            directBasis = "nmt-other";
        }
        Nmt nmtOut = null;
        if (nmt != null) {
            List<NmtCategory> cats = new ArrayList<>();
            for (NmtSample.Category c : nmt.categories()) {
                cats.add(new NmtCategory(c.name(), c.reserved(), c.committed()));
            }
            nmtOut = new Nmt(nmt.reserved(), nmt.committed(), nmt.malloc(), cats);
        }
        // The non-class metaspace has no addresses in VM.info: it counts as committed (metaspace commits
        // 64 KiB granules as it fills them, so committed is close to resident).
        Long nonClassMeta = metaCommitted == null ? null : metaCommitted - orZero(classCommitted);
        Resident resident = resident(s.residency(), vi, nonClassMeta, direct == null ? null : direct.bytes());

        Long untracked;
        String basis;
        if (resident.untracked() != null) {
            untracked = resident.untracked();
            basis = "smaps";
        } else if (nmt != null && nmt.malloc() != null && vi.cHeapOutstanding() != null) {
            // untracked = (malloc outstanding per glibc − malloc NMT tracks) + what glibc retains freed
            untracked = Math.max(0, vi.cHeapOutstanding() - nmt.malloc()) + orZero(vi.cHeapRetained());
            basis = "nmt";
        } else {
            untracked = null;
            basis = null;
        }
        return new Memory(st.vmRss(), st.rssAnon(), st.rssFile(), st.rssShmem(), st.vmSwap(), heapUsed,
                heapCommitted, heapMax, pools, metaUsed, metaCommitted, classUsed, classCommitted, codeUsed,
                codeCommitted, direct, directBasis, directBufferObjects(last(s)), mapped,
                nmt == null ? null : nmt.stackCommitted(), nmtOut, vi.cHeapOutstanding(), vi.cHeapRetained(),
                untracked, basis, resident);
    }

    /**
     * Resident memory by part, from smaps over the ranges the JVM gives. A part is the resident
     * bytes of the mappings in its range (a mapping that crosses the range's edge counts in
     * proportion): the heap's include the archived heap regions mapped from the class-data archive.
     * Untracked is what is left of the anonymous memory, files what is left of the file-backed; the
     * parts add up to the resident total of smaps:
     * <pre>
     * untracked = Σ Anonymous − the anonymous part of heap, class space, code cache and GC structures
     *             − the class-data archive's copied pages − non-class metaspace committed
     *             − thread stacks − direct buffers
     * files     = Σ (Rss − Anonymous) − the file-backed part of heap, class space, code cache and GC structures
     * </pre>
     */
    static Resident resident(Residency r, VmInfoSample vi, Long nonClassMeta, Long direct) {
        if (r.skipped() != null) {
            return new Resident(null, null, null, null, null, null, null, null, null, null,
                    r.skipped().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.limit());
        }
        List<Mapping> maps = r.mappings();
        long total = 0;
        long anon = 0;
        for (Mapping m : maps) {
            total += m.rss();
            anon += m.anonymous();
        }
        List<AddressRange> jvm = new ArrayList<>();
        // [resident, anonymous] of each part
        long[] heap = in(maps, vi.heapRange(), jvm);
        long[] code = null;
        for (VmInfoSample.CodeHeap c : vi.codeHeaps()) {
            code = plus(code, in(maps, c.range(), jvm));
        }
        long[] classSpace = in(maps, vi.classSpaceRange(), jvm);
        long[] cds = in(maps, vi.cdsRange(), jvm);
        long[] gc = null;
        for (AddressRange g : vi.gcRanges()) {
            gc = plus(gc, in(maps, g, jvm));
        }
        Long meta = classSpace == null && cds == null && nonClassMeta == null ? null
                : (classSpace == null ? 0 : classSpace[0]) + (cds == null ? 0 : cds[1]) + orZero(nonClassMeta);
        // A thread's stack is the mapping its stack pointer is in (several stacks may share one
        // mapping: the kernel merges neighbours alike); mappings of the JVM's ranges are not stacks.
        Set<Mapping> stackMaps = new HashSet<>();
        int found = 0;
        List<Mapping> byStart = new ArrayList<>(maps); // smaps lists them in order; sorted all the same
        byStart.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        for (long sp : r.stackPointers().values()) {
            Mapping m = containing(byStart, sp);
            if (m != null && jvm.stream().noneMatch(a -> overlap(m, a) > 0)) {
                stackMaps.add(m);
                found++;
            }
        }
        long stacks = 0;
        for (Mapping m : stackMaps) {
            stacks += m.anonymous();
        }
        long untracked = anon - anonOf(heap) - anonOf(classSpace) - anonOf(cds) - orZero(nonClassMeta) - anonOf(code)
                - anonOf(gc) - stacks - orZero(direct);
        long files = total - anon - fileOf(heap) - fileOf(classSpace) - fileOf(code) - fileOf(gc);
        return new Resident(total, heap == null ? null : heap[0], meta, code == null ? null : code[0], stacks, found,
                gc == null ? null : gc[0], direct, Math.max(0, untracked), files, null, r.limit());
    }

    /**
     * The mapping that holds {@code address}, or null: a binary search of mappings sorted by start
     * (they do not overlap), so thousands of threads cost no more than a look each.
     */
    static Mapping containing(List<Mapping> byStart, long address) {
        int lo = 0;
        int hi = byStart.size() - 1;
        Mapping best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = byStart.get(mid);
            if (Long.compareUnsigned(m.start(), address) <= 0) {
                best = m;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best != null && best.contains(address) ? best : null;
    }

    /** Resident and anonymous bytes of the mappings within a range (in proportion where one crosses its edge); null without one. */
    private static long[] in(List<Mapping> maps, AddressRange range, List<AddressRange> seen) {
        if (range == null) {
            return null;
        }
        seen.add(range);
        double rss = 0;
        double anon = 0;
        for (Mapping m : maps) {
            long o = overlap(m, range);
            if (o > 0) {
                double share = (double) o / (m.end() - m.start());
                rss += m.rss() * share;
                anon += m.anonymous() * share;
            }
        }
        return new long[] {Math.round(rss), Math.round(anon)};
    }

    private static long[] plus(long[] a, long[] b) {
        return a == null ? b : b == null ? a : new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private static long anonOf(long[] part) {
        return part == null ? 0 : part[1];
    }

    private static long fileOf(long[] part) {
        return part == null ? 0 : part[0] - part[1];
    }

    private static long overlap(Mapping m, AddressRange r) {
        long lo = Math.max(m.start(), r.start());
        long hi = Math.min(m.end(), r.end());
        return Math.max(0, hi - lo);
    }

    private static HistogramSample last(JvmSample s) {
        List<HistogramSample> h = s.histograms().samples();
        return h.isEmpty() ? null : h.get(h.size() - 1);
    }

    /** Young pools first, as the JVM lists them: eden, survivor, then the old generation. */
    static int poolRank(Pool p) {
        String n = p.name().toLowerCase(Locale.ROOT);
        return n.contains("eden") ? 0 : n.contains("survivor") ? 1 : 2;
    }

    /**
     * DirectByteBuffer objects in a histogram: java.nio.DirectByteBuffer and its read-only twin,
     * from every class loader. A count of objects, not of memory: slices and duplicates share their
     * parent's memory, and mapped buffers are such objects too.
     */
    static Long directBufferObjects(HistogramSample h) {
        if (h == null) {
            return null;
        }
        long n = 0;
        for (HistogramSample.Row r : h.rows()) {
            if (r.className().equals("java.nio.DirectByteBuffer") || r.className().equals("java.nio.DirectByteBufferR")) {
                n += r.instances();
            }
        }
        return n;
    }

    static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
