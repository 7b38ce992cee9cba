package xray.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /proc/PID/mountinfo}.
 * <pre>
 * 35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:14 - cgroup cgroup rw,memory
 * </pre>
 * Fields: id, parent, major:minor, root, mount point, options, optional fields up to "-",
 * then fs type, source and super options (all three required). Paths are octal-escaped ({@code \040} space,
 * {@code \011} tab, {@code \012} newline, {@code \134} backslash). Super options may contain
 * spaces (cifs {@code unc=\\foo\BLA BLA}), so everything after the source is kept whole.
 */
public final class Mountinfo {
    private Mountinfo() {
    }

    public record Mount(int id, int parent, String root, String mountPoint, String fsType,
                        String source, Set<String> superOptions) {
    }

    public record Parsed(List<Mount> mounts, List<String> problems) {
    }

    public static Parsed parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        List<String> problems = new ArrayList<>(0);
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                mounts.add(parseLine(line));
            } catch (Malformed e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Parsed(List.copyOf(mounts), problems);
    }

    static Mount parseLine(String line) {
        // A double space (an empty mount point) must survive, so split on single spaces.
        String[] f = line.split(" ", -1);
        int dash = -1;
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                dash = i;
                break;
            }
        }
        if (f.length < 7 || dash < 0 || dash + 3 >= f.length) {
            throw new Malformed("'" + Keyed.clip(line) + "' is not a mountinfo line");
        }
        int id;
        int parent;
        try {
            id = Integer.parseInt(f[0]);
            parent = Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            throw new Malformed("'" + Keyed.clip(line) + "' has no mount id");
        }
        StringBuilder sup = new StringBuilder();
        for (int i = dash + 3; i < f.length; i++) {
            if (sup.length() > 0) {
                sup.append(' ');
            }
            sup.append(f[i]);
        }
        return new Mount(id, parent, unescape(f[3]), unescape(f[4]), f[dash + 1], unescape(f[dash + 2]),
                Set.of(splitOptions(sup.toString())));
    }

    private static String[] splitOptions(String s) {
        if (s.isEmpty()) {
            return new String[0];
        }
        return java.util.Arrays.stream(s.split(",")).distinct().toArray(String[]::new);
    }

    /** Undo the kernel's octal escapes ({@code \040} → space). */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
