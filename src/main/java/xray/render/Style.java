package xray.render;

/**
 * How output looks: colour or not, Unicode or ASCII glyphs, the width to fit, how sizes are
 * printed, and whether tables have their header and legend. Colour is used only on a terminal (or
 * when asked for), never with NO_COLOR.
 *
 * @param unicode the output's character set has Unicode (else ASCII stands in: {@link Sanitize#ascii})
 * @param width   0 for no limit (output that is not a terminal)
 * @param wide    show every cell whole ({@code --wide}): no column is cut to its width
 * @param sizes   how tables print sizes ({@code -b -k -m -g -h --si})
 * @param header  tables print their header line ({@code --no-header} turns it off)
 * @param legend  tables print the lines that explain them ({@code --no-legend} turns them off)
 */
public record Style(boolean color, boolean unicode, int width, boolean wide, Sizes sizes, boolean header,
                    boolean legend) {
    public static final Style PLAIN = new Style(false, true, 0);

    public Style(boolean color, boolean unicode, int width) {
        this(color, unicode, width, false);
    }

    public Style(boolean color, boolean unicode, int width, boolean wide) {
        this(color, unicode, width, wide, Sizes.HUMAN, true, true);
    }

    /** The same, with every cell whole and no width to fit ({@code --wide}). */
    public Style widened() {
        return new Style(color, unicode, 0, true, sizes, header, legend);
    }

    /** The same with another width (0: none). */
    public Style width(int columns) {
        return new Style(color, unicode, columns, wide, sizes, header, legend);
    }

    /** The same, sizes printed so. */
    public Style sizes(Sizes how) {
        return new Style(color, unicode, width, wide, how, header, legend);
    }

    /** The same, with or without table headers and legends. */
    public Style chrome(boolean withHeader, boolean withLegend) {
        return new Style(color, unicode, width, wide, sizes, withHeader, withLegend);
    }

    /** A size in a table cell, as {@link #sizes} says. */
    public String size(Long bytes) {
        return sizes.format(bytes);
    }

    /** " · " between parts of a line, or " - " in ASCII. */
    public String dot() {
        return unicode ? " · " : " - ";
    }

    private static final String RESET = "\u001b[0m";

    public String bold(String s) {
        return paint("\u001b[1m", s);
    }

    public String dim(String s) {
        return paint("\u001b[2m", s);
    }

    public String red(String s) {
        return paint("\u001b[31m", s);
    }

    public String yellow(String s) {
        return paint("\u001b[33m", s);
    }

    public String cyan(String s) {
        return paint("\u001b[36m", s);
    }

    private String paint(String code, String s) {
        return color && !s.isEmpty() ? code + s + RESET : s;
    }

    /** The tree glyphs: branch, last branch, continuation, blank. */
    public String[] tree() {
        return tree(unicode);
    }

    /** The tree's branches, continuation and gap, each three columns wide: Unicode or ASCII. */
    public static String[] tree(boolean unicode) {
        return unicode ? new String[] {"├─ ", "└─ ", "│  ", "   "} : new String[] {"|- ", "`- ", "|  ", "   "};
    }

    public String ellipsis() {
        return unicode ? "…" : "...";
    }

    /**
     * Word-wraps a paragraph to the terminal width (no wrapping when output is not a terminal);
     * continuation lines start with {@code indent}.
     */
    public String wrap(String paragraph, String indent) {
        return wrap(unicode ? paragraph : Sanitize.ascii(paragraph), indent, width);
    }

    /**
     * Word-wraps a paragraph to {@code columns} (none when 0); continuation lines start with
     * {@code indent}. A size stays with its unit ("6.5 MiB"), so no line starts with "MiB"; a word
     * longer than a line is the only thing on its line, never split.
     */
    public static String wrap(String paragraph, String indent, int columns) {
        if (columns <= 0 || visibleLength(paragraph) <= columns) {
            return paragraph;
        }
        int lead = 0;
        while (lead < paragraph.length() && paragraph.charAt(lead) == ' ') {
            lead++; // a leading indent is kept as it is, not taken for empty words
        }
        StringBuilder out = new StringBuilder(paragraph.substring(0, lead));
        int col = lead;
        for (String word : words(paragraph.substring(lead))) {
            int len = visibleLength(word);
            if (col > lead && col + 1 + len > columns) {
                out.append('\n').append(indent);
                col = indent.length();
                lead = col;
            } else if (col > lead) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += len;
        }
        return out.toString();
    }

    private static java.util.List<String> words(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String w : text.split(" ")) {
            if (!out.isEmpty() && isUnit(w)) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + w);
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static final java.util.Set<String> UNITS = java.util.Set.of("B", "KiB", "MiB", "GiB", "TiB", "kB", "MB",
            "GB", "TB", "ms", "s", "%");

    /** A unit, perhaps followed by punctuation ("MiB", "MiB,", "s)."): it stays with its number. */
    private static boolean isUnit(String w) {
        int end = w.length();
        while (end > 0 && ",.;:)".indexOf(w.charAt(end - 1)) >= 0) {
            end--;
        }
        return UNITS.contains(w.substring(0, end));
    }

    /**
     * Parts joined by " · " into lines that fit the width, a part never split (a line holds at least
     * one); continuation lines are indented by two spaces.
     */
    public java.util.List<String> parts(java.util.List<String> parts) {
        java.util.List<String> out = new java.util.ArrayList<>(2);
        StringBuilder line = new StringBuilder();
        String dot = dot();
        int len = 0;
        for (String part : parts) {
            int n = visibleLength(part);
            if (len == 0) {
                line.append(part);
                len = n;
            } else if (width > 0 && len + dot.length() + n > width) {
                out.add(line.toString());
                line.setLength(0);
                line.append("  ").append(part);
                len = 2 + n;
            } else {
                line.append(dot).append(part);
                len += dot.length() + n;
            }
        }
        out.add(line.toString());
        return out;
    }

    /** Every non-blank line of a block, indented by two spaces (blank lines left empty). */
    public static String indent(String block) {
        StringBuilder b = new StringBuilder();
        for (String line : block.split("\n")) {
            b.append(line.isBlank() ? "" : "  " + line).append('\n');
        }
        return b.toString();
    }

    /** The string without its colour codes (ESC [ … m), as {@link #visibleLength} skips them. */
    public static String plain(String s) {
        if (s.indexOf('\u001b') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int m = c == '\u001b' ? s.indexOf('m', i) : -1;
            if (m > 0) {
                i = m;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Visible length of a string that may hold colour codes. */
    public static int visibleLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u001b') {
                int m = s.indexOf('m', i);
                if (m > 0) {
                    i = m;
                    continue;
                }
            }
            if (!Character.isLowSurrogate(c)) {
                n++;
            }
        }
        return n;
    }
}
