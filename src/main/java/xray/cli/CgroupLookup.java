package xray.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import xray.analysis.Names;
import xray.model.Cgroup;
import xray.model.CgroupPath;
import xray.render.Sanitize;
import xray.render.Style;

/**
 * Finds the cgroup a person named, the ways people name one, tried in this order (the first way
 * that finds any decides; two or more found that way are ambiguous, exit 2):
 * <ol>
 * <li>its path, with or without the leading slash ({@code /system.slice/foo.service},
 *     {@code system.slice/foo.service});</li>
 * <li>its last part or the name xray shows ({@code foo.service}, {@code docker 3f4e2a1b2c3d});</li>
 * <li>the same cut as a table printed it ({@code a87dd6…d28ba56d}, {@code a87dd6...d28ba56d});</li>
 * <li>a unit's name without its suffix ({@code foo} for {@code foo.service});</li>
 * <li>a prefix of 6 or more hex digits of a container's or a pod's id, alone or after its runtime
 *     ({@code 3f4e2a}, {@code docker 3f4e2a}, {@code docker-3f4e2a}).</li>
 * </ol>
 * When nothing matches, the closest three are listed: names that start with what was typed
 * first, then names that hold it, then by edit distance.
 */
final class CgroupLookup {
    private CgroupLookup() {
    }

    /** The suffixes of systemd units that name memory cgroups. */
    private static final List<String> UNIT_SUFFIXES = List.of(".service", ".scope", ".slice", ".socket", ".mount",
            ".swap");
    /** The words a container's or pod's name starts with (Names), and the prefixes of their directories. */
    private static final List<String> RUNTIMES = List.of("docker", "containerd", "cri-containerd", "cri-o", "crio",
            "podman", "libpod", "container", "pod");
    static final int MIN_ID_PREFIX = 6;

    static Names.Named find(List<Names.Named> all, String query, CommandLine cl) {
        String q = stripTree(query.strip());
        if (q.isEmpty()) {
            throw new ParameterException(cl, "CGROUP is empty: give a path (/system.slice/foo.service) or a name");
        }
        List<Predicate<Names.Named>> ways = List.of(path(q), named(q), abbreviated(q), unit(q), id(q));
        for (Predicate<Names.Named> way : ways) {
            List<Names.Named> hits = all.stream().filter(way).toList();
            if (hits.size() == 1) {
                return hits.get(0);
            }
            if (hits.size() > 1) {
                StringBuilder b = new StringBuilder("'" + Sanitize.text(q) + "' names " + hits.size()
                        + " cgroups; give more of it, or the path:");
                hits.stream().limit(8).forEach(h -> b.append("\n  ").append(Sanitize.text(h.path())));
                if (hits.size() > 8) {
                    b.append("\n  … and ").append(hits.size() - 8).append(" more");
                }
                throw new ParameterException(cl, b.toString());
            }
        }
        List<Names.Named> close = closest(all, q);
        StringBuilder b = new StringBuilder("no cgroup '" + Sanitize.text(q) + "'");
        if (!close.isEmpty()) {
            b.append("; closest:");
            close.forEach(c -> b.append("\n  ").append(Sanitize.text(c.path())));
        }
        throw new ParameterException(cl, b.toString());
    }

    /** The path as typed, with or without its leading slash (and a trailing slash). */
    private static Predicate<Names.Named> path(String q) {
        String p = q.startsWith("/") ? q : "/" + q;
        String asPath = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        return cg -> cg.path().equals(asPath);
    }

    private static Predicate<Names.Named> named(String q) {
        return cg -> !cg.path().equals("/") && (CgroupPath.base(cg.path()).equals(q) || cg.name().equals(q));
    }

