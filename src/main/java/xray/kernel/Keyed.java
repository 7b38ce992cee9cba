package xray.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flat keyed files: one {@code key value} pair per line, as in {@code memory.stat},
 * {@code memory.events}, {@code memory.oom_control}, {@code cgroup.stat}.
 * <pre>
 * anon 1411100672
 * file 8621432832
 * </pre>
 * Parsed by key, never by position (new keys appear in the middle on new kernels). A line that
 * is not {@code key number} is reported as a problem and skipped; the other keys stay valid.
 * Values are unsigned 64-bit.
 */
public final class Keyed {
    private Keyed() {
    }

    public static KeyedValues parse(String text) {
        Map<String, Long> values = new HashMap<>(64);
        List<String> problems = new ArrayList<>(0);
        int n = text.length();
        int start = 0;
        int lineNo = 0;
        boolean any = false;
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            lineNo++;
            int sp = text.indexOf(' ', start);
            if (end > start) {
                any = true;
                if (sp > start && sp < end - 1) {
                    String key = text.substring(start, sp);
                    Long v = Numbers.parseU64(text, sp + 1, end);
                    if (v == null) {
                        problems.add("line " + lineNo + " '" + clip(text.substring(start, end)) + "' has no number");
                    } else {
                        values.put(key, v);
                    }
                } else {
                    problems.add("line " + lineNo + " '" + clip(text.substring(start, end)) + "' is not 'key value'");
                }
            }
            start = end + 1;
        }
        if (!any) {
            problems.add("empty file");
        }
        return new KeyedValues(values, problems);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
