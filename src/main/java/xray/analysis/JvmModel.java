package xray.analysis;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import xray.jvm.ClassHistogram;
import xray.jvm.JmxSession;
import xray.jvm.NativeMemory;
import xray.jvm.ThreadDump;
import xray.jvm.VmInfo;
import xray.model.JvmReport.BlockedGroup;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Deadlock;
import xray.model.JvmReport.DeadlockLink;
import xray.model.JvmReport.HotThread;
import xray.model.JvmReport.ListenerClass;
import xray.model.JvmReport.Listeners;
import xray.model.JvmReport.Memory;
import xray.model.JvmReport.Nmt;
import xray.model.JvmReport.NmtCategory;
import xray.model.JvmReport.Pool;
import xray.model.JvmReport.Threads;
import xray.model.ProcStatus;
import xray.model.ThreadCpuSample;

/**
 * The formulas of {@code xray jvm} (JVM-AUDIT.md), each in one place: the memory split and what is
 * left untracked, CPU per thread from two samples, threads blocked behind one owner, and the
 * listener classes and their growth. Pure: inputs are what was read, outputs are model records.
 */
public final class JvmModel {
    /** Listener-like class names, matched case-insensitively against the simple name. */
    public static final String DEFAULT_LISTENERS = "listener|handler|callback|observer|subscriber|watcher";
    /** Frames kept per hot thread. */
    static final int FRAMES = 5;

    private JvmModel() {
    }

    // ---------------------------------------------------------------- memory

