package xray.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import xray.kernel.CgroupProcs;
import xray.kernel.Keyed;
import xray.kernel.KeyedValues;
import xray.kernel.KernelFs;
import xray.kernel.PsiFormat;
import xray.kernel.SingleValue;
import xray.model.CgroupLayout;
import xray.model.CgroupPath;
import xray.model.CgroupSample;
import xray.model.FoldPlan;
import xray.model.Limit;
import xray.model.StatKey;

/**
 * Walks the memory cgroup tree and reads each cgroup: first the directory walk (names only),
 * then the files of every cgroup (in parallel), parent before children. A cgroup removed during
 * the scan is skipped without a word.
 */
public final class CgroupCollector {
    private final Reader r;
    private final KernelFs fs;
    private final Warnings warnings;
    private final CgroupLayout layout;
    /** The memory.stat keys the memory model and xray top's rates use on v2 (StatKey). */
    private static final Keyed.Keys V2_KEYS = new Keyed.Keys(StatKey.names(false));
    /** The same on v1: the hierarchical totals, and the plain keys for files without them. */
    private static final Keyed.Keys V1_KEYS = new Keyed.Keys(v1Keys());
    private static final Function<String, KeyedValues> V2_STAT = text -> Keyed.parse(text, V2_KEYS);
    private static final Function<String, KeyedValues> V1_STAT = text -> Keyed.parse(text, V1_KEYS);

    /** Names known to be control files, learned as the walk goes, so entries need no stat. */
    private final Set<String> controlFiles = ConcurrentHashMap.newKeySet();

    /** MemTotal + SwapTotal of the host being read (no count of one cgroup can be more), or null. */
    private volatile Long bound;

    /** True to read also what only a drill-down shows (memory.low, memory.min). */
    private final boolean detail;

    /**
     * For scans made again and again (xray top): what a directory held when it was last listed (its
     * inode, its link count and its subdirectories), so a directory is listed again only when its
     * link count (2 + subdirectories on cgroupfs) or inode changed, or a cgroup in it vanished; null
     * for a single scan.
     */
    private final Map<String, Listed> listed;
    /** The inode of each cgroup directory seen by the last scan (with {@link #listed}). */
    private final Map<String, Long> inodes = new ConcurrentHashMap<>();

    private record Listed(long inode, int links, List<String> children) {
    }

    /** False to leave cgroup.procs unread (xray serve exports no process counts). */
    private boolean processes = true;

    /** This collector, reading no cgroup.procs: the samples' procs are null. */
    public CgroupCollector withoutProcesses() {
        processes = false;
        return this;
    }

    /** Cgroups found but not read by the deadline of the last scan (xray serve caps its time). */
    private final java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean timedOut;
    /** The fold the last scan read by, or null. */
    private volatile FoldPlan plan;

    public int skipped() {
        return skipped.get();
    }

    /** True when the last scan ran out of time (its walk or its reads were cut short). */
    public boolean timedOut() {
        return timedOut;
    }

    public CgroupCollector(KernelFs fs, CgroupLayout layout, Warnings warnings, boolean detail) {
        this(fs, layout, warnings, detail, false);
    }

    /**
     * @param repeated the collector scans again and again (xray top): directories are listed again
     *                 only when they changed, and files are parsed again only when their text did
     */
    public CgroupCollector(KernelFs fs, CgroupLayout layout, Warnings warnings, boolean detail, boolean repeated) {
        this.fs = fs;
        this.layout = layout;
        this.r = new Reader(fs, warnings, repeated);
        this.warnings = warnings;
        this.detail = detail;
        this.listed = repeated ? new ConcurrentHashMap<>() : null;
    }

    private static List<String> v1Keys() {
        List<String> keys = new ArrayList<>(StatKey.names(true));
        for (String k : StatKey.names(true)) {
            keys.add("total_" + k);
        }
        return keys;
    }

