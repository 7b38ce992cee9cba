package xray.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a label, a figure (right-aligned) and a note, the note word-wrapped to the width with
 * its continuation lines under its first word: the drill-down of a cgroup, the memory of a JVM.
 */
final class Rows {
    private final Style style;
    /** The width to wrap at when the style has none (0: do not wrap). */
    private final int fallbackWidth;
    private final List<String[]> rows = new ArrayList<>();

    Rows(Style style, int fallbackWidth) {
        this.style = style;
        this.fallbackWidth = fallbackWidth;
    }

    void add(String label, String figure, String note) {
        rows.add(new String[] {label, figure, note == null ? "" : note});
    }

    /** A line between groups of rows. */
    void blank() {
        rows.add(null);
    }

    String render(String indent) {
        int lw = 0;
        int fw = 0;
        for (String[] r : rows) {
            if (r != null) {
                lw = Math.max(lw, Style.visibleLength(r[0]));
                fw = Math.max(fw, Style.visibleLength(r[1]));
            }
        }
        int width = style.width() > 0 ? style.width() : fallbackWidth;
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            if (r == null) {
                out.append('\n');
                continue;
            }
            String head = indent + r[0] + " ".repeat(lw - Style.visibleLength(r[0])) + "  "
                    + (fw == 0 ? "" : " ".repeat(fw - Style.visibleLength(r[1])) + r[1] + "  ");
            String pad = " ".repeat(Style.visibleLength(head));
            String note = style.unicode() ? r[2] : Sanitize.ascii(r[2]);
            if (width > 0 && Style.visibleLength(head) + longestWord(note) > width) {
                // a narrow terminal: the note goes under the row, indented a little, rather than past the edge
                String under = indent + "    ";
                out.append(head.stripTrailing()).append('\n');
                out.append(Style.wrap(under + note, under, width).stripTrailing()).append('\n');
                continue;
            }
            String wrapped = Style.wrap(pad + note, pad, width);
            out.append((head + wrapped.substring(pad.length())).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static int longestWord(String text) {
        int longest = 0;
        for (String word : text.split(" ")) {
            longest = Math.max(longest, Style.visibleLength(word));
        }
        return longest;
    }
}
