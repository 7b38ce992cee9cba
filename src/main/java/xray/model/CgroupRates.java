package xray.model;

/**
 * What changed in one cgroup between two readings, per second of the interval; null where either
 * reading lacks the value, or where a counter went backwards (the cgroup was made again): that rate
 * restarts from the next interval, never shown negative.
 *
 * @param realCostPerSecond    Δ real cost / s (a level, not a counter: negative while it shrinks)
 * @param refaultFilePerSecond workingset_refault_file per second (pages read back in soon after eviction)
 * @param refaultAnonPerSecond workingset_refault_anon per second
 * @param refaultsPerSecond    the two together
 * @param pressureSomePercent  share of the interval in which some task here stalled on memory, %
 *                             (from the PSI some total, in microseconds)
 * @param oomKillsSinceStart   OOM kills since xray top started (or since the cgroup appeared)
 * @param oomKillNew           an OOM kill happened here within the last minute
 */
public record CgroupRates(Double realCostPerSecond, Double refaultFilePerSecond, Double refaultAnonPerSecond,
                          Double refaultsPerSecond, Double pressureSomePercent, Long oomKillsSinceStart,
                          boolean oomKillNew) {
    /** No rates: the first reading of a cgroup, or none before it. */
    public static final CgroupRates NONE = new CgroupRates(null, null, null, null, null, null, false);
}
