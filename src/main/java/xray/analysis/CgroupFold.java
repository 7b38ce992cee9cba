package xray.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xray.model.Cgroup;
import xray.model.FoldedCgroups;

/**
 * At most N cgroups kept, the rest folded into one "other": the largest by charge (current) are
 * kept, always with their ancestors (a kept cgroup's parent is kept, so the tree reads whole);
 * the others are folded. A cgroup's counts hold its descendants' (memory.stat is hierarchical),
 * so "other" sums only the folded cgroups whose parent is kept (the tops of the folded subtrees):
 * nothing is counted twice.
 */
public final class CgroupFold {
    private CgroupFold() {
    }

    public static FoldedCgroups of(List<Cgroup> cgroups, int max) {
        if (cgroups.size() <= max) {
            return new FoldedCgroups(cgroups, List.of(), 0);
        }
        Map<String, Cgroup> byPath = new HashMap<>();
        for (Cgroup cg : cgroups) {
            byPath.put(cg.path(), cg);
        }
        List<Cgroup> bySize = new ArrayList<>(cgroups);
        bySize.sort(Comparator.comparing((Cgroup cg) -> cg.memory().current(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed().thenComparing(Cgroup::path));
        Set<String> keep = new HashSet<>();
        // "other" takes one series of the N: keep N − 1
        for (Cgroup cg : bySize) {
            List<String> chain = new ArrayList<>();
            for (Cgroup c = cg; c != null && !keep.contains(c.path()); c = c.parent() == null ? null : byPath.get(c.parent())) {
                chain.add(c.path());
            }
            if (keep.size() + chain.size() <= max - 1) {
                keep.addAll(chain);
            }
        }
        List<Cgroup> kept = new ArrayList<>();
        List<Cgroup> tops = new ArrayList<>();
        for (Cgroup cg : cgroups) {
            if (keep.contains(cg.path())) {
                kept.add(cg);
            } else if (cg.parent() == null || keep.contains(cg.parent()) || !byPath.containsKey(cg.parent())) {
                tops.add(cg);
            }
        }
        return new FoldedCgroups(kept, tops, cgroups.size() - kept.size());
    }
}
