package xray.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * User names by uid from {@code /etc/passwd} (of the host, or of the root given).
 * <pre>
 * nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
 * </pre>
 * The first name for a uid wins, as getpwuid(3) returns it. Lines that are not seven fields with a
 * numeric uid are skipped.
 */
public final class Passwd {
    private Passwd() {
    }

    public static Map<Integer, String> parse(String text) {
        Map<Integer, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 7 || f[0].isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out.putIfAbsent(Integer.parseInt(f[2].trim()), f[0]);
            } catch (NumberFormatException e) {
                // a NIS "+" line or garbage: skip
            }
        }
        return out;
    }

    public static Map<Integer, String> read(KernelFs fs) {
        try {
            return fs.read("/etc/passwd").map(Passwd::parse).orElse(Map.of());
        } catch (FileProblem e) {
            return Map.of();
        }
    }

    /** "nobody", or "uid 1234" when the uid has no name. */
    public static String name(Map<Integer, String> users, Integer uid) {
        if (uid == null) {
            return null;
        }
        String n = users.get(uid);
        return n != null ? n : "uid " + uid;
    }
}
