package xray.model;

/**
 * What sharing saves over the processes whose PSS was read: Σ RSS − Σ PSS (each shared page is in
 * the RSS of every process that maps it, and split between them in PSS), and what KSM saves.
 *
 * @param processes how many processes the sums cover
 * @param rss       Σ Rss, or null when no PSS was read
 * @param pss       Σ Pss, or null when no PSS was read
 * @param ksm       pages_sharing × page size, or null when KSM is off or absent
 */
public record Sharing(int processes, Long rss, Long pss, Long ksm) {
    /** Σ RSS − Σ PSS, or null. */
    public Long shared() {
        return rss == null || pss == null ? null : Math.max(0, rss - pss); // both counts: cannot overflow
    }
}
