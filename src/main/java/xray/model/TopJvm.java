package xray.model;

/**
 * A JVM in {@code xray top}'s JVM view: its perf data reading and its share of time in collection
 * pauses since the reading before (%, null on the first).
 */
public record TopJvm(JvmPerf perf, Double gcPercent) {
}
