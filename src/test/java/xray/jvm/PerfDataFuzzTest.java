package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import xray.kernel.Malformed;

/**
 * Hostile hsperfdata: the file is written by the JVM's user, so every offset, length and count in
 * it may be anything. A real file with fields overwritten at random, cut short, and given huge
 * lengths either parses or is {@link Malformed}: never another exception, never a huge allocation.
 */
class PerfDataFuzzTest {
    static final byte[] REAL = Samples.bytes("jdk17", "hsperfdata");

    /** Parses or throws Malformed; anything else fails the test with the seed to reproduce it. */
    static void survives(byte[] data, String what) {
        try {
            PerfData.parse(data);
        } catch (Malformed expected) {
            // the one way to say no
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    @Test
    void randomFieldsAnywhere() {
        Random r = new Random(8);
        for (int round = 0; round < 20_000; round++) {
            byte[] d = REAL.clone();
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                int at = r.nextInt(d.length - 4);
                int v = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt();
                    case 1 -> Integer.MAX_VALUE - r.nextInt(64);
                    case 2 -> Integer.MIN_VALUE + r.nextInt(64);
                    default -> r.nextInt(d.length * 2) - d.length / 2;
                };
                b.putInt(at & ~3, v);
            }
            survives(d, "round " + round);
        }
    }

    @Test
    void prologueFieldsAtTheirLimits() {
        int[] fields = {8, 24, 28}; // used, entry offset, entry count
        int[] values = {0, -1, 31, 32, REAL.length, REAL.length + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int f : fields) {
            for (int v : values) {
                byte[] d = REAL.clone();
                ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(f, v);
                survives(d, "field at " + f + " = " + v);
            }
        }
        byte[] count = REAL.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putInt(28, Integer.MAX_VALUE);
        Malformed m = assertThrows(Malformed.class, () -> PerfData.parse(count));
        assertTrue(m.getMessage().contains("entries"), m.getMessage());
    }

    @Test
    void everyEntryFieldAtItsLimits() {
        ByteBuffer real = ByteBuffer.wrap(REAL).order(ByteOrder.LITTLE_ENDIAN);
        int entry = real.getInt(24);
        int[] values = {0, -1, 19, 20, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30};
        for (int e = 0; e < 40; e++) {
            for (int field : new int[] {0, 4, 8, 16}) { // length, name offset, vector length, data offset
                for (int v : values) {
                    byte[] d = REAL.clone();
                    ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(entry + field, v);
                    survives(d, "entry " + e + " field " + field + " = " + v);
                }
            }
            entry += real.getInt(entry);
        }
    }

    @Test
    void cutShortAnywhere() {
        for (int len = 0; len < REAL.length; len += 7) {
            survives(Arrays.copyOf(REAL, len), "cut at " + len);
        }
        // a file that says it uses more than it has
        byte[] d = Arrays.copyOf(REAL, 4096);
        assertThrows(Malformed.class, () -> PerfData.parse(d));
    }

    @Test
    void theRealFileStillParses() {
        assertEquals("xray.jvm.AuditTarget", PerfData.parse(REAL).javaCommand());
    }
}
