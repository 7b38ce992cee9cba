package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StyleTest {
    @Test
    void wrapKeepsTheLeadingIndentAndIndentsContinuations() {
        assertEquals("  • one two\n    three", Style.wrap("  • one two three", "    ", 12));
        assertEquals("        a b c\n        d", Style.wrap("        a b c d", "        ", 14));
    }

    @Test
    void aSizeStaysWithItsUnit() {
        assertEquals("the rest is\n6.5 MiB.", Style.wrap("the rest is 6.5 MiB.", "", 14));
    }

    @Test
    void noWrappingWithoutAWidthOrWhenItFits() {
        assertEquals("a b c", Style.wrap("a b c", "", 0));
        assertEquals("a b c", Style.wrap("a b c", "", 5));
        assertEquals("a b c", new Style(false, true, 0).wrap("a b c", "  "));
    }

    @Test
    void plainDropsColourCodesOnly() {
        assertEquals("abc", Style.plain("\u001b[1;31ma\u001b[0mbc"));
        assertEquals("a…b", Style.plain("a…b"));
        assertEquals(Style.visibleLength("\u001b[32m12 MiB\u001b[0m"), Style.plain("\u001b[32m12 MiB\u001b[0m").length());
    }
}
