package xray.model;

import java.util.Map;

/**
 * One frame of {@code xray top}: a reading and what changed since the one before.
 *
 * @param sample         the reading
 * @param report         what it means: the host's numbers and every cgroup with its numbers and names
 * @param seconds        the interval the rates span (0 without rates)
 * @param noRates        why there are no rates (the first frame, a snapshot), or null
 * @param host           the host's rates
 * @param rates          each cgroup's rates, by path (every cgroup of the sample has an entry)
 * @param cache          each cgroup's evidence of whether its cache is needed, by path: a verdict
 *                       ({@code cache-needed}, {@code cache-contended}, {@code cache-not-needed}),
 *                       absent without rates or without refault counters
 * @param ownCpuPercent  xray's own CPU over the interval, % of one core, or null
 */
public record TopFrame(TopSample sample, MemReport report, double seconds, String noRates, HostRates host,
                       Map<String, CgroupRates> rates, Map<String, Verdict> cache, Double ownCpuPercent) {
    public TopFrame {
        rates = Map.copyOf(rates);
        cache = Map.copyOf(cache);
    }

    public boolean hasRates() {
        return noRates == null;
    }
}
