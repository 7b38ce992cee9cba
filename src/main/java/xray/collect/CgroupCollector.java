package xray.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import xray.analysis.MemoryModel;
import xray.analysis.Names;
import xray.kernel.CgroupLayout;
import xray.kernel.Keyed;
import xray.kernel.KernelFs;
import xray.kernel.PsiFormat;
import xray.kernel.SingleValue;
import xray.model.Cgroup;
import xray.model.CgroupMemory;
import xray.model.CgroupSample;
import xray.model.HostSample;
import xray.model.Limit;

/**
 * Walks the memory cgroup tree and reads each cgroup: first the directory walk (names only),
 * then the files of every cgroup (in parallel), then the tree is assembled parent-first.
 * A cgroup removed during the scan is skipped without a word.
 */
public final class CgroupCollector {
    private final Reader r;
    private final KernelFs fs;
    private final CgroupLayout layout;
    /** Names known to be control files, learned as the walk goes, so entries need no stat. */
    private final Set<String> controlFiles = ConcurrentHashMap.newKeySet();

    public CgroupCollector(KernelFs fs, CgroupLayout layout, Warnings warnings) {
        this.fs = fs;
        this.layout = layout;
        this.r = new Reader(fs, warnings);
    }

    /** Every cgroup, parent before children, children in directory order. */
    public List<Cgroup> scan(HostSample host) {
        if (layout.memoryMount() == null) {
            return List.of();
        }
        Path top = fs.path(layout.memoryMount());
        List<String> paths = new ArrayList<>();
        walk(top, "/", paths);
        CgroupSample[] samples = new CgroupSample[paths.size()];
        IntStream.range(0, samples.length).parallel().forEach(i -> samples[i] = read(top, paths.get(i)));
        return assemble(paths, samples, host);
    }

    private void walk(Path dir, String path, List<String> out) {
        out.add(path);
        List<String> names;
        try {
            names = fs.list(dir);
        } catch (xray.kernel.FileProblem p) {
            return; // an unreadable directory: its own files still warn when read
        }
        names.sort(null);
        for (String name : names) {
            if (controlFiles.contains(name)) {
                continue;
            }
            Path child = dir.resolve(name);
            if (fs.isDirectory(child)) {
                walk(child, path.equals("/") ? "/" + name : path + "/" + name, out);
            } else {
                controlFiles.add(name);
            }
        }
    }

    CgroupSample read(Path top, String path) {
        Path dir = path.equals("/") ? top : top.resolve(path.substring(1));
        CgroupSample s = layout.memoryIsV1() ? readV1(dir, path) : readV2(dir, path);
        if (s.current() == null && s.stat() == null && s.procs() == null && !fs.exists(dir)) {
            return null; // removed while we read it
        }
        return s;
    }

    private CgroupSample readV2(Path dir, String path) {
        return new CgroupSample(path, false,
                number(dir.resolve("memory.current")),
                number(dir.resolve("memory.peak")),
                limit(dir.resolve("memory.max")),
                limit(dir.resolve("memory.high")),
                null,
                limit(dir.resolve("memory.low")),
                limit(dir.resolve("memory.min")),
                number(dir.resolve("memory.swap.current")),
                null,
                r.keyed(dir.resolve("memory.stat"), Keyed::parse),
                r.keyed(dir.resolve("memory.events"), Keyed::parse),
                r.read(dir.resolve("memory.pressure"), PsiFormat::parse),
                r.read(dir.resolve("cgroup.procs"), CgroupCollector::pids));
    }

    private CgroupSample readV1(Path dir, String path) {
        Map<String, Long> stat = hierarchical(r.keyed(dir.resolve("memory.stat"), Keyed::parse));
        return new CgroupSample(path, true,
                number(dir.resolve("memory.usage_in_bytes")),
                number(dir.resolve("memory.max_usage_in_bytes")),
                limit(dir.resolve("memory.limit_in_bytes")),
                null,
                limit(dir.resolve("memory.soft_limit_in_bytes")),
                null,
                null,
                stat == null ? null : stat.get("swap"),
                number(dir.resolve("memory.kmem.usage_in_bytes")),
                stat,
                r.keyed(dir.resolve("memory.oom_control"), Keyed::parse),
                unifiedPressure(path),
                r.read(dir.resolve("cgroup.procs"), CgroupCollector::pids));
    }

