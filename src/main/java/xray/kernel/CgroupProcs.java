package xray.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code cgroup.procs}: the pids of the processes directly in a cgroup, one per line.
 * <pre>
 * 1047
 * 1052
 * </pre>
 */
public final class CgroupProcs {
    private CgroupProcs() {
    }

    public static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>(4);
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String t = line.strip();
            if (!t.isEmpty()) {
                try {
                    out.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new Malformed("'" + Keyed.clip(t) + "' is not a pid");
                }
            }
        }
        return out;
    }
}
