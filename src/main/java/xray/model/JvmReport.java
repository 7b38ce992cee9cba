package xray.model;

import java.util.List;
import java.util.Map;

/**
 * What {@code xray jvm PID} found: the four sections of JVM-AUDIT.md and where each number came
 * from. Bytes are bytes; null is absent (not read, not available), never zero.
 */
public record JvmReport(int pid, int nspid, Info jvm, Memory memory, Threads threads, Listeners listeners,
                        Sources sources, List<Verdict> verdicts) {
    public JvmReport {
        verdicts = List.copyOf(verdicts);
    }

    /** Context: who the JVM is and how it is set up. */
    public record Info(String vmName, String version, String vendor, String user, Integer uid, String mainClass,
                       Double uptimeSeconds, String gc, List<Collector> collectors, Long classesLoaded,
                       Long classesUnloaded, Long heapMax, Long directMemoryMax, boolean directMemoryMaxIsDefault,
                       String nmt) {
        public Info {
            collectors = List.copyOf(collectors);
        }
    }

    /** A garbage collector: collections so far and the time they took. */
    public record Collector(String name, long count, Long timeMillis) {
    }

    /**
     * The memory split (section 1).
     *
     * @param directBuffersBasis  where {@code directBuffers} comes from: "jmx" (the buffer pool) or
     *                            "nmt-other" (NMT's "Other"), null when it is unknown
     * @param directBufferObjects instances of java.nio.DirectByteBuffer(R) in the class histogram
     *                            (slices, duplicates and mapped buffers are such objects too), or null
     * @param threadStacks        thread stacks committed, from NMT, or null
     * @param untrackedNative     resident memory outside everything the JVM accounts for (from smaps), or
     *                            without smaps and with NMT, malloc outside NMT plus what glibc retains; or null
     * @param untrackedBasis      "smaps" or "nmt", as above; null with untrackedNative
     * @param resident            where the resident memory is, from /proc/PID/smaps over the JVM's ranges
     */
    public record Memory(Long rss, Long rssAnon, Long rssFile, Long rssShmem, Long swap,
                         Long heapUsed, Long heapCommitted, Long heapMax, List<Pool> heapPools,
                         Long metaspaceUsed, Long metaspaceCommitted, Long classSpaceUsed, Long classSpaceCommitted,
                         Long codeCacheUsed, Long codeCacheCommitted, Buffers directBuffers, String directBuffersBasis,
                         Long directBufferObjects, Buffers mappedBuffers,
                         Long threadStacks, Nmt nmt, Long mallocOutstanding, Long mallocRetained,
                         Long untrackedNative, String untrackedBasis, Resident resident) {
        public Memory {
            heapPools = List.copyOf(heapPools);
        }
    }

    /**
     * Resident memory by what the JVM says is where (/proc/PID/smaps over the addresses VM.info gives),
     * in bytes; the parts add up to the total. Absent parts are null (the JVM printed no addresses for them).
     *
     * @param total         resident bytes of all mappings (smaps is read a moment after /proc/PID/status)
     * @param heap          resident pages of the heap's reservation
     * @param metaspace     resident pages of the class space and the class-data archive's copied pages,
     *                      and the non-class metaspace committed (VM.info gives no addresses for it)
     * @param codeCache     resident pages of the code heaps
     * @param threadStacks  resident pages of the mappings that hold a thread's stack pointer
     * @param stacksFound   threads whose stack was found that way (running threads show none)
     * @param gcStructures  resident pages of the GC structures VM.info gives addresses for (card
     *                      table, marking bitmaps)
     * @param directBuffers direct buffers, when their bytes are known (NMT or JMX): malloc'ed, so resident
     * @param untracked     the rest of the anonymous memory: malloc (the JVM's own, libraries', JNI's),
     *                      what glibc keeps after free, and anything else mapped outside the JVM's ranges
     * @param files         file-backed and shared pages: libraries, mapped files, the class-data archive
     * @param skipped       why smaps was not read: "over-limit", "deadline", "unreadable"; null when read
     *                      (then every other part is null)
     * @param limit         --smaps-max-rss, bytes
     */
    public record Resident(Long total, Long heap, Long metaspace, Long codeCache, Long threadStacks, Integer stacksFound,
                           Long gcStructures, Long directBuffers, Long untracked, Long files, String skipped,
                           long limit) {
    }

    /** A memory pool (G1 Eden Space, a generation): null where the JVM gives no figure. */
    public record Pool(String name, Long used, Long committed, Long max) {
    }

    /** Direct or mapped NIO buffers: how many and their capacity in bytes. */
    public record Buffers(Long count, Long bytes) {
    }

    /**
     * Native Memory Tracking totals and categories (committed is asked for, not resident).
     *
     * @param malloc what the JVM has malloc'ed, over all categories (NMT's "malloc:" line), or null
     */
    public record Nmt(long reserved, long committed, Long malloc, List<NmtCategory> categories) {
        public Nmt {
            categories = List.copyOf(categories);
        }
    }

    public record NmtCategory(String name, long reserved, long committed) {
    }

    /**
     * Threads (section 2).
     *
     * @param total     Java threads as the JDK counts them (java.threads.live of the perf data, read
     *                  before xray attached), or from the dump when there is no perf data
     * @param peak      java.threads.livePeak, read before xray attached, or null
     * @param vmThreads the process's other threads (/proc/PID/task less the Java threads): GC, compiler,
     *                  VM threads, and threads of native code
     * @param own threads of the JVM that were busy with xray's own requests (its attach listener, the
     *            RMI threads of xray's JMX connection), with their CPU: left out of {@code hot}
     */
    public record Threads(Integer total, Integer daemon, Integer peak, Map<String, Integer> states, int vmThreads,
                          double intervalSeconds, String cpuBasis, List<HotThread> hot, List<BlockedGroup> blocked,
                          List<Deadlock> deadlocks, List<HotThread> own) {
        public Threads {
            states = ordered(states);
            hot = List.copyOf(hot);
            own = List.copyOf(own);
            blocked = List.copyOf(blocked);
            deadlocks = List.copyOf(deadlocks);
        }
    }

    /**
     * A thread by CPU.
     *
     * @param tid            the Linux thread id (the dump's nid)
     * @param javaId         the Java thread id, null for VM threads
     * @param state          the Java thread state, null for VM threads
     * @param allocatedBytes bytes it allocated during the interval (from the {@code allocated=} of two
     *                       thread dumps), or null
     */
    public record HotThread(String name, int tid, Long javaId, double cpuPercent, String state, List<String> frames,
                            Long allocatedBytes) {
        /** A thread using this much of a core or more is hot: a verdict, and red in the table. */
        public static final double HOT_PERCENT = 50;

        public HotThread {
            frames = List.copyOf(frames);
        }

        public boolean hot() {
            return cpuPercent >= HOT_PERCENT;
        }
    }

    /** Threads waiting for one lock that one thread holds. */
    public record BlockedGroup(String owner, String ownerState, String lock, List<String> waiters) {
        public BlockedGroup {
            waiters = List.copyOf(waiters);
        }
    }

    /** A deadlock: each thread, the lock it waits for, and who holds that lock. */
    public record Deadlock(List<DeadlockLink> cycle) {
        public Deadlock {
            cycle = List.copyOf(cycle);
        }
    }

    public record DeadlockLink(String thread, String waitingFor, String heldBy) {
    }

    /**
     * Listener-like classes (section 3).
     *
     * @param histograms       class histograms taken over the interval (1, 3, or 2 of live objects)
     * @param byType           classes were matched by the interfaces they implement too (VM.class_hierarchy)
     * @param hierarchySkipped classes loaded when there were too many to ask for the hierarchy, else null
     * @param classes          the classes that matter: count of 100 or more, growing, or among the 5 most numerous
     * @param leftOut          matching classes not in {@code classes}
     */
    public record Listeners(String mode, String pattern, double intervalSeconds, int histograms, boolean byType,
                            Long hierarchySkipped, List<ListenerClass> classes, int leftOut) {
        public Listeners {
            classes = List.copyOf(classes);
        }
    }

    /**
     * @param growth     instances gained from the first histogram to the last; null with one histogram
     * @param growing    the count rose at every histogram (three or more of all objects), or between two of
     *                   live objects (--live): retained growth. False when it fell at any step
     * @param loaders    how many class loaders define a class of this name (rows of the histogram)
     * @param implementing the listener-like interface it was matched by, when its own name did not match; else null
     */
    public record ListenerClass(String name, String module, long count, long bytes, Long growth, boolean growing,
                                int loaders, String implementing) {
        /** A class's own name: after the package and after the last '$' ("a.B$Handler$State" → "State"). */
        public static String ownName(String className) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple.substring(simple.lastIndexOf('$') + 1);
        }
    }

    /**
     * Where the data came from and what the audit cost the target (section 4, with Info).
     *
     * @param jmx             JMX was read (a connector the JVM ran already, or one --jmx started)
     * @param jmxReason       why JMX was not read: "turned-off", "other-network", "no-connector",
     *                        "unknown", "failed"; null when it was
     * @param jmxProblem      the JVM's or the JMX client's own words when JMX failed, else null
     * @param jmxAgentStarted xray started the JVM's JMX agent (--jmx); {@code jmxAgent} says what it opened
     * @param sections        for each section, the commands and files its numbers come from
     */
    public record Sources(String attach, boolean jmx, String jmxReason, String jmxProblem, boolean jmxAgentStarted,
                          JmxAgent jmxAgent, String perfData, Map<String, List<String>> sections,
                          List<CommandRun> commands, Long safepointMillis, Long safepoints) {
        public Sources {
            sections = ordered(sections);
            commands = List.copyOf(commands);
        }
    }

    /**
     * What starting the JVM's JMX agent (--jmx) left in it, measured around the start and the first
     * connection: it stays until the JVM exits.
     *
     * @param listening    the TCP sockets it listens on that were not there before ("*:42579" is every interface)
     * @param rssAdded     growth of the JVM's resident memory, bytes
     * @param threadsAdded growth of its thread count
     */
    public record JmxAgent(List<String> listening, Long rssAdded, Integer threadsAdded) {
        public JmxAgent {
            listening = List.copyOf(listening);
        }
    }

    /** An unmodifiable copy that keeps the order of the map given (JSON keys print in that order). */
    static <V> Map<String, V> ordered(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    /** One request sent to the JVM and how long it took to answer. */
    public record CommandRun(String command, double millis) {
    }
}
