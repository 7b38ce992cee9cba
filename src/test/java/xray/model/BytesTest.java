package xray.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Bytes.human is total over every long: it ends, keeps the sign, and stays within rounding of the value. */
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
        assertEquals("-", Bytes.human(null));
        assertEquals("1023 B", Bytes.human(1023L));
        assertEquals("1.0 KiB", Bytes.human(1024L));
        assertEquals("4.3 GiB", Bytes.human(4617089843L));
        assertEquals("812 MiB", Bytes.human(851443712L));
    }
}
