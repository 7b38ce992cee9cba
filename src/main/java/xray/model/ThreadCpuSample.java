package xray.model;

import java.util.Map;

/**
 * CPU time of every thread of a process at one moment, from /proc/PID/task/TID/schedstat.
 *
 * @param atNanos  System.nanoTime() when the sample was taken
 * @param cpuNanos CPU nanoseconds by thread id (TID)
 */
public record ThreadCpuSample(long atNanos, Map<Integer, Long> cpuNanos) {
    public ThreadCpuSample {
        cpuNanos = Map.copyOf(cpuNanos);
    }
}
