package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupProcsTest {
    @Test
    void pidsOnePerLine() {
        assertEquals(List.of(1047, 1052, 7), CgroupProcs.parse("1047\n1052\n\n 7 \n"));
        assertEquals(List.of(1), CgroupProcs.parse("1"));
        assertEquals(List.of(), CgroupProcs.parse(""));
    }

    @Test
    void aLineThatIsNoPidIsMalformed() {
        assertEquals("'12x' is not a pid", assertThrows(Malformed.class, () -> CgroupProcs.parse("1\n12x\n")).getMessage());
    }
}
