package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SanitizeTest {
    @Test
    void controlAndFormatCharactersBecomeVisible() {
        String plain = "foo.service · docker 1c8fa019edd4 · café 中";
        assertSame(plain, Sanitize.text(plain), "nothing to do: no copy");
        assertNull(Sanitize.text(null));
        assertEquals("\\x1b[2J\\x1b]0;t\\x07", Sanitize.text("\u001b[2J\u001b]0;t\u0007"));
        assertEquals("a\\x0ab\\x09c\\x0d\\x00", Sanitize.text("a\nb\tc\r\0"));
        assertEquals("\\x7f\\x9b\\x85", Sanitize.text("\u007f\u009b\u0085"));
        assertEquals("abc\\u202egnp.exe\\u200b\\ufeff", Sanitize.text("abc\u202egnp.exe\u200b\ufeff"));
    }

    @Test
    void outputKeepsOnlyXraysOwnColours() {
        String ours = "\u001b[1mPID\u001b[0m  \u001b[31m12.50\u001b[0m\n";
        assertSame(ours, Sanitize.output(ours, true));
        assertEquals("\\x1b[1mPID\\x1b[0m  \\x1b[31m12.50\\x1b[0m\n", Sanitize.output(ours, false));
        assertEquals("\\x1b[2J x \\x1b]0;t\\x07\n", Sanitize.output("\u001b[2J x \u001b]0;t\u0007\n", true));
    }

    @Test
    void jsonEscapesTheSameCharacters() {
        StringWriter w = new StringWriter();
        try (JsonOut j = new JsonOut(w)) {
            j.begin().str("name", "a\u001b[2J\u007f\u009b\u202e\u00e9").unsigned("total", -1L).end();
        }
        assertEquals("{\n  \"name\" : \"a\\u001B[2J\\u007F\\u009b\\u202e\u00e9\",\n  \"total\" : 18446744073709551615\n}",
                w.toString());
    }
}