    /**
     * Every cgroup that could be read, parent before children, children by name; a cgroup whose
     * parent vanished during the scan is left out with it.
     *
     * @param bound MemTotal + SwapTotal of the host (no count of one cgroup can be more), or null
     */
    public List<CgroupSample> scan(Long bound) {
        return scan(bound, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * The cgroups down to {@code maxDepth} below the top, read until {@code deadline} (a
     * {@link System#nanoTime()}); those not read by then are left out and counted ({@link #skipped()}).
     */
    public List<CgroupSample> scan(Long bound, int maxDepth, long deadline) {
        return scan(bound, maxDepth, deadline, Integer.MAX_VALUE, null);
    }

    /**
     * The same, reading less when the walk finds more than {@code max} cgroups: first only each
     * cgroup's charge (memory.current; v1 memory.usage_in_bytes), then its other files only when
     * {@code fold}, told every charge read (a sample with the charge alone, parent before
     * children), says it is kept or the top of a folded subtree ({@link #plan()}). The cgroups
     * below a folded top are not read further: the top's counts hold theirs. Past the deadline, a
     * folded top left unread counts as skipped with its whole folded subtree.
     *
     * @param fold decides from the charges which cgroups to read whole; null to read every one
     */
    public List<CgroupSample> scan(Long bound, int maxDepth, long deadline, int max,
                                   Function<List<CgroupSample>, FoldPlan> fold) {
        plan = null;
        if (layout.memoryMount() == null) {
            return List.of();
        }
        r.nextRound();
        skipped.set(0);
        timedOut = false;
        this.bound = bound;
        Path top = fs.path(layout.memoryMount());
        List<String> paths = walk(top, maxDepth, deadline);
        if (fold == null || paths.size() <= max) {
            return readEach(paths, deadline, p -> 1, p -> read(top, p, null));
        }
        List<CgroupSample> charges = readEach(paths, deadline, p -> 1, p -> charge(top, p));
        FoldPlan chosen = fold.apply(charges);
        plan = chosen;
        List<String> whole = new ArrayList<>();
        Map<String, CgroupSample> charged = new HashMap<>();
        for (CgroupSample c : charges) {
            if (chosen.readWhole(c.path())) {
                whole.add(c.path());
                charged.put(c.path(), c);
            }
        }
        return readEach(whole, deadline, p -> chosen.foldedTops().getOrDefault(p, 1),
                p -> read(top, p, charged.get(p)));
    }

    /** The fold the last scan read by ({@link #scan(Long, int, long, int, Function)}), or null when it read every cgroup whole. */
    public FoldPlan plan() {
        return plan;
    }

    /**
     * Reads each path (in parallel when there are many) until the deadline; those left unread
     * count as skipped by their {@code weight}. A cgroup read whose parent was not is left out.
     */
    private List<CgroupSample> readEach(List<String> paths, long deadline, java.util.function.ToIntFunction<String> weight,
                                        Function<String, CgroupSample> reader) {
        CgroupSample[] samples = new CgroupSample[paths.size()];
        boolean[] unread = new boolean[paths.size()];
        IntStream range = IntStream.range(0, samples.length);
        (samples.length < PARALLEL ? range : range.parallel()).forEach(i -> {
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                unread[i] = true;
                skipped.addAndGet(weight.applyAsInt(paths.get(i)));
                timedOut = true;
            } else {
                samples[i] = reader.apply(paths.get(i));
            }
        });
        if (listed != null) {
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] == null && !unread[i]) {
                    listed.remove(CgroupPath.parent(paths.get(i))); // vanished: its parent is listed again next time
                }
            }
        }
        Set<String> read = new java.util.HashSet<>(paths.size() * 2);
        List<CgroupSample> out = new ArrayList<>(paths.size());
        for (int i = 0; i < samples.length; i++) {
            CgroupSample s = samples[i];
            if (s != null && (i == 0 || read.contains(CgroupPath.parent(s.path())))) {
                read.add(s.path());
                out.add(s);
            }
        }
        return out;
    }