    /**
     * The memory split. JMX (when used) gives heap, pools and buffers; VM.info gives heap and
     * metaspace otherwise, and NMT's "Other" the bytes of direct buffers; NMT adds thread stacks and
     * the other categories.
     *
     * @param heapMaxFlag MaxHeapSize from VM.flags, or null
     * @param histogram   the last class histogram (its DirectByteBuffer objects), or null
     */
    public static Memory memory(ProcStatus st, VmInfo vi, NativeMemory.Summary nmt, JmxSession.Snapshot jmx,
                                Long heapMaxFlag, ClassHistogram.Histogram histogram) {
        Long heapUsed;
        Long heapCommitted;
        Long heapMax = heapMaxFlag;
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
            pools.sort(Comparator.comparingInt(JvmModel::poolRank));
            for (Pool p : jmx.nonHeapPools()) {
                if (p.name().equals("Metaspace")) {
                    metaUsed = p.used();
                    metaCommitted = p.committed();
                } else if (p.name().equals("Compressed Class Space")) {
                    classUsed = p.used();
                    classCommitted = p.committed();
                } else if (p.name().startsWith("CodeHeap") || p.name().equals("Code Cache")) {
                    codeUsed = plus(codeUsed, p.used());
                    codeCommitted = plus(codeCommitted, p.committed());
                }
            }
        } else {
            heapUsed = vi.heapUsed();
            heapCommitted = vi.heapCommitted();
            for (VmInfo.HeapSpace h : vi.heap()) {
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
        String directBasis = direct == null ? null : "JMX buffer pool";
        if (direct == null && nmt != null) {
            // Direct buffers are allocated with Unsafe.allocateMemory, which NMT counts as "Other" (with
            // the few other users of that call): their bytes, not their number. NMT leaves out a
            // category with nothing in it.
            long other = nmt.categories().stream().filter(c -> c.name().equals("Other"))
                    .mapToLong(NativeMemory.Category::committed).sum();
            direct = new Buffers(null, other);
            directBasis = "NMT Other (direct buffers and other Unsafe allocations)";
        }
        Long stacks = nmt == null ? null : nmt.stackCommitted();
        Nmt nmtOut = null;
        if (nmt != null) {
            List<NmtCategory> cats = new ArrayList<>();
            for (NativeMemory.Category c : nmt.categories()) {
                cats.add(new NmtCategory(c.name(), c.reserved(), c.committed()));
            }
            nmtOut = new Nmt(nmt.reserved(), nmt.committed(), cats);
        }

        Long untracked;
        String basis;
        if (nmt != null && nmt.malloc() != null && vi.cHeapOutstanding() != null) {
            // untracked = (malloc outstanding per glibc − malloc NMT tracks) + what glibc retains freed
            untracked = Math.max(0, vi.cHeapOutstanding() - nmt.malloc()) + orZero(vi.cHeapRetained());
            basis = "malloc outside NMT (JNI, libraries) plus freed memory glibc keeps";
        } else {
            // untracked ≥ rssAnon − (heap + metaspace + code cache + direct buffers), each committed
            long tracked = orZero(heapCommitted) + orZero(metaCommitted)
                    + orZero(codeCommitted != null ? codeCommitted : codeUsed) + orZero(direct == null ? null : direct.bytes());
            untracked = st.rssAnon() == null ? null : Math.max(0, st.rssAnon() - tracked);
            basis = "at least: resident anon − committed heap, metaspace, code cache and direct buffers"
                    + (nmt == null ? " (thread stacks and GC structures included: NMT is off)" : "");
        }
        Memory m = new Memory(st.vmRss(), st.rssAnon(), st.rssFile(), st.rssShmem(), st.vmSwap(), heapUsed,
                heapCommitted, heapMax, pools, metaUsed, metaCommitted, classUsed, classCommitted, codeUsed,
                codeCommitted, direct, directBasis, directBufferObjects(histogram), mapped, stacks, nmtOut, vi.cHeapOutstanding(),
                vi.cHeapRetained(), untracked, basis, null);
        return withGap(m);
    }

    /** Young pools first, as the JVM lists them: eden, survivor, then the old generation. */
    static int poolRank(Pool p) {
        String n = p.name().toLowerCase(java.util.Locale.ROOT);
        return n.contains("eden") ? 0 : n.contains("survivor") ? 1 : 2;
    }

    /** The memory record with its one sentence on where the gap between RSS and the heap goes. */
    static Memory withGap(Memory m) {
        return new Memory(m.rss(), m.rssAnon(), m.rssFile(), m.rssShmem(), m.swap(), m.heapUsed(), m.heapCommitted(),
                m.heapMax(), m.heapPools(), m.metaspaceUsed(), m.metaspaceCommitted(), m.classSpaceUsed(),
                m.classSpaceCommitted(), m.codeCacheUsed(), m.codeCacheCommitted(), m.directBuffers(),
                m.directBuffersBasis(), m.directBufferObjects(), m.mappedBuffers(), m.threadStacks(), m.nmt(),
                m.mallocOutstanding(), m.mallocRetained(),
                m.untrackedNative(), m.untrackedBasis(), gap(m));
    }

    /**
     * "Resident 60 MiB is 20 MiB more than the heap's 40 MiB committed: GC 24 MiB, code 7.6 MiB, ..."
     * Parts outside the heap come from NMT when it is on, else from pools and buffers.
     */
    static String gap(Memory m) {
        if (m.rss() == null || m.heapCommitted() == null) {
            return null;
        }
        Map<String, Long> parts = new LinkedHashMap<>();
        if (m.nmt() != null) {
            for (NmtCategory c : m.nmt().categories()) {
                if (!c.name().equals("Java Heap") && c.committed() > 0) {
                    parts.put(c.name().equals("Other") ? "Other (direct buffers)" : c.name(), c.committed());
                }
            }
        } else {
            parts.put("metaspace", m.metaspaceCommitted());
            parts.put("code cache", m.codeCacheCommitted() != null ? m.codeCacheCommitted() : m.codeCacheUsed());
            parts.put("direct buffers", m.directBuffers() == null ? null : m.directBuffers().bytes());
        }
        parts.put("mapped files", m.mappedBuffers() == null ? null : m.mappedBuffers().bytes());
        parts.put("untracked native memory", m.untrackedNative());
        List<Map.Entry<String, Long>> big = new ArrayList<>();
        for (Map.Entry<String, Long> e : parts.entrySet()) {
            if (e.getValue() != null && e.getValue() > 0) {
                big.add(e);
            }
        }
        big.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < Math.min(4, big.size()); i++) {
            list.append(i == 0 ? "" : ", ").append(big.get(i).getKey()).append(' ').append(human(big.get(i).getValue()));
        }
        long rss = m.rss();
        long heap = m.heapCommitted();
        String outside = list.length() == 0 ? "" : "; outside the heap the largest parts are " + list;
        if (rss <= heap) {
            return "Resident " + human(rss) + " is less than the " + human(heap)
                    + " of heap committed: the kernel backs heap pages only once they are touched" + outside + ".";
        }
        return "Resident " + human(rss) + " is " + human(rss - heap) + " more than the " + human(heap)
                + " of heap committed" + (list.length() == 0 ? "." : ": the largest parts are " + list
                + (m.nmt() == null ? " (NMT is off: thread stacks and GC structures are not told apart)" : "") + ".");
    }

