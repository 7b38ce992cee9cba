package xray.model;

/**
 * The limit a cgroup's table row shows: memory.max (memory.limit_in_bytes on v1) when it is set,
 * else memory.high; and whether the real cost is close to it.
 *
 * @param high           the limit is memory.high (throttling), not memory.max (the OOM killer)
 * @param realCostClose  the real cost is close to the limit (see the {@code close-to-limit} verdict)
 * @param chargeClose    what is charged is close to the limit (see {@code charge-close-to-limit})
 */
public record CgroupLimit(long bytes, boolean high, boolean realCostClose, boolean chargeClose) {
    /** Worth a look: the real cost or the charge at 90% of the limit or more. */
    public boolean close() {
        return realCostClose || chargeClose;
    }
}
