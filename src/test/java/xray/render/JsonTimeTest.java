package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The documents' "time" is written by arithmetic; Instant.toString is the reference. */
class JsonTimeTest {
    @Test
    void asInstantWritesIt() {
        long[] fixed = {0, 1, 999, 1000, -1, -1000, 951_782_400_000L /* 2000-02-29 */, 4_107_542_399_999L,
            1_764_584_130_123L, 253_402_300_799_999L /* 9999-12-31T23:59:59.999 */, 253_402_300_800_000L,
            -62_167_219_200_000L /* 0000-01-01 */, -62_167_219_200_001L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long t : fixed) {
            assertEquals(Instant.ofEpochMilli(t).toString(), JsonOut.time(t), "at " + t);
        }
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            assertEquals(Instant.ofEpochMilli(t).toString(), JsonOut.time(t), "at " + t);
        }
    }
}