    // ---------------------------------------------------------------- threads

    /**
     * Threads from the dumps and one or two CPU samples (with one, when the interval is 0, CPU is
     * the average over each thread's life, from the dump's cpu= and elapsed=). Allocation during the
     * interval is the difference of the {@code allocated=} of two dumps taken with the samples.
     *
     * @param first thread dump taken with the first sample, or null (one sample, or a JVM without -e)
     * @param dump  thread dump taken with the last sample (or the only one): states, frames, locks
     * @param own   thread ids busy with xray's own requests: left out of the hot threads, listed apart
     * @param comm  thread names from /proc/PID/task/TID/comm, for threads the dump does not list
     */
    public static Threads threads(ThreadDump.Dump first, ThreadDump.Dump dump, ThreadCpuSample s0, ThreadCpuSample s1,
                                  Integer peak, int top, Map<Integer, String> comm, Set<Integer> own) {
        Map<Integer, ThreadDump.Thread> byNid = new HashMap<>();
        Map<String, Integer> states = new TreeMap<>();
        int total = 0;
        int daemon = 0;
        int vm = 0;
        for (ThreadDump.Thread t : dump.threads()) {
            byNid.put(t.nid(), t);
            if (t.isJava()) {
                total++;
                daemon += t.daemon() ? 1 : 0;
                states.merge(t.state() == null ? "UNKNOWN" : t.state(), 1, Integer::sum);
            } else {
                vm++;
            }
        }
        Map<Integer, Long> alloc0 = new HashMap<>();
        if (first != null) {
            for (ThreadDump.Thread t : first.threads()) {
                if (t.allocatedBytes() != null) {
                    alloc0.put(t.nid(), t.allocatedBytes());
                }
            }
        }
        List<HotThread> busy = new ArrayList<>();
        double interval = 0;
        String basis;
        if (s0 != null && s1 != null && s1.atNanos() > s0.atNanos()) {
            long dt = s1.atNanos() - s0.atNanos();
            interval = dt / 1e9;
            basis = "interval";
            for (Map.Entry<Integer, Long> e : s1.cpuNanos().entrySet()) {
                Long before = s0.cpuNanos().get(e.getKey());
                if (before == null) {
                    continue; // born during the interval: no baseline
                }
                // cpuPercent = Δ CPU ns / Δ wall ns × 100 (100 = one core)
                double pct = (e.getValue() - before) * 100.0 / dt;
                if (pct > 0) {
                    busy.add(hotThread(e.getKey(), pct, byNid.get(e.getKey()), comm, alloc0));
                }
            }
        } else {
            basis = "lifetime";
            for (ThreadDump.Thread t : dump.threads()) {
                if (t.cpuMillis() != null && t.elapsedSeconds() != null && t.elapsedSeconds() > 0) {
                    // cpuPercent = cpu ms / (elapsed s × 1000) × 100: the average since the thread started
                    double pct = t.cpuMillis() / (t.elapsedSeconds() * 1000) * 100;
                    if (pct > 0) {
                        busy.add(hotThread(t.nid(), pct, t, comm, Map.of()));
                    }
                }
            }
        }
        busy.sort(Comparator.comparingDouble(HotThread::cpuPercent).reversed().thenComparing(HotThread::name));
        List<HotThread> hot = new ArrayList<>();
        List<HotThread> mine = new ArrayList<>();
        for (HotThread h : busy) {
            if (own.contains(h.tid())) {
                mine.add(h);
            } else if (hot.size() < top) {
                hot.add(h);
            }
        }
        // The peak was read before the dump; threads started since count too.
        Integer peakSeen = peak == null ? null : Math.max(peak, total);
        return new xray.model.JvmReport.Threads(total, daemon, peakSeen, states, vm, interval, basis, hot,
                blocked(dump), deadlocks(dump), mine);
    }

