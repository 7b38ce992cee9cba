package xray.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code /etc/passwd}: user names by uid.
 * <pre>
 * nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
 * </pre>
 * Lines of another shape (comments, NIS {@code +} entries) are skipped; the first name for a
 * uid wins, as getpwuid(3) answers. Users known only to NSS (LDAP, sssd) are not in it.
 */
public final class Passwd {
    private Passwd() {
    }

    public static Map<Integer, String> parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || f[0].isEmpty() || f[0].startsWith("#") || f[0].startsWith("+")) {
                continue;
            }
            try {
                names.putIfAbsent(Integer.parseInt(f[2].strip()), f[0]);
            } catch (NumberFormatException e) {
                // not a uid: skip the line
            }
        }
        return names;
    }
}