    /** The path of every cgroup, parent before children, without reading a file of any. */
    public List<String> paths() {
        return layout.memoryMount() == null ? List.of() : walk(fs.path(layout.memoryMount()), Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * The inode of each cgroup directory the last scan saw, by path (only for a repeated collector):
     * a cgroup removed and made again under the same name between two scans has another one.
     */
    public Map<String, Long> inodes() {
        return Map.copyOf(inodes);
    }

    /**
     * Fewer cgroups than this are read on one thread: starting the common pool's threads costs a
     * short run more than reading a few dozen cgroups (about 0.2 ms each) saves.
     */
    static final int PARALLEL = 64;

    /**
     * All cgroup paths under {@code top}, level by level (each level in parallel), then put in
     * pre-order. Leaves are not listed at all when the file system counts subdirectories in the
     * link count, and names learned to be control files are never stat'ed again: on a host with
     * 10,000 cgroups this is most of the walk's cost.
     */
    private List<String> walk(Path top, int maxDepth, long deadline) {
        List<String> all = new ArrayList<>();
        List<String> level = List.of("/");
        for (int depth = 0; !level.isEmpty(); depth++) {
            all.addAll(level);
            if (depth >= maxDepth) {
                break;
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                timedOut = true;
                break;
            }
            level = (level.size() < PARALLEL ? level.stream() : level.parallelStream())
                    .flatMap(p -> children(top, p).stream()).toList();
        }
        all.sort(CgroupCollector::preOrder);
        if (listed != null && !timedOut) {
            java.util.Set<String> seen = new java.util.HashSet<>(all);
            listed.keySet().retainAll(seen);
            inodes.keySet().retainAll(seen);
        }
        return all;
    }

    private List<String> children(Path top, String path) {
        Path dir = dir(top, path);
        KernelFs.DirId id = listed == null ? null : fs.dirId(dir);
        if (id != null) {
            inodes.put(path, id.inode());
            Listed before = listed.get(path);
            if (before != null && before.inode() == id.inode() && before.links() == id.links()) {
                return before.children();
            }
        }
        List<String> out = list(path, dir, id == null ? fs.subdirectories(dir) : id.subdirectories());
        if (id != null) {
            listed.put(path, new Listed(id.inode(), id.links(), List.copyOf(out)));
        }
        return out;
    }

    private List<String> list(String path, Path dir, int subdirectories) {
        if (subdirectories == 0) {
            return List.of();
        }
        List<String> names;
        try {
            names = fs.list(dir);
        } catch (xray.kernel.FileProblem p) {
            warnings.add(p);
            return List.of(); // an unreadable directory: its own files still say why when read
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (controlFiles.contains(name)) {
                continue;
            }
            switch (fs.entry(dir.resolve(name))) {
                case DIRECTORY -> out.add(path.equals("/") ? "/" + name : path + "/" + name);
                // The kernel makes no links in a cgroup tree; a snapshot's link could loop or lead anywhere.
                case LINK -> warnings.add(dir.resolve(name) + ": a symbolic link in a cgroup tree: not followed");
                case ABSENT -> { } // removed while we looked
                default -> controlFiles.add(name);
            }
        }
        return out;
    }

    /** Orders paths so that a parent comes right before its subtree: "/" sorts before any name character. */
    static int preOrder(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static Path dir(Path top, String path) {
        return path.equals("/") ? top : top.resolve(path.substring(1));
    }

    /**
     * A charge or a memory.stat that cannot be true of this host: no cgroup is charged more than
     * MemTotal + SwapTotal, and no part of its memory.stat is more. Such a count is dropped (absent)
     * with one warning naming the file, rather than shown as 8.0 EiB on a 24 GiB host.
     */
    private Long possible(Long v, Path dir, String file) {
        return possible(v, dir, file, null);
    }

    private Long possible(Long v, Path dir, String file, String key) {
        Long b = bound;
        if (v == null || b == null || v <= b) {
            return v;
        }
        warnings.add(dir.resolve(file) + ": " + (key == null ? "" : key + " ") + xray.model.Bytes.human(v)
                + " is more than this host's memory and swap (" + xray.model.Bytes.human(b) + "); shown as absent");
        return null;
    }

    private Map<String, Long> possibleStat(Map<String, Long> stat, Path dir) {
        if (stat == null || bound == null) {
            return stat;
        }
        Map<String, Long> out = stat;
        for (Map.Entry<String, Long> e : stat.entrySet()) {
            // event counters are counts of pages, not bytes: no bound applies
            if (!e.getKey().contains("workingset_refault")
                    && possible(e.getValue(), dir, "memory.stat", e.getKey()) == null) {
                if (out == stat) {
                    out = new HashMap<>(stat);
                }
                out.remove(e.getKey());
            }
        }
        return out;
    }

    /** A cgroup's files; its charge is taken from {@code charge} when that was read already (else null). */
    private CgroupSample read(Path top, String path, CgroupSample charge) {
        Path dir = dir(top, path);
        CgroupSample s = layout.memoryIsV1() ? readV1(dir, path, charge) : readV2(dir, path, charge);
        // a charge read before, in the first pass, says nothing of whether the cgroup is still there
        if ((charge != null || s.current() == null) && s.stat() == null && s.procs() == null && !fs.exists(dir)) {
            warnings.gone("cgroup"); // removed while we read it: a normal race
            return null;
        }
        return s;
    }

    /** The charge of one cgroup and nothing else (the first pass of a scan that folds), or null when it is gone. */
    private CgroupSample charge(Path top, String path) {
        Path dir = dir(top, path);
        boolean v1 = layout.memoryIsV1();
        Long current = current(dir, v1);
        if (current == null && !fs.exists(dir)) {
            warnings.gone("cgroup");
            return null;
        }
        return new CgroupSample(path, v1, current, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private Long current(Path dir, boolean v1) {
        String file = v1 ? "memory.usage_in_bytes" : "memory.current";
        return possible(number(dir, file), dir, file);
    }

    private CgroupSample readV2(Path dir, String path, CgroupSample charge) {
        return new CgroupSample(path, false,
                charge != null ? charge.current() : current(dir, false),
                number(dir, "memory.peak"),
                limit(dir, "memory.max"),
                limit(dir, "memory.high"),
                null,
                detail ? limit(dir, "memory.low") : null,
                detail ? limit(dir, "memory.min") : null,
                possible(number(dir, "memory.swap.current"), dir, "memory.swap.current"),
                null,
                possibleStat(r.keyed(dir, "memory.stat", V2_STAT), dir),
                r.keyed(dir, "memory.events", Keyed::parse),
                r.read(dir, "memory.pressure", PsiFormat::parse),
                processes ? r.read(dir, "cgroup.procs", CgroupProcs::parse) : null);
    }

    private CgroupSample readV1(Path dir, String path, CgroupSample charge) {
        Map<String, Long> stat = hierarchical(possibleStat(r.keyed(dir, "memory.stat", V1_STAT), dir));
        return new CgroupSample(path, true,
                charge != null ? charge.current() : current(dir, true),
                number(dir, "memory.max_usage_in_bytes"),
                limit(dir, "memory.limit_in_bytes"),
                null,
                limit(dir, "memory.soft_limit_in_bytes"),
                null,
                null,
                stat == null ? null : stat.get(StatKey.SWAP.name(true)),
                possible(number(dir, "memory.kmem.usage_in_bytes"), dir, "memory.kmem.usage_in_bytes"),
                stat,
                r.keyed(dir, "memory.oom_control", Keyed::parse),
                unifiedPressure(path),
                processes ? r.read(dir, "cgroup.procs", CgroupProcs::parse) : null);
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

    private Long number(Path dir, String name) {
        return r.read(dir, name, SingleValue::parseBytes);
    }

    private Limit limit(Path dir, String name) {
        return r.read(dir, name, SingleValue::parseLimit);
    }
}
