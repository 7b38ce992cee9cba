package xray.model;

import java.util.List;

/**
 * At most N cgroups kept for export, the rest folded into one "other" (see
 * {@code xray.analysis.CgroupFold}).
 *
 * @param kept       the cgroups kept, in the order given
 * @param foldedTops the folded cgroups whose parent is kept: "other" is their sum (their
 *                   descendants' memory is already in theirs)
 * @param folded     how many cgroups were folded in all
 */
public record FoldedCgroups(List<Cgroup> kept, List<Cgroup> foldedTops, int folded) {
    public FoldedCgroups {
        kept = List.copyOf(kept);
        foldedTops = List.copyOf(foldedTops);
    }
}
