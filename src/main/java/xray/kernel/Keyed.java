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
 * is not {@code key number} is reported as a problem and skipped; the other keys stay valid. A key
 * that appears twice keeps its first value, and the second is reported.
 * Values are unsigned 64-bit.
 */
public final class Keyed {
    private Keyed() {
    }

    public static KeyedValues parse(String text) {
        return parse(text, (Keys) null);
    }

    /**
     * A set of keys that can be looked up by a span of text without making a String of it
     * (String.hashCode's formula over the span, then a region compare).
     */
    public static final class Keys {
        private final String[] keys;
        private final int[] hashes;

        public Keys(java.util.Collection<String> wanted) {
            String[] given = wanted.toArray(new String[0]);
            // by hash, sorted as longs (hash in the high half, index in the low): no comparator, so
            // no lambda, which the JVM would make at run time on every start (StartupClassesIT)
            long[] order = new long[given.length];
            for (int i = 0; i < given.length; i++) {
                order[i] = (long) given[i].hashCode() << 32 | i;
            }
            java.util.Arrays.sort(order);
            keys = new String[given.length];
            hashes = new int[given.length];
            for (int i = 0; i < order.length; i++) {
                keys[i] = given[(int) order[i]];
                hashes[i] = keys[i].hashCode();
            }
        }

        public int size() {
            return keys.length;
        }

        /** The key equal to text[from, to), or null. */
        String find(String text, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + text.charAt(i);
            }
            int at = java.util.Arrays.binarySearch(hashes, h);
            if (at < 0) {
                return null;
            }
            while (at > 0 && hashes[at - 1] == h) {
                at--;
            }
            for (; at < hashes.length && hashes[at] == h; at++) {
                String k = keys[at];
                if (k.length() == to - from && text.regionMatches(from, k, 0, k.length())) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * Only the keys in {@code wanted} (all when null): the others are neither stored nor checked,
     * since no number xray shows depends on them. memory.stat has 40 to 60 keys and xray uses
     * about 15; on a host with 10,000 cgroups this keeps the scan fast and small.
     */
    public static KeyedValues parse(String text, Keys wanted) {
        Map<String, Long> values = new HashMap<>(wanted == null ? 96 : wanted.size() * 2);
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
                    String key = wanted == null ? text.substring(start, sp) : wanted.find(text, start, sp);
                    if (key == null) {
                        start = end + 1;
                        continue;
                    }
                    Long v = Numbers.parseU64(text, sp + 1, end);
                    if (v == null) {
                        problems.add("line " + lineNo + " '" + clip(text.substring(start, end)) + "' has no number");
                    } else if (values.putIfAbsent(key, v) != null) {
                        problems.add(duplicate(lineNo, key));
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

    /** A key seen twice: the kernel never prints one twice, so the first is kept and the second reported. */
    static String duplicate(int lineNo, String key) {
        return "line " + lineNo + ": '" + clip(key) + "' appears a second time; the first value is kept";
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
