package xray.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bytes.human is total over every long (it ends, keeps the sign, and stays within rounding of the
 * value), and prints what String.format printed before it did without the Formatter.
 */
class BytesTest {
    private static final Pattern HUMAN = Pattern.compile("(-?)([0-9]+(?:\\.[0-9])?) (B|KiB|MiB|GiB|TiB|PiB|EiB)");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    static void check(long v) {
        String s = Bytes.human(v);
        Matcher m = HUMAN.matcher(s);
        assertTrue(m.matches(), v + " → '" + s + "'");
        assertEquals(v < 0, m.group(1).equals("-"), v + " → " + s);
        int unit = java.util.Arrays.asList(UNITS).indexOf(m.group(3));
        double shown = Double.parseDouble(m.group(2)) * Math.pow(1024, unit);
        double real = Math.abs((double) v);
        assertTrue(Math.abs(shown - real) <= real * 0.05 + 0.5, v + " → " + s);
    }

    @Test
    void totalFromLongMinToLongMax() {
        check(Long.MIN_VALUE);
        check(Long.MIN_VALUE + 1);
        check(Long.MAX_VALUE);
        check(0);
        for (int bit = 0; bit < 63; bit++) {
            for (long d = -1; d <= 1; d++) {
                check((1L << bit) + d);
                check(-(1L << bit) + d);
            }
        }
        Random r = new Random(20261201L);
        for (int i = 0; i < 200_000; i++) {
            check(r.nextLong());
            check(r.nextLong() >> r.nextInt(64));
        }
        assertEquals("-8.0 EiB", Bytes.human(Long.MIN_VALUE));
        assertEquals("8.0 EiB", Bytes.human(Long.MAX_VALUE));
    }

    /** --si: powers of 1000, as free --si prints them. */
    @Test
    void siUnits() {
        assertEquals("-", Bytes.si(null));
        assertEquals("999 B", Bytes.si(999L));
        assertEquals("1.0 kB", Bytes.si(1000L));
        assertEquals("4.6 GB", Bytes.si(4617089843L));
        assertEquals("1.0 MB", Bytes.si(999_500L), "999.5 kB rounds to the next unit, as 1024 does");
        assertEquals("-4.6 GB", Bytes.si(-4617089843L));
        assertEquals("MB", Bytes.unit(2, true));
        assertEquals("MiB", Bytes.unit(2, false));
    }

    @Test
    void humanUnits() {
        assertEquals("-", Bytes.human(null));
        assertEquals("0 B", Bytes.human(0L));
        assertEquals("1023 B", Bytes.human(1023L));
        assertEquals("1.0 KiB", Bytes.human(1024L));
        assertEquals("4.3 GiB", Bytes.human(4617089843L));
        assertEquals("812 MiB", Bytes.human(851443712L));
        assertEquals("1.0 GiB", Bytes.human(1023L << 20 | 600L << 10)); // 999.5 MiB and more show as GiB
        assertEquals("10 KiB", Bytes.human(10189L)); // 9.95 KiB and more lose the decimal
        assertEquals("-2.0 KiB", Bytes.human(-2048L));
    }

    /** The same text as String.format("%.1f"/"%.0f") printed before, for any count. */
    @Test
    void sameAsTheFormatter() {
        Random rnd = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            long b = (rnd.nextLong() >>> 1) >>> rnd.nextInt(63);
            assertEquals(formatted(b), Bytes.human(b), "bytes " + b);
        }
        for (long b = 1024; b < 1 << 22; b += 7) {
            assertEquals(formatted(b), Bytes.human(b), "bytes " + b);
        }
    }

    @Test
    void percentAsPsiPrintsIt() {
        assertEquals("0.00", Bytes.percent(0));
        assertEquals("12.35", Bytes.percent(12.345));
        assertEquals("100.00", Bytes.percent(100));
        for (int hundredths = 0; hundredths <= 10_000; hundredths++) {
            double p = Double.parseDouble(hundredths / 100 + "." + String.format(Locale.ROOT, "%02d", hundredths % 100));
            assertEquals(String.format(Locale.ROOT, "%.2f", p), Bytes.percent(p));
        }
    }

    /** The reference: Bytes.human as it was, with String.format. */
    private static String formatted(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        if (v >= 999.5 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return v < 9.95 ? String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]) : String.format(Locale.ROOT, "%.0f %s", v, UNITS[u]);
    }
}
