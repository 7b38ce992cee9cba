package xray.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xray.kernel.Malformed;
import xray.model.HistogramSample;
import xray.model.HistogramSample.Row;

/**
 * The reply of {@code GC.class_histogram [-all]}.
 * <pre>
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:          4137        5349472  [I (java.base@17.0.15)
 *   19:          1234          19744  xray.jvm.AuditTarget$PriceListener
 * Total        135264       12002832
 * </pre>
 * The same class name can appear twice (two class loaders); rows are kept as they are.
 */
public final class ClassHistogram {
    private static final Pattern ROW =
            Pattern.compile("^\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(([^)]*)\\))?\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private ClassHistogram() {
    }

    public static HistogramSample parse(String text) {
        return parse(text, false);
    }

    /**
     * A histogram; one that was {@code cut} (longer than xray reads: the rows are the largest classes,
     * the JVM lists them by bytes) has no totals line, and is not asked for one.
     */
    public static HistogramSample parse(String text, boolean cut) {
        List<Row> rows = new ArrayList<>();
        Long totalInstances = null;
        Long totalBytes = null;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(4), m.group(5), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
                continue;
            }
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                totalInstances = Long.parseLong(t.group(1));
                totalBytes = Long.parseLong(t.group(2));
            }
        }
        if (totalInstances == null && !(cut && !rows.isEmpty())) {
            throw new Malformed(rows.isEmpty() ? "no histogram rows" : "no 'Total' line (cut short?)");
        }
        return new HistogramSample(rows, totalInstances, totalBytes, cut);
    }
}
