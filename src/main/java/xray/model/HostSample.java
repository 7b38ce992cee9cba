package xray.model;

import java.util.Collections;
import java.util.Map;

/**
 * What was read about the host as a whole, before any formula.
 *
 * @param meminfo         /proc/meminfo by key, in bytes (values that cannot be true already dropped)
 * @param pressure        /proc/pressure/memory, or null
 * @param pressureMissing why pressure is null, else null
 * @param mglru           true when the multi-generational LRU is on, null when unknown
 * @param ksmSharing      bytes saved by KSM (pages_sharing × page size), null when KSM is off or absent
 */
public record HostSample(HostIdentity identity, Map<String, Long> meminfo, Pressure pressure,
                         PressureMissing pressureMissing, Boolean mglru, Long ksmSharing) {
    public HostSample {
        meminfo = Collections.unmodifiableMap(meminfo);
    }
}
