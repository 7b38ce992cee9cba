package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import xray.model.Limit;

class SingleValueTest {
    @Test
    void numbers() {
        assertEquals(123456789L, SingleValue.parseNumber("123456789"));
        assertEquals(4194304L, SingleValue.parseNumber("4194304\n"));
        assertEquals("empty file", assertThrows(Malformed.class, () -> SingleValue.parseNumber("")).getMessage());
        assertEquals("'1234.0' is not a number",
                assertThrows(Malformed.class, () -> SingleValue.parseNumber("1234.0\n")).getMessage());
        assertThrows(Malformed.class, () -> SingleValue.parseNumber("123max\n"));
        assertThrows(Malformed.class, () -> SingleValue.parseNumber("-1\n"));
    }

    @Test
    void bytesBeyondLongAreRefused() {
        assertEquals(Long.MAX_VALUE, SingleValue.parseBytes("9223372036854775807"));
        assertThrows(Malformed.class, () -> SingleValue.parseBytes("18446744073709551615"));
    }

    @Test
    void limits() {
        assertTrue(SingleValue.parseLimit("max\n").isUnlimited());
        assertEquals(Limit.of(999999999), SingleValue.parseLimit("999999999"));
        // cgroup v1 writes the page-aligned LONG_MAX for "unlimited"
        assertTrue(SingleValue.parseLimit("9223372036854771712\n").isUnlimited());
        assertEquals(Limit.of(2147483648L), SingleValue.parseLimit("2147483648\n"));
        assertEquals(null, SingleValue.parseLimit("max").bytesOrNull());
    }
}
