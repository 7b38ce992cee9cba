package xray.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human units for byte counts: binary multiples (KiB, MiB, GiB, TiB), three significant figures. */
public final class Bytes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Bytes() {
    }

    /**
     * 0 → "0 B", 4617089843 → "4.3 GiB", 851443712 → "812 MiB"; null → "-". Total over every long:
     * a negative count (never a real size) keeps its sign, Long.MIN_VALUE included.
     */
    public static String human(Long bytes) {
        if (bytes == null) {
            return "-";
        }
        long b = bytes;
        if (b > -1024 && b < 1024) {
            return b + " B";
        }
        double v = Math.abs((double) b); // exact enough for three figures, and defined for Long.MIN_VALUE
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        if (v >= 999.5 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        // b / 1024^u exactly, rounded half up: what %.1f and %.0f print, without the Formatter.
        BigDecimal exact = BigDecimal.valueOf(b).divide(BigDecimal.valueOf(1L << (10 * u)));
        return exact.setScale(v < 9.95 ? 1 : 0, RoundingMode.HALF_UP).toPlainString() + " " + UNITS[u];
    }

    /** The name of 1024^power bytes: 0 → "B", 2 → "MiB". */
    public static String unit(int power) {
        return UNITS[power];
    }

    /** A percentage with two decimals, as PSI prints it (half up, like %.2f). */
    public static String percent(double p) {
        if (!Double.isFinite(p)) {
            return String.valueOf(p);
        }
        return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