    /** "a87dd6…d28ba56d": the start and the end of a name (or a path) that a table cut in the middle. */
    private static Predicate<Names.Named> abbreviated(String q) {
        String s = q;
        int at = s.indexOf('…');
        int len = 1;
        if (at < 0) {
            at = s.indexOf("...");
            len = 3;
        }
        if (at < 0 || s.indexOf('…', at + len) >= 0 || (len == 3 && s.indexOf("...", at + 3) >= 0)) {
            return cg -> false;
        }
        String head = s.substring(0, at);
        String tail = s.substring(at + len);
        if (head.length() + tail.length() < 4) {
            return cg -> false;
        }
        return cg -> {
            for (String name : List.of(cg.name(), CgroupPath.base(cg.path()), cg.path())) {
                if (name.length() > head.length() + tail.length() && name.startsWith(head) && name.endsWith(tail)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * A copied table cell may bring the tree's lines and spaces with it, as xray draws them on a
     * terminal or in ASCII: "├─ foo.service", "│  └─ bar.scope", "`- foo.service".
     */
    static String stripTree(String s) {
        String t = s.strip();
        for (boolean found = true; found; ) {
            found = false;
            for (boolean unicode : new boolean[] {true, false}) {
                for (String mark : Style.tree(unicode)) {
                    String m = mark.strip();
                    if (!m.isEmpty() && t.startsWith(m)) {
                        t = t.substring(m.length()).strip();
                        found = true;
                    }
                }
            }
        }
        return t;
    }

    private static Predicate<Names.Named> unit(String q) {
        return cg -> {
            String base = CgroupPath.base(cg.path());
            for (String suffix : UNIT_SUFFIXES) {
                if (base.equals(q + suffix)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * A container or pod by a prefix of its id, 6 hex digits or more, perhaps after its runtime's
     * name ("docker 3f4e2a", "docker-3f4e2a"); dashes and underscores in a pod's uid are ignored.
     */
    private static Predicate<Names.Named> id(String q) {
        String lower = q.toLowerCase(Locale.ROOT);
        String runtime = null;
        for (String r : RUNTIMES) {
            if (lower.startsWith(r + " ") || lower.startsWith(r + "-")) {
                runtime = r;
                lower = lower.substring(r.length() + 1).strip();
                break;
            }
        }
        String prefix = hexOnly(lower);
        if (prefix == null || prefix.length() < MIN_ID_PREFIX) {
            return cg -> false;
        }
        String wanted = runtime;
        return cg -> {
            if (wanted != null && !cg.name().startsWith(wanted + " ") && !CgroupPath.base(cg.path()).startsWith(wanted + "-")) {
                return false;
            }
            for (String id : ids(cg)) {
                if (id.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The text without dashes and underscores when the rest is hex digits, else null. */
    private static String hexOnly(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '-' || c == '_') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || Character.isUpperCase(c)) {
                return null;
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * The ids a cgroup goes by: runs of 12 or more hex digits in its last part (a container's id, a
     * pod's uid, a bare id directory), and what follows the runtime in the name xray shows ("pod
     * 1234-…"); dashes and underscores taken out.
     */
    static List<String> ids(Names.Named cg) {
        List<String> out = new ArrayList<>();
        String base = CgroupPath.base(cg.path()).toLowerCase(Locale.ROOT);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= base.length(); i++) {
            char c = i < base.length() ? base.charAt(i) : '.';
            if (Character.digit(c, 16) >= 0 || ((c == '-' || c == '_') && run.length() > 0)) {
                if (c != '-' && c != '_') {
                    run.append(c);
                }
            } else {
                if (run.length() >= 12) {
                    out.add(run.toString());
                }
                run.setLength(0);
            }
        }
        int space = cg.name().indexOf(' ');
        if (space > 0) {
            String rest = hexOnly(cg.name().substring(space + 1).toLowerCase(Locale.ROOT));
            if (rest != null && rest.length() >= MIN_ID_PREFIX) {
                out.add(rest);
            }
        }
        return out;
    }

    /** The cgroup at {@code top} and its descendants, in scan order. */
    static List<Cgroup> subtree(List<Cgroup> all, String top) {
        List<Cgroup> out = new ArrayList<>();
        for (Cgroup cg : all) {
            if (CgroupPath.under(cg.path(), top)) {
                out.add(cg);
            }
        }
        return out;
    }

    /**
     * The three cgroups closest to what was asked: those whose name (or last part, or path) starts
     * with it first, then those that hold it, then by edit distance; without case.
     */
    static List<Names.Named> closest(List<Names.Named> all, String q) {
        boolean path = q.startsWith("/") || q.indexOf('/') > 0;
        String key = clip(path ? (q.startsWith("/") ? q : "/" + q) : q).toLowerCase(Locale.ROOT);
        record Scored(Names.Named cgroup, int rank, int distance) {
        }
        return all.stream()
                .filter(c -> !c.path().equals("/"))
                .map(c -> {
                    String base = clip(path ? c.path() : CgroupPath.base(c.path())).toLowerCase(Locale.ROOT);
                    String name = clip(c.name()).toLowerCase(Locale.ROOT);
                    int rank = base.startsWith(key) || name.startsWith(key) ? 0
                            : base.contains(key) || name.contains(key) ? 1 : 2;
                    return new Scored(c, rank, Math.min(Words.distance(key, base), Words.distance(key, name)));
                })
                .sorted(Comparator.comparingInt(Scored::rank).thenComparingInt(Scored::distance)
                        .thenComparing(sc -> sc.cgroup().path()))
                .limit(3)
                .map(Scored::cgroup)
                .toList();
    }

    /** Names longer than any real one are compared by their first 256 characters (the distance is quadratic). */
    private static String clip(String s) {
        return s.length() > 256 ? s.substring(0, 256) : s;
    }
}
