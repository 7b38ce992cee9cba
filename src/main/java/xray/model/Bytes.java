package xray.model;

import java.util.Locale;

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
        String sign = b < 0 ? "-" : "";
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
        return sign + (v < 9.95 ? String.format(Locale.ROOT, "%.1f %s", v, UNITS[u])
                : String.format(Locale.ROOT, "%.0f %s", v, UNITS[u]));
    }

    /** A percentage with two decimals, as PSI prints it. */
    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }
}
