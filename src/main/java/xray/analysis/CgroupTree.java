package xray.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xray.model.SortOrder;
import xray.model.Cgroup;
import xray.model.CgroupLayout;
import xray.model.CgroupLimit;
import xray.model.CgroupField;
import xray.model.CgroupMemory;
import xray.model.CgroupPath;
import xray.model.CgroupSample;
import xray.model.HostMemory;
import xray.model.HostSample;
import xray.model.Limit;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.Pressure;

/**
 * {@code xray mem}'s report from what was read: the host's numbers, and the tree of cgroups with
 * their numbers, the names people recognise, and process counts over each subtree.
 */
public final class CgroupTree {
    private CgroupTree() {
    }

    public static MemReport report(MemSample s) {
        HostMemory host = MemoryModel.host(s.host().meminfo());
        return new MemReport(s.host(), host, s.layout(), cgroups(s.cgroups(), s.layout(), s.host(), host),
                s.notLinux());
    }

    /**
     * The cgroups in the order read (parent first); the first is the top of the walked mount.
     * Processes are counted over each subtree: children come after their parent, so a reverse pass
     * adds each subtree into its parent.
     */
    static List<Cgroup> cgroups(List<CgroupSample> samples, CgroupLayout layout, HostSample hostSample,
                                HostMemory host) {
        int n = samples.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        int[] procs = new int[n];
        int[] children = new int[n];
        boolean[] procsKnown = new boolean[n];
        for (int i = 0; i < n; i++) {
            CgroupSample s = samples.get(i);
            if (s.procs() != null) {
                procs[i] = s.procs().size();
                procsKnown[i] = true;
            }
            index.put(s.path(), i);
        }
        for (int i = n - 1; i > 0; i--) {
            Integer p = index.get(CgroupPath.parent(samples.get(i).path()));
            if (p != null) {
                children[p]++;
                if (procsKnown[i]) {
                    procs[p] += procs[i];
                }
            }
        }
        List<Cgroup> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CgroupSample s = samples.get(i);
            boolean top = i == 0;
            // The real root of a v2 host has no memory.current: its numbers come from the host's.
            CgroupMemory m = top && !s.v1() && s.current() == null && !layout.inContainer()
                    ? MemoryModel.v2HostRoot(s, host)
                    : MemoryModel.cgroup(s);
            // The root's pressure is the host's.
            Pressure pressure = top && s.pressure() == null && !layout.inContainer() ? hostSample.pressure()
                    : s.pressure();
            Names.Name name = top ? topName(layout) : Names.of(s.path());
            out.add(new Cgroup(s.path(), top ? null : CgroupPath.parent(s.path()), name.name(), name.kind(),
                    CgroupPath.depth(s.path()), s, m, pressure, s.event("oom_kill"), procsKnown[i] ? procs[i] : null,
                    limit(s, m), children[i]));
        }
        return out;
    }

    /** The cgroups as a person may name them: path, name and kind (for finding one), without reading them. */
    public static List<Names.Named> named(List<String> paths, CgroupLayout layout) {
        List<Names.Named> out = new ArrayList<>(paths.size());
        for (String p : paths) {
            Names.Name n = p.equals("/") ? topName(layout) : Names.of(p);
            out.add(new Names.Named(p, n.name(), n.kind()));
        }
        return out;
    }

    /** The top of the walked mount: the host's root, or inside a container its own cgroup. */
    static Names.Name topName(CgroupLayout layout) {
        if (!layout.inContainer()) {
            return new Names.Name("/", "root");
        }
        String root = layout.mountRoot();
        Names.Name n = root.equals("/") ? null : Names.of(root.replace("/..", ""));
        return new Names.Name(n == null || n.name().isEmpty() ? "/ (this container)" : "/ (" + n.name() + ")",
                "container");
    }

    /**
     * The order of {@code --sort KEY}: sizes and counts largest first, names A to Z, {@code reverse}
     * the other way; absent values last either way; ties by path. A limit sorts by its bytes
     * (unlimited last), pressure by some avg10.
     */
    public static java.util.Comparator<Cgroup> order(CgroupField key, boolean reverse) {
        java.util.Comparator<Cgroup> byPath = (a, b) -> a.path().compareTo(b.path());
        return key.unit() == xray.model.Unit.TEXT ? SortOrder.texts(c -> (String) key.of(c), reverse, byPath)
                : SortOrder.numbers(c -> sortValue(key, c), reverse, byPath);
    }

    /** A field's value as a number to sort by, or null. */
    private static Double sortValue(CgroupField key, Cgroup c) {
        Object v = key.of(c);
        if (v instanceof Long l) {
            return (double) l;
        }
        if (v instanceof Limit l) {
            return l.isUnlimited() ? null : (double) l.bytes();
        }
        if (v instanceof Pressure p) {
            return p.some() == null ? null : p.some().avg10();
        }
        return v instanceof Boolean b ? (b ? 1.0 : 0.0) : null;
    }

    /** memory.max (memory.limit_in_bytes) when set, else memory.high; null when neither is. */
    static CgroupLimit limit(CgroupSample s, CgroupMemory m) {
        Limit max = s.max();
        Limit high = s.high();
        Limit shown = max != null && !max.isUnlimited() ? max : high != null && !high.isUnlimited() ? high : null;
        return shown == null ? null
                : new CgroupLimit(shown.bytes(), shown == high, MemVerdicts.closeTo(m.realCost(), shown.bytes()),
                        MemVerdicts.closeTo(m.current(), shown.bytes()));
    }
}
