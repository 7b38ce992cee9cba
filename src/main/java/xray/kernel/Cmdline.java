package xray.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/cmdline}: the arguments, each ended by a NUL; a process that rewrote its title
 * may pad it with NULs or spaces; kernel threads and zombies have none.
 * <pre>
 * /usr/lib/jvm/java-17/bin/java\0-Xmx512m\0-jar\0/opt/app/app.jar\0
 * </pre>
 */
public final class Cmdline {
    private Cmdline() {
    }

    /** The arguments, without the empty ones a padded title ends with; empty for none. */
    public static List<String> parse(byte[] raw) {
        List<String> out = new ArrayList<>();
        for (String a : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            out.add(a);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
