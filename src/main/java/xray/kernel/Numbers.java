package xray.kernel;

/** Number parsing shared by the format parsers. */
final class Numbers {
    private Numbers() {
    }

    /**
     * An unsigned 64-bit decimal between {@code from} and {@code to}, or null when the text is not
     * one. Values above 2^63 − 1 keep their bits (read them with Long.toUnsignedString).
     */
    static Long parseU64(String s, int from, int to) {
        if (to > from && s.charAt(to - 1) == '\r') {
            to--;
        }
        int len = to - from;
        if (len <= 0 || len > 20) {
            return null;
        }
        if (len < 19) {
            long v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
        try {
            return Long.parseUnsignedLong(s.substring(from, to));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long parseU64(String s) {
        return parseU64(s, 0, s.length());
    }

    /**
     * A count that must fit a long (a size, ticks, seconds): the number, or null when the text is
     * not one or it is past 2^63 − 1 (which {@link #parseU64} keeps as a negative long, for the
     * callers that report such values by name).
     */
    static Long parseCount(String s) {
        Long v = parseU64(s);
        return v == null || v < 0 ? null : v;
    }
}
