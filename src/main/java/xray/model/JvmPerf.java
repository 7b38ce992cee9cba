package xray.model;

/**
 * A JVM as its hsperfdata file shows it (what jstat reads), without attaching: one reading.
 *
 * @param heapUsed      Σ sun.gc.generation.*.space.*.used (as jstat -gc adds them)
 * @param heapCommitted Σ sun.gc.generation.*.capacity
 * @param heapMax       the largest the heap may grow (see PerfData.heapMax)
 * @param gcTicks       Σ sun.gc.collector.*.time: time in collection pauses, in ticks
 * @param ticks         sun.os.hrt.ticks: the JVM's clock when it wrote the counters
 * @param tickFrequency sun.os.hrt.frequency: ticks per second
 */
public record JvmPerf(int pid, String mainClass, String user, Long rss, Long heapUsed, Long heapCommitted,
                      Long heapMax, Long gcTicks, Long ticks, Long tickFrequency, Long startMillis) {
}
