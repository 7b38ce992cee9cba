package xray.model;

import java.util.List;

/**
 * A class histogram as the JVM printed it ({@code GC.class_histogram [-all]}): one row per class
 * and class loader, largest first.
 *
 * @param cut the reply was longer than xray reads: the rows are the largest classes, the totals absent
 */
public record HistogramSample(List<Row> rows, Long totalInstances, Long totalBytes, boolean cut) {
    public HistogramSample {
        rows = List.copyOf(rows);
    }

    /** One row: a class, its module (null for the unnamed module), instances and shallow bytes. */
    public record Row(String className, String module, long instances, long bytes) {
    }
}
