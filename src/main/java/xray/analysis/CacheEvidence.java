package xray.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import xray.model.Verdict;

/**
 * Whether a cgroup's cache is needed, from the evidence over an interval (MEMORY-MODEL.md, "Over
 * time"): refaults (pages read back in soon after they were evicted) say that evicted cache was
 * needed again; memory pressure (PSI) says whether anyone waits for it. The judgement is a
 * {@link Verdict}:
 * <ul>
 *   <li>{@code cache-contended} (warn): refaults and pressure: the cache is being fought over, and
 *       the limit or the neighbours are too tight;
 *   <li>{@code cache-needed} (info): refaults without pressure: evicted cache is read back, at no
 *       stall worth a mention yet;
 *   <li>{@code cache-not-needed} (info): (almost) no refaults: the cache kept costs nobody anything.
 * </ul>
 */
public final class CacheEvidence {
    /**
     * Refaults per second at or above this are evidence (pages: 40 KiB/s). Below it, the few
     * refaults a quiet host shows (this machine's cgroups: 0 to 5 a second with no limit and no
     * pressure) are noise.
     */
    static final double REFAULTS_NEEDED = 10.0;
    /** Pressure some over the interval at or above this (percent) is more than zero: 1 ms in a second. */
    static final double PRESSURE_ABOVE_ZERO = 0.1;

    public static final String NEEDED = "cache-needed";
    public static final String CONTENDED = "cache-contended";
    public static final String NOT_NEEDED = "cache-not-needed";

    private CacheEvidence() {
    }

    /**
     * The verdict for {@code subject} over an interval of {@code seconds}, or null without evidence
     * (no refault counters, no rates yet).
     *
     * @param refaultsPerSecond   refaults over the interval (file + anon)
     * @param pressureSomePercent PSI some over the interval, % (null when the cgroup has no pressure file)
     * @param coldCache           the cache it keeps, for the record (null when unknown)
     */
    public static Verdict judge(String subject, Double refaultsPerSecond, Double pressureSomePercent, Long coldCache,
                                double seconds) {
        if (refaultsPerSecond == null) {
            return null;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("refaultsPerSecond", refaultsPerSecond);
        figures.put("pressureSomePercent", pressureSomePercent);
        figures.put("coldCache", coldCache);
        figures.put("seconds", seconds);
        if (refaultsPerSecond < REFAULTS_NEEDED) {
            return new Verdict(NOT_NEEDED, Verdict.Severity.INFO, subject, figures);
        }
        if (pressureSomePercent != null && pressureSomePercent >= PRESSURE_ABOVE_ZERO) {
            return new Verdict(CONTENDED, Verdict.Severity.WARN, subject, figures);
        }
        return new Verdict(NEEDED, Verdict.Severity.INFO, subject, figures);
    }
}
