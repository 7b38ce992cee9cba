package xray.model;

import java.util.List;
import java.util.Map;

/**
 * What {@code xray jvm PID} found: the four sections of JVM-AUDIT.md and where each number came
 * from. Bytes are bytes; null is absent (not read, not available), never zero.
 */
public record JvmReport(int pid, int nspid, Info jvm, Memory memory, Threads threads, Listeners listeners,
                        Sources sources) {

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
     * @param directBuffersBasis  where {@code directBuffers} comes from (JMX's buffer pool, or NMT's
     *                            "Other"), null when it is unknown
     * @param directBufferObjects instances of java.nio.DirectByteBuffer(R) in the class histogram
     *                            (slices, duplicates and mapped buffers are such objects too), or null
     */
    public record Memory(Long rss, Long rssAnon, Long rssFile, Long rssShmem, Long swap,
                         Long heapUsed, Long heapCommitted, Long heapMax, List<Pool> heapPools,
                         Long metaspaceUsed, Long metaspaceCommitted, Long classSpaceUsed, Long classSpaceCommitted,
                         Long codeCacheUsed, Long codeCacheCommitted, Buffers directBuffers, String directBuffersBasis,
                         Long directBufferObjects, Buffers mappedBuffers,
                         Long threadStacks, Nmt nmt, Long mallocOutstanding, Long mallocRetained,
                         Long untrackedNative, String untrackedBasis, String gap) {
        public Memory {
            heapPools = List.copyOf(heapPools);
        }
    }

    /** A memory pool (G1 Eden Space, a generation): null where the JVM gives no figure. */
    public record Pool(String name, Long used, Long committed, Long max) {
    }

    /** Direct or mapped NIO buffers: how many and their capacity in bytes. */
    public record Buffers(Long count, Long bytes) {
    }

    /** Native Memory Tracking totals and categories (committed is asked for, not resident). */
    public record Nmt(long reserved, long committed, List<NmtCategory> categories) {
        public Nmt {
            categories = List.copyOf(categories);
        }
    }

    public record NmtCategory(String name, long reserved, long committed) {
    }

    /**
     * Threads (section 2).
     *
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
        public HotThread {
            frames = List.copyOf(frames);
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

    /** Listener-like classes (section 3). */
    public record Listeners(String mode, String pattern, double intervalSeconds, List<ListenerClass> classes) {
        public Listeners {
            classes = List.copyOf(classes);
        }
    }

    /**
     * @param growth instances gained between the two histograms, null with one histogram
     * @param loaders how many class loaders define a class of this name (rows of the histogram)
     */
    public record ListenerClass(String name, String module, long count, long bytes, Long growth, int loaders) {
    }

    /**
     * Where the data came from and what the audit cost the target (section 4, with Info).
     *
     * @param jmx             JMX was read (a connector the JVM ran already, or one --jmx started)
     * @param jmxAgentStarted xray started the JVM's JMX agent (--jmx); {@code jmxAgent} says what it opened
     */
    public record Sources(String attach, boolean jmx, String jmxNote, boolean jmxAgentStarted, JmxAgent jmxAgent,
                          String perfData, Map<String, String> sections, List<CommandRun> commands,
                          Long safepointMillis, Long safepoints) {
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