    /** On hybrid hosts, the cgroup2 tree has memory.pressure for the same path (systemd mirrors both). */
    private xray.model.Pressure unifiedPressure(String path) {
        if (layout.unifiedMount() == null) {
            return null;
        }
        Path file = fs.path(layout.unifiedMount() + (path.equals("/") ? "" : path) + "/memory.pressure");
        return r.read(file, PsiFormat::parse);
    }

    /**
     * v1 memory.stat: the hierarchical total_* keys, without the prefix, are the numbers of this
     * cgroup and its descendants. A file without them (non-hierarchical) is used as it is.
     */
    static Map<String, Long> hierarchical(Map<String, Long> stat) {
        if (stat == null) {
            return null;
        }
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, Long> e : stat.entrySet()) {
            if (e.getKey().startsWith("total_")) {
                out.put(e.getKey().substring(6), e.getValue());
            }
        }
        return out.isEmpty() ? stat : out;
    }

    private Long number(Path file) {
        return r.read(file, SingleValue::parseBytes);
    }

    private Limit limit(Path file) {
        return r.read(file, SingleValue::parseLimit);
    }

    /** cgroup.procs: one pid per line. */
    static List<Integer> pids(String text) {
        List<Integer> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                try {
                    out.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new xray.kernel.Malformed("'" + t + "' is not a pid");
                }
            }
        }
        return out;
    }

    private List<Cgroup> assemble(List<String> paths, CgroupSample[] samples, HostSample host) {
        Map<String, Integer> index = new HashMap<>(paths.size() * 2);
        int[] procs = new int[paths.size()];
        boolean[] procsKnown = new boolean[paths.size()];
        // Children come after their parent, so a reverse pass adds each subtree into its parent.
        for (int i = paths.size() - 1; i >= 0; i--) {
            CgroupSample s = samples[i];
            if (s == null) {
                continue;
            }
            if (s.procs() != null) {
                procs[i] += s.procs().size();
                procsKnown[i] = true;
            }
            index.put(paths.get(i), i);
        }
        for (int i = paths.size() - 1; i > 0; i--) {
            if (samples[i] == null || !procsKnown[i]) {
                continue;
            }
            Integer p = index.get(parentOf(paths.get(i)));
            if (p != null) {
                procs[p] += procs[i];
            }
        }
        List<Cgroup> out = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            CgroupSample s = samples[i];
            if (s == null || (i > 0 && !index.containsKey(parentOf(paths.get(i))))) {
                continue;
            }
            String path = paths.get(i);
            boolean top = i == 0;
            CgroupMemory m = top && !s.v1() && s.current() == null && !layout.inContainer()
                    ? MemoryModel.v2HostRoot(s, host.memory())
                    : MemoryModel.cgroup(s);
            if (top && s.pressure() == null && !layout.inContainer() && host.pressure() != null) {
                s = withPressure(s, host.pressure()); // the root's pressure is the host's
            }
            Names.Name name = top ? topName() : Names.of(path);
            out.add(new Cgroup(path, top ? null : parentOf(path), name.name(), name.kind(), depth(path), s, m,
                    s.event("oom_kill"), procsKnown[i] ? procs[i] : null));
        }
        return out;
    }

    private Names.Name topName() {
        if (!layout.inContainer()) {
            return new Names.Name("/", "root");
        }
        String root = layout.mountRoot();
        Names.Name n = root.equals("/") ? null : Names.of(root.replace("/..", ""));
        return new Names.Name(n == null || n.name().isEmpty() ? "/ (this container)" : "/ (" + n.name() + ")", "container");
    }

    private static CgroupSample withPressure(CgroupSample s, xray.model.Pressure p) {
        return new CgroupSample(s.path(), s.v1(), s.current(), s.peak(), s.max(), s.high(), s.softLimit(), s.low(),
                s.min(), s.swapCurrent(), s.kmemUsage(), s.stat(), s.events(), p, s.procs());
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static int depth(String path) {
        if (path.equals("/")) {
            return 0;
        }
        int d = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }
}
