package xray.model;

import java.util.Map;
import java.util.Set;

/**
 * Which cgroups a fold to at most N series keeps and which it sums into "other", decided from
 * their charges alone (see {@code xray.analysis.CgroupFold}), so that only those cgroups need
 * reading whole: the folded ones below a folded top are in the top's own counts.
 *
 * @param kept       the paths of the cgroups kept
 * @param foldedTops the paths of the folded cgroups whose parent is kept (or that have no parent),
 *                   each with how many cgroups its folded subtree holds, itself included
 */
public record FoldPlan(Set<String> kept, Map<String, Integer> foldedTops) {
    public FoldPlan {
        kept = Set.copyOf(kept);
        foldedTops = Map.copyOf(foldedTops);
    }

    /** True when the cgroup at {@code path} is to be read whole: kept, or the top of a folded subtree. */
    public boolean readWhole(String path) {
        return kept.contains(path) || foldedTops.containsKey(path);
    }
}
