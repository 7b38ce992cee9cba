package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import xray.model.Pressure;
import xray.model.Psi;

class PsiFormatTest {
    @Test
    void upstreamFormat() {
        Pressure p = PsiFormat.parse("some avg10=0.10 avg60=2.00 avg300=3.85 total=15\n"
                + "full avg10=0.20 avg60=3.00 avg300=4.95 total=25\n");
        assertEquals(new Psi(0.10, 2.00, 3.85, 15L), p.some());
        assertEquals(new Psi(0.20, 3.00, 4.95, 25L), p.full());
    }

    @Test
    void someOnlyAndNoNewline() {
        Pressure p = PsiFormat.parse("some avg10=1.71 avg60=2.36 avg300=2.57 total=230548833");
        assertEquals(230548833L, p.some().totalMicros());
        assertNull(p.full());
    }

    @Test
    void legacyFormatsGiveTheSameNumbers() {
        Pressure a = PsiFormat.parse("aggr 128544748770\nsome 1.11 2.22 3.33\nfull 4.44 5.55 6.66\n");
        Pressure b = PsiFormat.parse("aggr 128544748770\nsome 1.11 2.22 3.33\nfull 4.44 5.55 6.66\n0 0 0\n0 0 0\n");
        assertEquals(new Psi(1.11, 2.22, 3.33, null), a.some());
        assertEquals(new Psi(4.44, 5.55, 6.66, null), a.full());
        assertEquals(a, b);
    }

    @Test
    void badNumbersMakeTheFileMalformed() {
        assertThrows(Malformed.class, () -> PsiFormat.parse("some avg10=0.10 avg60=2.00 avg300=3.85 total=oops\n"));
        assertThrows(Malformed.class, () -> PsiFormat.parse("some avg10=0.10 avg60=2.00 avg300=teddy total=1\n"));
        assertThrows(Malformed.class, () -> PsiFormat.parse(""));
    }

    @Test
    void unknownLeadingWordIsIgnored() {
        Pressure p = PsiFormat.parse("nonsense haha test=fake\nsome avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        assertEquals(new Psi(0, 0, 0, 0L), p.some());
    }
}
