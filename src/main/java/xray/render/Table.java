package xray.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A text table: a header and rows of cells, text left-aligned and numbers right-aligned, fitted to
 * the terminal's width. When the table is wider, the text columns are cut first, each down to what
 * it keeps (a name stays whole, a path keeps 24 characters); then the columns of lowest priority are
 * left out, one at a time, until every line fits. The first column is never left out. A column
 * with a notable cell in it (an OOM kill, a limit nearly reached) rises to {@link #NOTABLE}, and
 * what could not be shown is told: {@link #hidden()} and {@link #hiddenNotable()}.
 */
public final class Table {
    /** How a cell too long for its column is cut: in the middle (names: the end holds ids and suffixes) or at the end. */
    public enum Cut { MIDDLE, END }

    /**
     * One column: its title, its priority (higher stays longer; the first column always stays), the
     * most characters a cell shows (0: no limit) unless {@code --wide}, the fewest a cut leaves of a
     * text column, and where it cuts. A name someone chose (a 200 kB argv[0]) cannot make a column
     * as wide as itself.
     */
    public record Column(String title, int priority, boolean leftAligned, int max, int keep, Cut cut) {
        public static Column right(String title, int priority) {
            return new Column(title, priority, false, 0, 0, Cut.MIDDLE);
        }

        public static Column left(String title, int priority) {
            return new Column(title, priority, true, 0, MIN_TEXT, Cut.MIDDLE);
        }

        /** The same column, its cells cut to {@code chars}. */
        public Column max(int chars) {
            return new Column(title, priority, leftAligned, chars, keep, cut);
        }

        /** The same column, never cut below {@code chars} (or its widest cell) before other columns go. */
        public Column keep(int chars) {
            return new Column(title, priority, leftAligned, max, chars, cut);
        }

        /** The same column, cut at the end ("java -jar app.jar --…") rather than in the middle. */
        public Column cutAtEnd() {
            return new Column(title, priority, leftAligned, max, keep, Cut.END);
        }
    }

    /** A cell of a column that was left out, and that held something notable. */
    public record Notable(int row, String title, String cell) {
    }

    private static final int GAP = 2;
    /** What a text column keeps unless told otherwise. */
    static final int MIN_TEXT = 16;
    /** The least a cut leaves of any text, when nothing else would fit. */
    private static final int MIN_CUT = 4;
    /** The priority of a column with a notable cell, when its own is lower: above most numbers, below the first few. */
    public static final int NOTABLE = 90;

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Boolean> dimRows = new ArrayList<>();
    private final List<BitSet> notable = new ArrayList<>();
    /** The columns the last render left out for want of width. */
    private boolean[] shown = new boolean[0];

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
        notable.add(new BitSet());
    }

    /** Marks a cell of the last row added as notable: its column stays longer, and is named when it goes. */
    public void notable(int column) {
        notable.get(notable.size() - 1).set(column);
    }

    public String render(Style style) {
        int n = columns.size();
        String[] titles = new String[n];
        List<String[]> cells = rows;
        if (!style.unicode()) {
            cells = new ArrayList<>(rows.size());
            for (String[] r : rows) {
                String[] a = new String[n];
                for (int c = 0; c < n; c++) {
                    a[c] = Sanitize.ascii(r[c]);
                }
                cells.add(a);
            }
        }
        for (int c = 0; c < n; c++) {
            titles[c] = style.unicode() ? columns.get(c).title() : Sanitize.ascii(columns.get(c).title());
        }
        int[] w = new int[n];
        int[] least = new int[n];
        int[] priority = new int[n];
        BitSet anyNotable = new BitSet();
        notable.forEach(anyNotable::or);
        for (int c = 0; c < n; c++) {
            Column col = columns.get(c);
            int title = style.header() ? Style.visibleLength(titles[c]) : 0;
            w[c] = title;
            for (String[] r : cells) {
                w[c] = Math.max(w[c], Style.visibleLength(r[c]));
            }
            if (col.max() > 0 && !style.wide()) {
                w[c] = Math.min(w[c], Math.max(col.max(), title));
            }
            least[c] = col.leftAligned() ? Math.min(w[c], Math.max(col.keep(), title)) : w[c];
            priority[c] = anyNotable.get(c) ? Math.max(col.priority(), NOTABLE) : col.priority();
        }
        shown = new boolean[n];
        Arrays.fill(shown, true);
        if (style.width() > 0) {
            fit(style.width(), w, least, priority);
        }
        StringBuilder out = new StringBuilder();
        if (style.header()) {
            line(out, titles, w, style, true, false);
        }
        for (int i = 0; i < cells.size(); i++) {
            line(out, cells.get(i), w, style, false, dimRows.get(i));
        }
        return out.toString();
    }

    /** Leaves out columns and narrows text columns until the table is at most {@code width} wide. */
    private void fit(int width, int[] w, int[] least, int[] priority) {
        // Columns go, lowest priority first, while even their text cut to what it keeps would not fit.
        while (total(least) > width) {
            int drop = -1;
            for (int c = 1; c < shown.length; c++) {
                if (shown[c] && (drop < 0 || priority[c] < priority[drop])) {
                    drop = c;
                }
            }
            if (drop < 0) {
                break;
            }
            shown[drop] = false;
        }
        // Then the text columns give up width, lowest priority first, down to what each keeps.
        int over = total(w) - width;
        Integer[] order = new Integer[w.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(priority[a], priority[b]));
        for (int c : order) {
            if (over > 0 && shown[c] && columns.get(c).leftAligned()) {
                int take = Math.min(over, w[c] - least[c]);
                w[c] -= take;
                over -= take;
            }
        }
        // What is left over (one column alone wider than the terminal): the widest text is cut further.
        while (over > 0) {
            int widest = -1;
            for (int c = 0; c < w.length; c++) {
                if (shown[c] && columns.get(c).leftAligned() && w[c] > MIN_CUT && (widest < 0 || w[c] > w[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                break;
            }
            int take = Math.min(over, w[widest] - MIN_CUT);
            w[widest] -= take;
            over -= take;
        }
    }

    /** The titles of the columns the last {@link #render} left out to fit the width, in order (the caller says so). */
    public List<String> hidden() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < shown.length; c++) {
            if (!shown[c]) {
                out.add(columns.get(c).title());
            }
        }
        return out;
    }

    /** The notable cells of the columns the last {@link #render} left out: the caller names their rows. */
    public List<Notable> hiddenNotable() {
        List<Notable> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            BitSet b = notable.get(r);
            for (int c = b.nextSetBit(0); c >= 0; c = b.nextSetBit(c + 1)) {
                if (c < shown.length && !shown[c]) {
                    out.add(new Notable(r, columns.get(c).title(), Style.plain(rows.get(r)[c])));
                }
            }
        }
        return out;
    }

    private int total(int[] w) {
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

    private void line(StringBuilder out, String[] cells, int[] w, Style style, boolean header, boolean dim) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        int last = lastShown();
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
                cell = cut(cell, w[c], style, columns.get(c).cut());
                len = Style.visibleLength(cell);
            }
            String pad = " ".repeat(Math.max(0, w[c] - len));
            boolean left = columns.get(c).leftAligned();
            b.append(left ? cell + (c == last ? "" : pad) : pad + cell);
            first = false;
        }
        String text = b.toString().stripTrailing();
        out.append(header ? style.bold(text) : dim ? style.dim(text) : text).append('\n');
    }

    private int lastShown() {
        for (int c = shown.length - 1; c >= 0; c--) {
            if (shown[c]) {
                return c;
            }
        }
        return -1;
    }

    /** Cuts the middle out of a long name, keeping the tree prefix and the end (ids, .service). */
    static String cut(String s, int width, Style style) {
        return cut(s, width, style, Cut.MIDDLE);
    }

    static String cut(String s, int width, Style style, Cut how) {
        s = Style.plain(s); // a cut cell loses its colour rather than half a code
        String ell = style.ellipsis();
        if (s.length() <= width || width <= ell.length() + 2) {
            return s.substring(0, Math.min(s.length(), width));
        }
        if (how == Cut.END) {
            return s.substring(0, width - ell.length()) + ell;
        }
        int keepEnd = (width - ell.length()) / 2;
        int keepStart = width - ell.length() - keepEnd;
        return s.substring(0, keepStart) + ell + s.substring(s.length() - keepEnd);
    }
}
