package xray.analysis;

import xray.model.CgroupSample;
import xray.model.Psi;

/** Kernel counters as xray exports them (as counted, never as rates; Prometheus takes the rates). */
public final class Counters {
    private Counters() {
    }

    /**
     * File pages read back soon after they were evicted: memory.stat workingset_refault_file (5.9+),
     * or workingset_refault on older kernels, where only file pages were tracked.
     */
    public static Long refaultsFile(CgroupSample s) {
        Long file = s.stat("workingset_refault_file");
        return file != null ? file : s.stat("workingset_refault");
    }

    /** Anonymous pages read back from swap soon after: workingset_refault_anon (5.9+), else absent. */
    public static Long refaultsAnon(CgroupSample s) {
        return s.stat("workingset_refault_anon");
    }

    /** A PSI line's total stall time in seconds: total (µs) / 10^6; null when the line or its total is absent. */
    public static Double stallSeconds(Psi psi) {
        return psi == null || psi.totalMicros() == null ? null
                : Long.divideUnsigned(psi.totalMicros(), 1_000_000) + Long.remainderUnsigned(psi.totalMicros(), 1_000_000) / 1e6;
    }
}
