package xray.analysis;

/**
 * Rates from two readings and the clock between them (MEMORY-MODEL.md, "Over time"). Pure: the
 * same readings give the same rates.
 */
public final class Rates {
    private Rates() {
    }

    /**
     * A counter's rate: (after − before) / seconds. Null when either reading is absent, when no time
     * passed, or when the counter went backwards (a cgroup made again, a counter reset, a value
     * beyond 2^63 read as negative): the rate restarts from the next pair of readings, never shown
     * negative.
     */
    public static Double perSecond(Long before, Long after, double seconds) {
        if (before == null || after == null || !(seconds > 0) || before < 0 || after < before) {
            return null;
        }
        return (after - before) / seconds;
    }

    /** A level's change per second, (after − before) / seconds: negative while it shrinks; null when unknown. */
    public static Double change(Long before, Long after, double seconds) {
        if (before == null || after == null || !(seconds > 0)) {
            return null;
        }
        return ((double) after - (double) before) / seconds;
    }

    /**
     * The share of an interval spent stalled, in percent, from two PSI {@code total} readings
     * (microseconds): Δtotal / (seconds × 10^6) × 100. Null as for {@link #perSecond}, a total going
     * backwards included; at most 100 (the two readings are not taken at the kernel's own instants,
     * so a full stall can come out a hair above the interval).
     */
    public static Double stallPercent(Long totalBefore, Long totalAfter, double seconds) {
        Double micros = perSecond(totalBefore, totalAfter, seconds);
        return micros == null ? null : Math.min(100.0, micros / 10_000.0);
    }

    /** Two rates added, either absent: the other (null only when both are). */
    public static Double sum(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Double.valueOf(a + b);
    }

    /** The share of one core a process used, %: Δ CPU nanoseconds / (seconds × 10^9) × 100; null as for {@link #perSecond}. */
    public static Double cpuPercent(Long nanosBefore, Long nanosAfter, double seconds) {
        Double ns = perSecond(nanosBefore, nanosAfter, seconds);
        return ns == null ? null : ns / 1e7;
    }
}
