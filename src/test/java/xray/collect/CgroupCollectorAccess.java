package xray.collect;

import java.util.Map;

/** Test access to package-private helpers of the collector. */
public final class CgroupCollectorAccess {
    private CgroupCollectorAccess() {
    }

    public static Map<String, Long> hierarchical(Map<String, Long> stat) {
        return CgroupCollector.hierarchical(stat);
    }
}
