package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyedTest {
    @Test
    void parsesByKeyWithOrWithoutFinalNewline() {
        KeyedValues a = Keyed.parse("anon 1411100672\nfile 8621432832\n");
        KeyedValues b = Keyed.parse("anon 1411100672\nfile 8621432832");
        assertEquals(Map.of("anon", 1411100672L, "file", 8621432832L), a.values());
        assertEquals(a, b);
        assertEquals(List.of(), a.problems());
    }

    @Test
    void missingKeyIsAbsentNotZero() {
        KeyedValues v = Keyed.parse("anon 0\n");
        assertEquals(0L, v.get("anon"));
        assertNull(v.get("kernel"));
    }

    @Test
    void keepsUnsigned64BitValues() {
        KeyedValues v = Keyed.parse("slab 14914318128160131214\n");
        assertEquals("14914318128160131214", v.unsigned("slab"));
        assertTrue(KeyedValues.isBeyondLong(v.get("slab")));
        assertEquals("18446744073709551615", Keyed.parse("x 18446744073709551615").unsigned("x"));
        assertEquals(1, Keyed.parse("x 18446744073709551616").problems().size(), "2^64 overflows u64");
    }

    @Test
    void garbledLinesAreProblemsAndTheRestSurvives() {
        KeyedValues v = Keyed.parse("slab 1234\nlol\n");
        assertEquals(Map.of("slab", 1234L), v.values());
        assertEquals(List.of("line 2 'lol' is not 'key value'"), v.problems());
        KeyedValues rr = Keyed.parse("rss rss\n");
        assertEquals(Map.of(), rr.values());
        assertEquals(List.of("line 1 'rss rss' has no number"), rr.problems());
        assertEquals(List.of("line 1 'a -1' has no number"), Keyed.parse("a -1").problems());
        assertEquals(List.of("line 1 'a 1.5' has no number"), Keyed.parse("a 1.5").problems());
    }

    @Test
    void emptyFileIsAProblem() {
        assertEquals(List.of("empty file"), Keyed.parse("").problems());
        assertEquals(List.of("empty file"), Keyed.parse("\n\n").problems());
    }

    @Test
    void wantedKeysFoundWhateverTheirHashes() {
        // "Aa" and "BB" share a hash; "polygenelubricants" has the smallest int hash there is
        List<String> wanted = List.of("BB", "polygenelubricants", "Aa", "anon", "file", "zswap");
        Keyed.Keys keys = new Keyed.Keys(wanted);
        assertEquals(wanted.size(), keys.size());
        for (String k : wanted) {
            assertEquals(k, keys.find("x " + k + " y", 2, 2 + k.length()), k);
        }
        assertNull(keys.find("Ab", 0, 2));
        KeyedValues v = Keyed.parse("Aa 1\nBB 2\nCc 3\npolygenelubricants 4\n", keys);
        assertEquals(Map.of("Aa", 1L, "BB", 2L, "polygenelubricants", 4L), v.values());
    }
}
