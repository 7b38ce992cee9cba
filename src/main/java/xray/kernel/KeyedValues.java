package xray.kernel;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Numbers read from a keyed kernel file, by key, with the lines that could not be read.
 * Values are unsigned 64-bit counters held in a {@code long} (see {@link #isBeyondLong}).
 * A key that is not there is absent ({@code null}), never zero.
 */
public record KeyedValues(Map<String, Long> values, List<String> problems) {
    public static final KeyedValues EMPTY = new KeyedValues(Map.of(), List.of());

    public KeyedValues {
        values = Collections.unmodifiableMap(values);
        problems = List.copyOf(problems);
    }

    /** The value, or null when the key is absent. */
    public Long get(String key) {
        return values.get(key);
    }

    /** The value as the kernel printed it (unsigned decimal), or null. */
    public String unsigned(String key) {
        Long v = values.get(key);
        return v == null ? null : Long.toUnsignedString(v);
    }

    /** True for a counter above 2^63 − 1: valid u64, but no plausible byte count. */
    public static boolean isBeyondLong(Long v) {
        return v != null && v < 0;
    }

    public int size() {
        return values.size();
    }
}
