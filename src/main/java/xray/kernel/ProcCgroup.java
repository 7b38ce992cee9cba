package xray.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/cgroup}: {@code hierarchy-id:controllers:path} per line.
 * <pre>
 * 4:memory:/system.slice/foo.service
 * 0::/user.slice/user-1000.slice/session-3.scope
 * </pre>
 * The path may contain colons (split at the first two only) and may start with {@code /..}
 * when the process sits outside the reader's cgroup namespace.
 */
public final class ProcCgroup {
    private ProcCgroup() {
    }

    public record Membership(int hierarchy, List<String> controllers, String path) {
        public boolean isUnified() {
            return hierarchy == 0 && controllers.isEmpty();
        }
    }

    public static List<Membership> parse(String text) {
        List<Membership> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (a < 0 || b < 0) {
                throw new Malformed("'" + Keyed.clip(line) + "' must contain at least two colons");
            }
            int id;
            try {
                id = Integer.parseInt(line.substring(0, a));
            } catch (NumberFormatException e) {
                throw new Malformed("'" + Keyed.clip(line) + "' has no hierarchy id");
            }
            String ctl = line.substring(a + 1, b);
            List<String> controllers = ctl.isEmpty() ? List.of() : List.of(ctl.split(","));
            out.add(new Membership(id, controllers, line.substring(b + 1)));
        }
        return out;
    }

    /** The path in the hierarchy that has {@code controller} (v1), or null. */
    public static String v1Path(List<Membership> ms, String controller) {
        for (Membership m : ms) {
            if (m.controllers().contains(controller)) {
                return m.path();
            }
        }
        return null;
    }

    /** The path in the unified (v2) hierarchy, or null. */
    public static String unifiedPath(List<Membership> ms) {
        for (Membership m : ms) {
            if (m.isUnified()) {
                return m.path();
            }
        }
        return null;
    }
}
