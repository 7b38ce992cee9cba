package xray.model;

/**
 * What changed on the host between two readings, per second; null where unknown (see CgroupRates).
 *
 * @param refaultsPerSecond    /proc/vmstat workingset_refault_file + _anon per second
 * @param pressureSomePercent  share of the interval in which some task stalled on memory, %
 * @param pressureFullPercent  share of the interval in which all non-idle tasks stalled, %
 */
public record HostRates(Double refaultFilePerSecond, Double refaultAnonPerSecond, Double refaultsPerSecond,
                        Double pressureSomePercent, Double pressureFullPercent) {
    public static final HostRates NONE = new HostRates(null, null, null, null, null);
}
