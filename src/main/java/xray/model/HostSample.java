package xray.model;

/**
 * What xray knows about the host as a whole.
 *
 * @param memory        the host numbers (null only when /proc/meminfo could not be read)
 * @param pressure      /proc/pressure/memory, or null
 * @param pressureNote  why pressure is null (absent file, PSI disabled, unreadable), else null
 * @param mglru         true when the multi-generational LRU is on, null when unknown
 * @param ksmSharing    bytes saved by KSM (pages_sharing × page size), null when KSM is off or absent
 */
public record HostSample(HostIdentity identity, HostMemory memory, Pressure pressure, String pressureNote,
                         Boolean mglru, Long ksmSharing) {
}
