package xray.render;

/**
 * The one sanitizer for text that came from the system (cgroup and process names, argv, comm,
 * user names, paths, echoed arguments) before it reaches a terminal: control characters (C0, DEL,
 * C1) become a visible {@code \xNN}, as systemd escapes unit names, and invisible format
 * characters (bidirectional overrides, zero-width characters) a visible backslash-u and four hex digits. Nothing a
 * process or a user can name itself can then move the cursor, clear the screen, recolour the
 * output or split a table row. JSON output escapes the same characters by JSON's rules instead
 * ({@link JsonOut}).
 */
public final class Sanitize {
    private Sanitize() {
    }

    /** {@code s} with every control and format character made visible; null stays null. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s; // the common case: nothing to do, no copy
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                b.append(c);
            } else if (c < 0x100) {
                b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    /**
     * Output text built by xray (tables, sentences) made safe as a whole, a second line of defence
     * behind {@link #text}: with colour, only xray's own colour codes ({@code ESC [ digits m}) pass;
     * every other control character but the newline becomes {@code \xNN}.
     */
    public static String output(String s, boolean color) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || !needsEscape(c)) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            int sgr = color && c == '\u001b' ? sgrEnd(s, i) : -1;
            if (sgr > 0) {
                if (b != null) {
                    b.append(s, i, sgr);
                }
                i = sgr - 1;
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            b.append(text(String.valueOf(c)));
        }
        return b == null ? s : b.toString();
    }

    /**
     * Text for an output that has no Unicode (the C locale): the characters xray writes itself get
     * ASCII stand-ins of the same meaning ("·" and "−" a hyphen, "→" "->", "≤" "<=", "Σ" "sum ",
     * the tree's lines), and any other character past ASCII a '?', which is what the encoder would
     * print for it anyway. The stand-ins that go into table cells keep their width.
     */
    public static String ascii(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\u00b7', '\u2212', '\u2013', '\u2014', '\u2500' -> b.append('-'); // · − – — ─
                case '\u2026' -> b.append("..."); // …
                case '\u2022' -> b.append('*'); // •
                case '\u2192' -> b.append("->"); // →
                case '\u2190' -> b.append("<-"); // ←
                case '\u2191' -> b.append('^'); // ↑
                case '\u2193' -> b.append('v'); // ↓
                case '\u2264' -> b.append("<="); // ≤
                case '\u2265' -> b.append(">="); // ≥
                case '\u00d7' -> b.append('x'); // ×
                case '\u0394' -> b.append('d'); // Δ
                case '\u03a3' -> b.append("sum "); // Σ
                case '\u00b5' -> b.append('u'); // µ
                case '\u251c', '\u2502' -> b.append('|'); // ├ │
                case '\u2514' -> b.append('`'); // └
                case '\u23ce' -> b.append('/'); // ⏎
                default -> {
                    if (c >= '\u2581' && c <= '\u2588') {
                        b.append("_.:-=+*#".charAt(c - '\u2581')); // the sparkline's blocks ▁ … █
                    } else if (!Character.isLowSurrogate(c)) {
                        b.append('?');
                    }
                }
            }
        }
        return b.toString();
    }

    /** The end of a colour code {@code ESC [ 0-9;* m} starting at {@code i}, or −1. */
    private static int sgrEnd(String s, int i) {
        if (i + 2 >= s.length() || s.charAt(i + 1) != '[') {
            return -1;
        }
        for (int j = i + 2; j < s.length() && j < i + 12; j++) {
            char c = s.charAt(j);
            if (c == 'm') {
                return j + 1;
            }
            if ((c < '0' || c > '9') && c != ';') {
                return -1;
            }
        }
        return -1;
    }

    /** C0 controls, DEL, C1 controls, and Unicode format characters (bidi overrides, zero-width, BOM). */
    static boolean needsEscape(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c < 0x200b) {
            return false;
        }
        return Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029';
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
