package xray.render;

import java.math.BigDecimal;
import java.util.List;
import xray.model.Field;
import xray.model.Limit;
import xray.model.Pressure;
import xray.model.Unit;

/**
 * Rows for other programs ({@code --csv}, {@code --tsv}): a header of the fields' JSON keys, then one
 * line per row, sizes as whole bytes, absent and unlimited as an empty cell, true and false as words.
 * CSV quotes a cell holding a comma, a quote or a space at its ends (RFC 4180); TSV has no quoting,
 * so a tab or newline in a name, like every control character, is written visibly as {@code \x09}
 * ({@link Sanitize}), as in the tables. Pressure is its some avg10, in percent.
 */
public final class Csv {
    private final char separator;
    private final StringBuilder out = new StringBuilder();

    public Csv(boolean tsv) {
        this.separator = tsv ? '\t' : ',';
    }

    /** The header line: each field's key ({@code pressure.some.avg10} for pressure). */
    public Csv header(List<? extends Field> fields) {
        String[] keys = new String[fields.size()];
        for (int i = 0; i < keys.length; i++) {
            Field f = fields.get(i);
            keys[i] = f.unit() == Unit.PRESSURE ? f.key() + ".some.avg10" : f.key();
        }
        return line((Object[]) keys);
    }

    /** One line of values: Long, Double, Integer, Boolean, String, {@link Limit} or {@link Pressure}. */
    public Csv line(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(cell(values[i]));
        }
        out.append('\n');
        return this;
    }

    public String text() {
        return out.toString();
    }

    /** A whole table: the header line when {@code header}, then one line per row, each column's value of it. */
    public static <F extends Field, R> String table(boolean tsv, boolean header, List<F> columns, List<R> rows,
                                                    java.util.function.BiFunction<F, R, Object> value) {
        Csv csv = new Csv(tsv);
        if (header) {
            csv.header(columns);
        }
        for (R r : rows) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(columns.get(i), r);
            }
            csv.line(values);
        }
        return csv.text();
    }

    private String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Limit l) {
            return l.isUnlimited() ? "" : Long.toString(l.bytes());
        }
        if (v instanceof Pressure p) {
            return p.some() == null ? "" : number(p.some().avg10());
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = Sanitize.text(v.toString());
        if (separator == ',' && (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || (!s.isEmpty()
                && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ')))) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** A decimal as written ("0.25", "12"), never in exponent form. */
    private static String number(double d) {
        if (!Double.isFinite(d)) {
            return "";
        }
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
