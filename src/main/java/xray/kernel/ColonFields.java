package xray.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colon files: {@code Key: value [kB]} per line, as in {@code /proc/meminfo},
 * {@code /proc/PID/status} and {@code /proc/PID/smaps_rollup}.
 * <pre>
 * MemTotal:       15666184 kB
 * Name:   kube-proxy
 * HugePages_Total:       0
 * </pre>
 * Values are trimmed (status may use spaces instead of a tab); blank lines are skipped (one
 * capture of status starts with one). Sizes in kB become bytes; plain numbers stay counts.
 */
public final class ColonFields {
    private ColonFields() {
    }

    /** Every {@code Key: value} line as text, in file order. Lines of another shape are skipped. */
    public static Map<String, String> parseText(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon);
            if (hasSpace(key)) {
                continue;
            }
            fields.putIfAbsent(key, line.substring(colon + 1).trim()); // the first wins, as in parseNumbers
        }
        return fields;
    }

    /**
     * All-numeric colon files (meminfo, smaps_rollup): bytes for kB values, counts otherwise.
     * A garbled line is a problem and skipped; the rest stay valid. A key twice: the first value
     * is kept and the second reported.
     */
    public static KeyedValues parseNumbers(String text) {
        Map<String, Long> values = new HashMap<>(96);
        List<String> problems = new ArrayList<>(0);
        String[] lines = text.split("\n");
        boolean any = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            any = true;
            int colon = line.indexOf(':');
            String key = colon > 0 ? line.substring(0, colon) : null;
            if (key == null || hasSpace(key)) {
                problems.add("line " + (i + 1) + " '" + Keyed.clip(line) + "' is not 'Key: value'");
                continue;
            }
            Long v = bytes(line.substring(colon + 1));
            if (v == null) {
                problems.add("line " + (i + 1) + " '" + Keyed.clip(line) + "' has no number");
                continue;
            }
            if (values.putIfAbsent(key, v) != null) {
                problems.add(Keyed.duplicate(i + 1, key));
            }
        }
        if (!any) {
            problems.add("empty file");
        }
        return new KeyedValues(values, problems);
    }

    /** "  123 kB" → 125952; "0" → 0; anything else → null. */
    public static Long bytes(String raw) {
        String v = raw.trim();
        long scale = 1;
        if (v.endsWith(" kB")) {
            v = v.substring(0, v.length() - 3).trim();
            scale = 1024;
        }
        Long n = Numbers.parseU64(v);
        if (n == null) {
            return null;
        }
        if (scale != 1 && (n < 0 || n > Long.MAX_VALUE / scale)) {
            return null;
        }
        return n * scale;
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
