package xray.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads back the cgroup table xray prints (the first one in the output), as a person reads it:
 * columns are separated by two spaces or more, a row is found by the cgroup name at its end of
 * the tree glyphs, and human byte counts are turned back into bytes.
 * <pre>
 * CGROUP           CURRENT     PEAK  REAL COST     ANON    FILE (INACTIVE)   KERNEL         LIMIT  PSI10  OOM  PROCS
 *    ├─ anon        96 MiB   96 MiB     96 MiB   96 MiB      4.0 KiB (0 B)  244 KiB  128 MiB high   0.00    0      1
 * </pre>
 */
final class CgroupTable {
    private static final String GAP = "\\s{2,}";
    private final List<String> header;
    private final Map<String, List<String>> rows = new LinkedHashMap<>();

    CgroupTable(String output) {
        String[] lines = output.split("\n");
        int h = 0;
        while (h < lines.length && !lines[h].startsWith("CGROUP ")) {
            h++;
        }
        if (h == lines.length) {
            throw new AssertionError("no cgroup table (a line starting with CGROUP) in:\n" + output);
        }
        header = List.of(lines[h].strip().split(GAP));
        for (int i = h + 1; i < lines.length; i++) {
            List<String> cells = List.of(lines[i].strip().split(GAP));
            if (cells.size() != header.size()) {
                break; // the notes under the table
            }
            String first = cells.get(0);
            rows.put(first.substring(first.lastIndexOf(' ') + 1), cells);
        }
    }

    /** The cell of the row named {@code name} under the column titled {@code column}. */
    String cell(String name, String column) {
        List<String> row = rows.get(name);
        if (row == null) {
            throw new AssertionError("no row '" + name + "' in the table; rows: " + rows.keySet());
        }
        int c = header.indexOf(column);
        if (c < 0) {
            throw new AssertionError("no column '" + column + "'; columns: " + header);
        }
        return row.get(c);
    }

    /** A cell holding one human byte count ("96 MiB"), in bytes. */
    long bytes(String name, String column) {
        return parse(cell(name, column));
    }

    /** "96 MiB" → 100663296, "4.0 KiB" → 4096, "0 B" → 0. */
    static long parse(String human) {
        String[] p = human.strip().split(" ");
        if (p.length != 2) {
            throw new AssertionError("'" + human + "' is not a byte count like '96 MiB'");
        }
        int unit = List.of("B", "KIB", "MIB", "GIB", "TIB").indexOf(p[1].toUpperCase(Locale.ROOT));
        if (unit < 0) {
            throw new AssertionError("'" + human + "' has no binary unit");
        }
        return Math.round(Double.parseDouble(p[0]) * Math.pow(1024, unit));
    }
}
