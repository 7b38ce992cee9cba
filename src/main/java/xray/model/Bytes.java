package xray.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human units for byte counts: binary multiples (KiB, MiB, GiB, TiB) or SI ones (kB, MB, GB), three significant figures. */
public final class Bytes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String[] SI_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Bytes() {
    }

    /**
     * 0 → "0 B", 4617089843 → "4.3 GiB", 851443712 → "812 MiB"; null → "-". Total over every long:
     * a negative count (never a real size) keeps its sign, Long.MIN_VALUE included.
     */
    public static String human(Long bytes) {
        return bytes == null ? "-" : human(bytes, 1024, UNITS);
    }

    /** Powers of 1000 (kB, MB, GB), three significant figures: 4617089843 → "4.6 GB"; null → "-". */
    public static String si(Long bytes) {
        return bytes == null ? "-" : human(bytes, 1000, SI_UNITS);
    }

    private static String human(long b, int base, String[] units) {
        if (b > -base && b < base) {
            return b + " B";
        }
        double v = Math.abs((double) b); // exact enough for three figures, and defined for Long.MIN_VALUE
        int u = 0;
        while (v >= base && u < units.length - 1) {
            v /= base;
            u++;
        }
        if (v >= 999.5 && u < units.length - 1) {
            v /= base;
            u++;
        }
        // b / base^u exactly, rounded half up: what %.1f and %.0f print, without the Formatter.
        BigDecimal exact = BigDecimal.valueOf(b).divide(BigDecimal.valueOf(base).pow(u));
        return exact.setScale(v < 9.95 ? 1 : 0, RoundingMode.HALF_UP).toPlainString() + " " + units[u];
    }

    /** The name of 1024^power bytes (or with {@code si} 1000^power): 0 → "B", 2 → "MiB" ("MB"). */
    public static String unit(int power, boolean si) {
        return (si ? SI_UNITS : UNITS)[power];
    }

    /** A percentage with two decimals, as PSI prints it (half up, like %.2f). */
    public static String percent(double p) {
        if (!Double.isFinite(p)) {
            return String.valueOf(p);
        }
        return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
