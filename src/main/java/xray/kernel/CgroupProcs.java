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
        // A plain loop over the lines: the root cgroup lists every process of the host.
        int n = text.length();
        for (int start = 0; start < n; ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String t = text.substring(start, end).strip();
            if (!t.isEmpty()) {
                try {
                    out.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new Malformed("'" + Keyed.clip(t) + "' is not a pid");
                }
            }
            start = end + 1;
        }
        return out;
    }
}
