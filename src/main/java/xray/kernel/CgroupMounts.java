package xray.kernel;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import xray.kernel.Mountinfo.Mount;
import xray.model.CgroupLayout;
import xray.model.CgroupMode;

/**
 * Decides the {@link CgroupLayout} of a host from {@code /proc/self/mountinfo}: the {@code cgroup2}
 * mount and/or the cgroup v1 mount whose super options include {@code memory}. Hybrid hosts have
 * both. Without a mountinfo, looks where systemd and Docker mount cgroups.
 */
public final class CgroupMounts {
    private CgroupMounts() {
    }

    /**
     * Decides the layout from parsed mounts. {@code exists} answers whether a host path exists
     * (under the root being read); it tells a namespaced v2 root (has memory.current) from the
     * real root (has none).
     */
    public static CgroupLayout decide(List<Mount> mounts, Predicate<String> exists) {
        Mount v1 = null;
        Mount v2 = null;
        for (Mount m : mounts) {
            if (m.fsType().equals("cgroup") && m.superOptions().contains("memory")) {
                if (v1 == null || m.mountPoint().equals("/sys/fs/cgroup/memory")) {
                    v1 = m;
                }
            } else if (m.fsType().equals("cgroup2")) {
                if (v2 == null || rank(m.mountPoint()) < rank(v2.mountPoint())) {
                    v2 = m;
                }
            }
        }
        if (v1 != null) {
            String point = existing(v1.mountPoint(), "/sys/fs/cgroup/memory", exists);
            return new CgroupLayout(v2 == null ? CgroupMode.V1 : CgroupMode.HYBRID, point,
                    v2 == null ? null : v2.mountPoint(), v1.root(), !v1.root().equals("/"), null);
        }
        if (v2 != null) {
            String point = existing(v2.mountPoint(), "/sys/fs/cgroup", exists);
            boolean namespaced = !v2.root().equals("/") || exists.test(point + "/memory.current");
            return new CgroupLayout(CgroupMode.V2, point, point, v2.root(), namespaced, null);
        }
        return CgroupLayout.NONE;
    }

    /** Without a mountinfo (a bare snapshot): look where systemd and Docker mount cgroups. */
    public static CgroupLayout probe(Predicate<String> exists) {
        String why = "no /proc/self/mountinfo; found cgroups at the usual place";
        if (exists.test("/sys/fs/cgroup/memory/memory.usage_in_bytes")) {
            boolean unified = exists.test("/sys/fs/cgroup/unified/cgroup.procs")
                    || exists.test("/sys/fs/cgroup/unified/cgroup.controllers");
            return new CgroupLayout(unified ? CgroupMode.HYBRID : CgroupMode.V1, "/sys/fs/cgroup/memory",
                    unified ? "/sys/fs/cgroup/unified" : null, "/", false, why);
        }
        if (exists.test("/sys/fs/cgroup/cgroup.controllers")) {
            return new CgroupLayout(CgroupMode.V2, "/sys/fs/cgroup", "/sys/fs/cgroup", "/",
                    exists.test("/sys/fs/cgroup/memory.current"), why);
        }
        return new CgroupLayout(CgroupMode.NONE, null, null, "/", false, "no /proc/self/mountinfo and no cgroup mount found");
    }

    /** Reads the layout of the host under {@code fs}. */
    public static CgroupLayout read(KernelFs fs, List<String> problems) {
        Predicate<String> exists = p -> fs.exists(fs.path(p));
        Optional<String> text;
        try {
            text = fs.read("/proc/self/mountinfo");
            if (text.isEmpty() && !fs.isLive()) {
                text = fs.read("/proc/1/mountinfo");
            }
        } catch (FileProblem p) {
            // A directory, a link loop, mode 000: cgroup mounts unknown; guess from where they usually are.
            problems.add(p.file() + ": " + p.problem() + "; cgroup mounts unknown, looked for them under /sys/fs/cgroup");
            return probe(exists);
        }
        if (text.isEmpty()) {
            return probe(exists);
        }
        Mountinfo.Parsed parsed = Mountinfo.parse(text.get());
        for (String p : parsed.problems()) {
            problems.add(fs.path("/proc/self/mountinfo") + ": " + p);
        }
        CgroupLayout layout = decide(parsed.mounts(), exists);
        if (layout.mode() == CgroupMode.NONE || !exists.test(layout.memoryMount())) {
            CgroupLayout probed = probe(exists);
            if (probed.mode() != CgroupMode.NONE) {
                return probed;
            }
        }
        return layout;
    }

    private static int rank(String mountPoint) {
        return switch (mountPoint) {
            case "/sys/fs/cgroup" -> 0;
            case "/sys/fs/cgroup/unified" -> 1;
            default -> 2;
        };
    }

    /** The mount point as recorded, or the usual one when a snapshot moved it. */
    private static String existing(String recorded, String usual, Predicate<String> exists) {
        if (exists.test(recorded) || !exists.test(usual)) {
            return recorded;
        }
        return usual;
    }
}