    /**
     * A thread by CPU; its allocation is the growth of {@code allocated=} since the first dump
     * (null without one), never below zero: the JVM rounds it down to its unit.
     */
    private static HotThread hotThread(int tid, double pct, ThreadDump.Thread t, Map<Integer, String> comm,
                                       Map<Integer, Long> alloc0) {
        String name = t != null ? t.name() : comm.getOrDefault(tid, "tid " + tid);
        Long a0 = alloc0.get(tid);
        Long alloc = t == null || t.allocatedBytes() == null || a0 == null ? null : Math.max(0, t.allocatedBytes() - a0);
        List<String> frames = t == null ? List.of() : t.frames().subList(0, Math.min(FRAMES, t.frames().size()));
        return new HotThread(name, tid, t == null ? null : t.javaId(), Math.round(pct * 10) / 10.0,
                t == null ? null : t.state(), frames, alloc);
    }

    /**
     * DirectByteBuffer objects in a histogram: java.nio.DirectByteBuffer and its read-only twin,
     * from every class loader. A count of objects, not of memory: slices and duplicates share their
     * parent's memory, and mapped buffers are such objects too.
     */
    static Long directBufferObjects(ClassHistogram.Histogram h) {
        if (h == null) {
            return null;
        }
        long n = 0;
        for (ClassHistogram.Row r : h.rows()) {
            if (r.className().equals("java.nio.DirectByteBuffer") || r.className().equals("java.nio.DirectByteBufferR")) {
                n += r.instances();
            }
        }
        return n;
    }

