package xray.model;

/**
 * The limit a cgroup's table row shows: memory.max (memory.limit_in_bytes on v1) when it is set,
 * else memory.high; and whether the real cost is close to it.
 *
 * @param high           the limit is memory.high (throttling), not memory.max (the OOM killer)
 * @param realCostClose  the real cost is close to the limit (see the {@code close-to-limit} verdict)
 */
public record CgroupLimit(long bytes, boolean high, boolean realCostClose) {
}
