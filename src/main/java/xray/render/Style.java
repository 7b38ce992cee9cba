package xray.render;

/**
 * How output looks: colour or not, Unicode or ASCII tree glyphs, and the width to fit.
 * Colour is used only on a terminal (or when asked for), never with NO_COLOR.
 *
 * @param width 0 for no limit (output that is not a terminal)
 * @param wide  show every cell whole ({@code --wide}): no column is cut to its width
 */
public record Style(boolean color, boolean unicode, int width, boolean wide) {
    public static final Style PLAIN = new Style(false, true, 0);

    public Style(boolean color, boolean unicode, int width) {
        this(color, unicode, width, false);
    }

    /** The same, with every cell whole and no width to fit ({@code --wide}). */
    public Style widened() {
        return new Style(color, unicode, 0, true);
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
        return wrap(paragraph, indent, width);
    }

    /**
     * Word-wraps a paragraph to {@code columns} (none when 0); continuation lines start with
     * {@code indent}. A size stays with its unit ("6.5 MiB"), so no line starts with "MiB".
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

    private static final java.util.Set<String> UNITS = java.util.Set.of("B", "KiB", "MiB", "GiB", "TiB", "ms", "s", "%");

    /** A unit, perhaps followed by punctuation ("MiB", "MiB,", "s)."): it stays with its number. */
    private static boolean isUnit(String w) {
        int end = w.length();
        while (end > 0 && ",.;:)".indexOf(w.charAt(end - 1)) >= 0) {
            end--;
        }
        return UNITS.contains(w.substring(0, end));
    }

    /** Every non-blank line of a block, indented by two spaces (blank lines left empty). */
    public static String indent(String block) {
        StringBuilder b = new StringBuilder();
        for (String line : block.split("\n")) {
            b.append(line.isBlank() ? "" : "  " + line).append('\n');
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