    /**
     * Threads waiting for a lock that another thread holds, grouped by holder and lock, largest
     * first. Deadlocked threads are left to the deadlocks.
     */
    static List<BlockedGroup> blocked(ThreadDump.Dump dump) {
        java.util.Set<String> deadlocked = new java.util.HashSet<>();
        for (ThreadDump.Deadlock d : dump.deadlocks()) {
            d.cycle().forEach(e -> deadlocked.add(e.thread()));
        }
        Map<String, ThreadDump.Thread> holder = new HashMap<>();
        for (ThreadDump.Thread t : dump.threads()) {
            for (ThreadDump.Lock l : t.held()) {
                holder.put(l.address(), t);
            }
        }
        Map<String, List<String>> waiters = new LinkedHashMap<>();
        Map<String, ThreadDump.Thread> owners = new HashMap<>();
        Map<String, ThreadDump.Lock> locks = new HashMap<>();
        for (ThreadDump.Thread t : dump.threads()) {
            ThreadDump.Lock l = t.blockedOn();
            ThreadDump.Thread h = l == null ? null : holder.get(l.address());
            if (h != null && h != t && !deadlocked.contains(t.name())) {
                String key = h.nid() + " " + l.address();
                waiters.computeIfAbsent(key, k -> new ArrayList<>()).add(t.name());
                owners.put(key, h);
                locks.put(key, l);
            }
        }
        List<BlockedGroup> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : waiters.entrySet()) {
            ThreadDump.Thread h = owners.get(e.getKey());
            List<String> names = new ArrayList<>(e.getValue());
            names.sort(null);
            out.add(new BlockedGroup(h.name(), h.state(), locks.get(e.getKey()).toString(), names));
        }
        out.sort(Comparator.comparingInt((BlockedGroup g) -> g.waiters().size()).reversed()
                .thenComparing(BlockedGroup::owner));
        return out;
    }

    static List<Deadlock> deadlocks(ThreadDump.Dump dump) {
        List<Deadlock> out = new ArrayList<>();
        for (ThreadDump.Deadlock d : dump.deadlocks()) {
            List<DeadlockLink> links = new ArrayList<>();
            for (ThreadDump.Edge e : d.cycle()) {
                links.add(new DeadlockLink(e.thread(), e.lock() == null ? null : e.lock().toString(), e.heldBy()));
            }
            out.add(new Deadlock(links));
        }
        return out;
    }

    // ---------------------------------------------------------------- listeners

    /** The pattern for --listeners: case-insensitive, found anywhere in the simple class name. */
    public static Pattern listenerPattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /**
     * Listener-like classes from the last histogram, with growth since the first (null with one).
     * JDK-internal classes, arrays and lambda/hidden classes are left out. Classes of one name
     * defined by several loaders are added up. Growing classes come first, then the most numerous.
     */
    public static Listeners listeners(ClassHistogram.Histogram first, ClassHistogram.Histogram last,
                                      Pattern pattern, String mode, double intervalSeconds) {
        Map<String, ListenerClass> now = select(last != null ? last : first, pattern);
        Map<String, ListenerClass> before = last != null && first != null ? select(first, pattern) : null;
        List<ListenerClass> out = new ArrayList<>();
        for (ListenerClass c : now.values()) {
            Long growth = null;
            if (before != null) {
                ListenerClass b = before.get(c.name());
                growth = c.count() - (b == null ? 0 : b.count());
            }
            out.add(new ListenerClass(c.name(), c.module(), c.count(), c.bytes(), growth, c.loaders()));
        }
        out.sort(Comparator.comparing((ListenerClass c) -> c.growth() == null ? 0 : Math.max(0, c.growth()),
                Comparator.reverseOrder()).thenComparing(ListenerClass::count, Comparator.reverseOrder())
                .thenComparing(ListenerClass::name));
        return new Listeners(mode, pattern.pattern(), intervalSeconds, out);
    }

    private static Map<String, ListenerClass> select(ClassHistogram.Histogram h, Pattern pattern) {
        Map<String, ListenerClass> out = new LinkedHashMap<>();
        for (ClassHistogram.Row r : h.rows()) {
            String n = r.className();
            if (excluded(n, r.module()) || !pattern.matcher(simpleName(n)).find()) {
                continue;
            }
            ListenerClass prev = out.get(n);
            out.put(n, prev == null ? new ListenerClass(n, r.module(), r.instances(), r.bytes(), null, 1)
                    : new ListenerClass(n, prev.module(), prev.count() + r.instances(), prev.bytes() + r.bytes(), null,
                    prev.loaders() + 1));
        }
        return out;
    }

    /**
     * JDK-internal classes (java.*, jdk.*, sun.*, com.sun.*, or any class of a java.* or jdk.* module,
     * such as javax.management), arrays, lambdas and other hidden classes.
     */
    static boolean excluded(String className, String module) {
        return className.startsWith("[") || className.startsWith("java.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || module != null && (module.startsWith("java.") || module.startsWith("jdk."))
                || className.contains("$$Lambda") || className.contains("/0x");
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Long plus(Long a, Long b) {
        return a == null ? b : b == null ? a : a + b;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
