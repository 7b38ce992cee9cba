package xray.model;

import java.util.List;

/**
 * Something that limits what {@code xray ps} shows, said once for all the processes it concerns
 * (never once per process); the sentence is made from it in render.
 *
 * @param processes how many processes it concerns
 * @param all       it concerns every process that was read (the kernel's doing, not theirs)
 * @param pids      the first of them (at most {@link #PIDS}), or none when the pids do not matter
 * @param bytes     the size it names (--pss-max-rss), or null
 */
public record PsNote(Code code, int processes, boolean all, List<Integer> pids, Long bytes) {
    /** How many pids a note lists. */
    public static final int PIDS = 8;

    public enum Code {
        /** Root may not read these processes' smaps_rollup either: they hold capabilities xray lacks. */
        PSS_KEPT_FROM_ROOT,
        /** Other users' smaps_rollup needs root. */
        PSS_NEEDS_ROOT,
        /** Above --pss-max-rss: not walked. */
        PSS_TOO_BIG,
        /** No smaps_rollup on this kernel (before 4.14) or in this snapshot. */
        NO_SMAPS_ROLLUP,
        /** smaps_rollup without Pss_Anon and Pss_Shmem (before 5.7). */
        PSS_UNSPLIT
    }

    public PsNote {
        pids = List.copyOf(pids);
    }
}
