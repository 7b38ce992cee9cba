package xray.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xray.model.Cgroup;
import xray.model.CgroupPath;
import xray.model.CgroupSample;
import xray.model.FoldPlan;
import xray.model.FoldedCgroups;

/**
 * At most N cgroups kept, the rest folded into one "other": the largest by charge (current) are
 * kept, always with their ancestors (a kept cgroup's parent is kept, so the tree reads whole);
 * the others are folded. A cgroup's counts hold its descendants' (memory.stat is hierarchical),
 * so "other" sums only the folded cgroups whose parent is kept (the tops of the folded subtrees):
 * nothing is counted twice. The rule needs each cgroup's charge alone ({@link #plan}), so that
 * xray serve reads the other files only of the cgroups kept and of the folded tops.
 */
public final class CgroupFold {
    private CgroupFold() {
    }

    /**
     * What the rule needs of one cgroup.
     *
     * @param parent  the parent's path, null for the top of the tree
     * @param current the charge (memory.current; v1 memory.usage_in_bytes), or null when absent
     */
    public record Charge(String path, String parent, Long current) {
    }

    /**
     * The fold of cgroups whose charges alone were read, parent before children (the first is the
     * top of the tree): what xray serve reads whole of a large tree. The top's charge may be
     * absent here (a v2 host's root has no memory.current) where the report takes the host's:
     * the top is an ancestor of every cgroup, so its charge never changes what is kept.
     */
    public static FoldPlan ofCharges(List<CgroupSample> charges, int max) {
        List<Charge> out = new ArrayList<>(charges.size());
        for (int i = 0; i < charges.size(); i++) {
            CgroupSample s = charges.get(i);
            out.add(new Charge(s.path(), i == 0 ? null : CgroupPath.parent(s.path()), s.current()));
        }
        return plan(out, max);
    }

    /** The fold of cgroups already read whole. */
    public static FoldedCgroups of(List<Cgroup> cgroups, int max) {
        List<Charge> charges = new ArrayList<>(cgroups.size());
        for (Cgroup cg : cgroups) {
            charges.add(new Charge(cg.path(), cg.parent(), cg.memory().current()));
        }
        return apply(cgroups, plan(charges, max));
    }

    /**
     * The cgroups kept and the folded tops, by path, as {@link #plan} chose them. A folded top that
     * is not among {@code cgroups} (its reading was cut short) is neither in "other" nor counted
     * as folded.
     */
    public static FoldedCgroups apply(List<Cgroup> cgroups, FoldPlan plan) {
        List<Cgroup> kept = new ArrayList<>();
        List<Cgroup> tops = new ArrayList<>();
        int folded = 0;
        for (Cgroup cg : cgroups) {
            if (plan.kept().contains(cg.path())) {
                kept.add(cg);
            } else {
                Integer n = plan.foldedTops().get(cg.path());
                if (n != null) {
                    tops.add(cg);
                    folded += n;
                }
            }
        }
        return new FoldedCgroups(kept, tops, folded);
    }

    /** Which of {@code cgroups} (a tree: each one's parent among them, or null) are kept, and which fold. */
    public static FoldPlan plan(List<Charge> cgroups, int max) {
        Set<String> keep = new HashSet<>();
        if (cgroups.size() <= max) {
            for (Charge cg : cgroups) {
                keep.add(cg.path());
            }
            return new FoldPlan(keep, Map.of());
        }
        Map<String, Charge> byPath = new HashMap<>();
        for (Charge cg : cgroups) {
            byPath.put(cg.path(), cg);
        }
        List<Charge> bySize = new ArrayList<>(cgroups);
        bySize.sort(Comparator.comparing(Charge::current, Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed().thenComparing(Charge::path));
        // "other" takes one series of the N: keep N − 1
        for (Charge cg : bySize) {
            List<String> chain = new ArrayList<>();
            for (Charge c = cg; c != null && !keep.contains(c.path()); c = c.parent() == null ? null : byPath.get(c.parent())) {
                chain.add(c.path());
            }
            if (keep.size() + chain.size() <= max - 1) {
                keep.addAll(chain);
            }
        }
        // Each folded cgroup's top: itself when its parent is kept (or absent), else its parent's.
        Map<String, String> topOf = new HashMap<>();
        Map<String, Integer> tops = new HashMap<>();
        for (Charge cg : cgroups) {
            if (!keep.contains(cg.path())) {
                tops.merge(top(cg, byPath, keep, topOf), 1, Integer::sum);
            }
        }
        return new FoldPlan(keep, tops);
    }

    private static String top(Charge cg, Map<String, Charge> byPath, Set<String> keep, Map<String, String> topOf) {
        List<String> below = new ArrayList<>();
        Charge c = cg;
        String top = topOf.get(c.path());
        while (top == null) {
            if (c.parent() == null || keep.contains(c.parent()) || !byPath.containsKey(c.parent())) {
                top = c.path();
            } else {
                below.add(c.path());
                c = byPath.get(c.parent());
                top = topOf.get(c.path());
            }
        }
        for (String p : below) {
            topOf.put(p, top);
        }
        topOf.put(c.path(), top);
        return top;
    }
}
