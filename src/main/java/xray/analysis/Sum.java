package xray.analysis;

/**
 * Arithmetic on byte counts that never wraps: the readers hand over counts from 0 to 2^63 − 1, and
 * a sum past that is no number (null), never a negative or a small one. A difference of two
 * counts cannot overflow.
 */
final class Sum {
    private Sum() {
    }

    /** a + b + …; null when a term is null or the sum passes 2^63 − 1. */
    static Long of(Long... terms) {
        long total = 0;
        for (Long t : terms) {
            if (t == null) {
                return null;
            }
            total = add(total, t);
            if (total < 0) {
                return null;
            }
        }
        return total;
    }

    /** The same with absent terms counted as 0 (the formulas' "those present"); null only on overflow. */
    static Long present(Long... terms) {
        long total = 0;
        for (Long t : terms) {
            if (t != null) {
                total = add(total, t);
                if (total < 0) {
                    return null;
                }
            }
        }
        return total;
    }

    /** The terms present, summed; null when none is present (or on overflow). */
    static Long ofPresent(Long... terms) {
        boolean any = false;
        for (Long t : terms) {
            any |= t != null;
        }
        return any ? present(terms) : null;
    }

    /** max(0, a − b); null when either is null. */
    static Long atLeastZero(Long a, Long b) {
        return a == null || b == null ? null : Math.max(0, a - b);
    }

    /** a − b (may be negative); null when either is null. */
    static Long minus(Long a, Long b) {
        return a == null || b == null ? null : a - b;
    }

    /** Non-negative a + b, or −1 when it passes 2^63 − 1 (a negative term is also −1). */
    private static long add(long a, long b) {
        if (a < 0 || b < 0) {
            return -1;
        }
        long r = a + b;
        return r < 0 ? -1 : r;
    }
}
