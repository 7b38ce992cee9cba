package xray.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table: a header and rows of cells, the first column left-aligned (and the one that
 * shrinks), the others right-aligned. When the table is wider than the terminal, the columns
 * with the lowest priority go first, then the first column is cut with an ellipsis.
 */
public final class Table {
    /**
     * One column: its title, its priority (higher stays longer; the first column always stays), and
     * the most characters a cell shows (0: no limit) unless {@code --wide}: a name someone chose
     * (a 200 kB argv[0]) cannot make a column as wide as itself.
     */
    public record Column(String title, int priority, boolean leftAligned, int max) {
        public static Column right(String title, int priority) {
            return new Column(title, priority, false, 0);
        }

        public static Column left(String title, int priority) {
            return new Column(title, priority, true, 0);
        }

        /** The same column, its cells cut to {@code chars}. */
        public Column max(int chars) {
            return new Column(title, priority, leftAligned, chars);
        }
    }

    private static final int GAP = 2;
    private static final int MIN_FIRST = 16;

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Boolean> dimRows = new ArrayList<>();
    /** The titles of the columns the last render left out for want of width. */
    private List<String> hidden = List.of();

    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public void add(String... cells) {
        add(false, cells);
    }

    /** A row shown dimmed (a folded "N more" line). */
    public void add(boolean dim, String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(cells);
        dimRows.add(dim);
    }

    public String render(Style style) {
        int n = columns.size();
        int[] w = new int[n];
        for (int c = 0; c < n; c++) {
            w[c] = Style.visibleLength(columns.get(c).title());
            for (String[] r : rows) {
                w[c] = Math.max(w[c], Style.visibleLength(r[c]));
            }
            int max = columns.get(c).max();
            if (max > 0 && !style.wide()) {
                w[c] = Math.min(w[c], Math.max(max, Style.visibleLength(columns.get(c).title())));
            }
        }
        boolean[] shown = new boolean[n];
        java.util.Arrays.fill(shown, true);
        if (style.width() > 0) {
            int shrinkable = Math.max(0, w[0] - MIN_FIRST);
            // Drop low-priority columns while even a first column cut to its minimum would not fit.
            while (total(w, shown) - shrinkable > style.width()) {
                int drop = lowest(shown);
                if (drop < 0) {
                    break;
                }
                shown[drop] = false;
            }
            int over = total(w, shown) - style.width();
            if (over > 0) {
                w[0] = Math.max(MIN_FIRST, w[0] - over);
            }
        }
        List<String> left = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (!shown[c]) {
                left.add(columns.get(c).title());
            }
        }
        hidden = List.copyOf(left);
        StringBuilder out = new StringBuilder();
        String[] header = new String[n];
        for (int c = 0; c < n; c++) {
            header[c] = columns.get(c).title();
        }
        line(out, header, w, shown, style, true, false);
        for (int i = 0; i < rows.size(); i++) {
            line(out, rows.get(i), w, shown, style, false, dimRows.get(i));
        }
        return out.toString();
    }

    /** The titles of the columns the last {@link #render} left out to fit the width (the caller says so). */
    public List<String> hidden() {
        return hidden;
    }

    private int lowest(boolean[] shown) {
        int best = -1;
        for (int c = 1; c < shown.length; c++) {
            if (shown[c] && (best < 0 || columns.get(c).priority() < columns.get(best).priority())) {
                best = c;
            }
        }
        return best;
    }

    private static int total(int[] w, boolean[] shown) {
        int t = 0;
        int k = 0;
        for (int c = 0; c < w.length; c++) {
            if (shown[c]) {
                t += w[c];
                k++;
            }
        }
        return t + GAP * Math.max(0, k - 1);
    }

    private void line(StringBuilder out, String[] cells, int[] w, boolean[] shown, Style style, boolean header,
                      boolean dim) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (int c = 0; c < cells.length; c++) {
            if (!shown[c]) {
                continue;
            }
            if (!first) {
                b.append(" ".repeat(GAP));
            }
            String cell = cells[c];
            int len = Style.visibleLength(cell);
            if (len > w[c]) {
                cell = cut(cell, w[c], style);
                len = Style.visibleLength(cell);
            }
            String pad = " ".repeat(w[c] - len);
            boolean left = columns.get(c).leftAligned();
            boolean last = c == lastShown(shown);
            b.append(left ? cell + (last ? "" : pad) : pad + cell);
            first = false;
        }
        String text = b.toString().stripTrailing();
        out.append(header ? style.bold(text) : dim ? style.dim(text) : text).append('\n');
    }

    private static int lastShown(boolean[] shown) {
        for (int c = shown.length - 1; c >= 0; c--) {
            if (shown[c]) {
                return c;
            }
        }
        return -1;
    }

    /** Cuts the middle out of a long name, keeping the tree prefix and the end (ids, .service). */
    static String cut(String s, int width, Style style) {
        s = s.replaceAll("\u001b\\[[0-9;]*m", ""); // a cut cell loses its colour rather than half a code
        String ell = style.ellipsis();
        if (s.length() <= width || width <= ell.length() + 2) {
            return s.substring(0, Math.min(s.length(), width));
        }
        int keepEnd = (width - ell.length()) / 2;
        int keepStart = width - ell.length() - keepEnd;
        return s.substring(0, keepStart) + ell + s.substring(s.length() - keepEnd);
    }
}
