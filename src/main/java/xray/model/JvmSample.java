package xray.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code xray jvm PID} read, as it was read: /proc, the perf data, the replies of the
 * diagnostic commands, JMX when it was used, and how the audit went. {@code analysis} makes the
 * report from it; nothing here is computed beyond unit conversion. Null is "not read".
 *
 * @param status     /proc/PID/status when the audit began
 * @param tasks      threads in /proc/PID/task when the audit began (before xray attached)
 * @param perfBefore the perf data when the audit began (before xray attached), or null
 * @param perfAfter  the perf data read again at the end, or null
 */
public record JvmSample(int pid, int nspid, ProcStatus status, String mainClass, String user, Integer uid,
                        Integer tasks, Flags flags, PerfSample perfBefore, PerfSample perfAfter, VmInfoSample vmInfo,
                        NmtSample nmt, Residency residency, Jmx jmx, Threads threads, Histograms histograms,
                        Channel channel) {

    /**
     * The flags that matter, from {@code VM.flags}; null when the JVM did not say.
     *
     * @param nmt NativeMemoryTracking ("off", "summary", "detail")
     */
    public record Flags(Long maxHeapSize, Long maxDirectMemorySize, String nmt, String collector) {
    }

    /**
     * /proc/PID/smaps and the stack pointer of every thread that was not running
     * (/proc/PID/task/TID/syscall), read right after VM.info; or why they were not read.
     *
     * @param skipped null when read; else {@link Skipped}
     * @param limit   the resident size above which smaps is not read (--smaps-max-rss)
     */
    public record Residency(List<Mapping> mappings, Map<Integer, Long> stackPointers, Skipped skipped,
                            long limit, double millis) {
        public Residency {
            mappings = List.copyOf(mappings);
            stackPointers = Map.copyOf(stackPointers);
        }
    }

    /** Why smaps was not read. */
    public enum Skipped {
        /** The process is larger than --smaps-max-rss. */
        OVER_LIMIT,
        /** Reading it did not finish within the time the audit had left. */
        DEADLINE,
        /** It could not be read (no ptrace rights, gone). */
        UNREADABLE
    }

    /**
     * What JMX gave, or why not.
     *
     * @param sample  the platform MBeans, or null
     * @param reason  why there is no sample: {@link JmxReason}; null with a sample
     * @param problem the JVM's or the JMX client's own words when it failed, else null
     * @param agent   what starting the JVM's agent (--jmx) left behind, or null when xray started none
     */
    public record Jmx(JmxSample sample, JmxReason reason, String problem, JvmReport.JmxAgent agent) {
    }

    /** Why JMX was not read. */
    public enum JmxReason {
        /** --no-jmx. */
        TURNED_OFF,
        /** The JVM is in another network namespace: its connector is on a loopback xray cannot reach. */
        OTHER_NETWORK,
        /** The JVM runs no connector and xray starts none unless asked (--jmx). */
        NO_CONNECTOR,
        /** The JVM did not say whether it runs a connector. */
        UNKNOWN,
        /** Connecting or reading failed (see problem). */
        FAILED
    }

    /**
     * The thread samples: CPU from /proc with a thread dump beside each.
     *
     * @param first  the dump taken with the first CPU sample (null with one sample, or without -e)
     * @param last   the dump the report is built from (states, frames, locks), or null when unreadable
     * @param comms  thread names from /proc/PID/task/TID/comm
     * @param own    thread ids busy with xray's own requests (the attach listener, JMX threads born during the audit)
     * @param extended the dumps carry {@code allocated=} (Thread.print -e, JDK 17+)
     */
    public record Threads(ThreadDumpSample first, ThreadDumpSample last, ThreadCpuSample cpu0, ThreadCpuSample cpu1,
                          Map<Integer, String> comms, Set<Integer> own, boolean extended) {
        public Threads {
            comms = Map.copyOf(comms);
            own = Set.copyOf(own);
        }
    }

    /**
     * The class histograms, in the order taken over the interval (one without an interval; three
     * of all objects, or two of live objects with --live), and the class hierarchy when read.
     *
     * @param hierarchySkipped the classes loaded, when there were too many to ask for the hierarchy; else null
     */
    public record Histograms(List<HistogramSample> samples, boolean live, double intervalSeconds,
                             ClassHierarchySample hierarchy, Long hierarchySkipped) {
        public Histograms {
            samples = List.copyOf(samples);
        }
    }

    /**
     * How xray reached the JVM and what it asked.
     *
     * @param startedListener xray started the attach listener (SIGQUIT with a trigger file)
     * @param perfFile        the hsperfdata file, or null
     */
    public record Channel(boolean startedListener, List<JvmReport.CommandRun> commands, String perfFile) {
        public Channel {
            commands = List.copyOf(commands);
        }
    }
}
