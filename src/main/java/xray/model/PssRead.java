package xray.model;

/** Whether the PSS of a process was read, and if not, why. */
public enum PssRead {
    /** smaps_rollup was read. */
    READ,
    /** PSS was not asked for (no --pss). */
    NOT_ASKED,
    /** smaps_rollup is not readable for this user (another user's process: needs root). */
    DENIED,
    /** The process is above --pss-max-rss: walking its page tables could stall it. */
    TOO_BIG,
    /** The kernel has no smaps_rollup (before 4.14), or a snapshot did not capture it: counted from RSS. */
    NO_ROLLUP,
    /** smaps_rollup could not be made sense of (a warning says why). */
    FAILED
}
