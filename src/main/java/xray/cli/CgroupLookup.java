package xray.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import xray.analysis.Names;
import xray.model.Cgroup;
import xray.model.CgroupPath;
import xray.render.Sanitize;

/** Finds the cgroup a person named: a path, a unit name, a container name or id. */
final class CgroupLookup {
    private CgroupLookup() {
    }

    static Names.Named find(List<Names.Named> all, String query, CommandLine cl) {
        String q = query.strip();
        if (q.isEmpty()) {
            throw new ParameterException(cl, "CGROUP is empty: give a path (/system.slice/foo.service) or a name");
        }
        // A path without its leading slash ("system.slice/foo.service") is still a path.
        String asPath = q.startsWith("/") ? q : q.indexOf('/') > 0 ? "/" + q : null;
        if (asPath != null && asPath.length() > 1 && asPath.endsWith("/")) {
            asPath = asPath.substring(0, asPath.length() - 1);
        }
        List<Names.Named> hits = new ArrayList<>();
        for (Names.Named cg : all) {
            if (asPath != null ? cg.path().equals(asPath) : matches(cg, q)) {
                hits.add(cg);
            }
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        if (hits.size() > 1) {
            StringBuilder b = new StringBuilder("'" + Sanitize.text(q) + "' names " + hits.size() + " cgroups; give the path:");
            hits.stream().limit(8).forEach(h -> b.append("\n  ").append(Sanitize.text(h.path())));
            throw new ParameterException(cl, b.toString());
        }
        List<Names.Named> close = closest(all, q);
        StringBuilder b = new StringBuilder("no cgroup '" + Sanitize.text(q) + "'");
        if (!close.isEmpty()) {
            b.append("; closest:");
            close.forEach(c -> b.append("\n  ").append(Sanitize.text(c.path())));
        }
        throw new ParameterException(cl, b.toString());
    }

    private static boolean matches(Names.Named cg, String q) {
        String base = CgroupPath.base(cg.path());
        if (base.equals(q) || cg.name().equals(q)) {
            return true;
        }
        // A container id (12 characters or more) matches the container it names.
        return cg.kind().equals("container") && q.length() >= 12 && q.matches("[0-9a-f]+") && base.contains(q);
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

    /** The three cgroups whose path (or name) is closest to what was asked, by edit distance. */
    static List<Names.Named> closest(List<Names.Named> all, String q) {
        boolean path = q.startsWith("/") || q.indexOf('/') > 0;
        String key = clip(path ? (q.startsWith("/") ? q : "/" + q) : q.toLowerCase(java.util.Locale.ROOT));
        record Scored(Names.Named cgroup, int distance) {
        }
        return all.stream()
                .filter(c -> !c.path().equals("/"))
                .map(c -> new Scored(c, distance(key, clip(path ? c.path()
                        : CgroupPath.base(c.path()).toLowerCase(java.util.Locale.ROOT)))))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(sc -> sc.cgroup().path()))
                .limit(3)
                .map(Scored::cgroup)
                .toList();
    }

    /** Names longer than any real one are compared by their first 256 characters (the distance is quadratic). */
    private static String clip(String s) {
        return s.length() > 256 ? s.substring(0, 256) : s;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
