package xray.model;

/**
 * A JVM's hsperfdata counters for {@code xray serve}, read without attaching.
 *
 * @param mainClass     from sun.rt.javaCommand, or null
 * @param heapUsed      Σ sun.gc.generation.*.space.*.used
 * @param heapCommitted Σ sun.gc.generation.*.capacity
 * @param sample        the counters xray jvm uses (heap max, threads, classes, collectors)
 */
public record JvmPerfCounters(int pid, String mainClass, Long heapUsed, Long heapCommitted, PerfSample sample) {
}
