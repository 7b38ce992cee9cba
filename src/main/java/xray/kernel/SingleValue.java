package xray.kernel;

import xray.model.Limit;

/**
 * Files with one value: {@code memory.current} ({@code 10498404352}), {@code memory.max}
 * ({@code max} or a number), v1 {@code memory.limit_in_bytes} (unlimited reads
 * 9223372036854771712, the page-aligned LONG_MAX).
 */
public final class SingleValue {
    /** A v1 limit at or above this is "unlimited" (PAGE_COUNTER_MAX × page size on x86_64). */
    public static final long V1_UNLIMITED = 0x7FFFFFFFFFFFF000L;

    private SingleValue() {
    }

    /** A byte count or counter; {@link Malformed} for anything else (empty, "1234.0", "max"). */
    public static long parseNumber(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new Malformed("empty file");
        }
        Long v = Numbers.parseU64(t);
        if (v == null) {
            throw new Malformed("'" + Keyed.clip(t) + "' is not a number");
        }
        return v;
    }

    /** A byte count: a number no larger than 2^63 − 1 (above that is an underflowed counter). */
    public static long parseBytes(String text) {
        long v = parseNumber(text);
        if (v < 0) {
            throw new Malformed(Long.toUnsignedString(v) + " is beyond 2^63 (an underflowed counter?); shown as absent");
        }
        return v;
    }

    /** "max" or a v1 value at/above {@link #V1_UNLIMITED} → unlimited; a number → that limit. */
    public static Limit parseLimit(String text) {
        String t = text.strip();
        if (t.equals("max")) {
            return Limit.UNLIMITED;
        }
        long v = parseNumber(t);
        if (v < 0 || v >= V1_UNLIMITED) {
            return Limit.UNLIMITED;
        }
        return Limit.of(v);
    }
}
