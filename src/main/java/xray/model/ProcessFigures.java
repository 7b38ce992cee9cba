package xray.model;

/**
 * The byte figures of a process, or the sums over a group of them; null where not read.
 *
 * @param rss      Rss from smaps_rollup when PSS was read (the same page-table walk), else VmRSS
 * @param uss      Private_Clean + Private_Dirty: what would be freed if the process exited
 * @param shared   rss − pss, over the processes whose PSS was read: what sharing saves
 * @param realCost pssAnon + pssShmem + swapPss where PSS was read, else rssAnon + rssShmem + swap
 */
public record ProcessFigures(
        Long rss,
        Long rssAnon,
        Long rssFile,
        Long rssShmem,
        Long swap,
        Long pss,
        Long pssAnon,
        Long pssFile,
        Long pssShmem,
        Long uss,
        Long swapPss,
        Long shared,
        Long realCost) {
}
