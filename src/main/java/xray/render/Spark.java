package xray.render;

/**
 * The last minute of one figure (host memory pressure) as a sparkline: a fixed ring of values,
 * one per frame, so a run of any length keeps the same few bytes.
 */
public final class Spark {
    private static final String BARS = "▁▂▃▄▅▆▇█";
    private static final String ASCII = "_.-=+*#@";

    private final double[] values;
    private final double seconds;
    private int next;
    private int size;

    /** A minute of frames {@code seconds} apart (at least 2, at most 120). */
    public Spark(double seconds) {
        this.seconds = seconds;
        this.values = new double[(int) Math.max(2, Math.min(120, Math.ceil(60 / seconds)))];
    }

    /** Adds a value (null: nothing known for this frame, drawn as the lowest bar). */
    public void add(Double v) {
        values[next] = v == null || v.isNaN() ? 0 : Math.max(0, v);
        next = (next + 1) % values.length;
        size = Math.min(values.length, size + 1);
    }

    /** The bars, oldest first, scaled to the largest value shown (at least 1%: a quiet minute stays flat). */
    public String render(boolean unicode) {
        String bars = unicode ? BARS : ASCII;
        double top = 1.0;
        for (int i = 0; i < size; i++) {
            top = Math.max(top, values[i]);
        }
        StringBuilder b = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            double v = values[(next - size + i + values.length) % values.length];
            int level = (int) Math.min(bars.length() - 1, Math.round(v / top * (bars.length() - 1)));
            b.append(bars.charAt(level));
        }
        return b.toString();
    }

    /** What the line spans: "last min" once full, "last 8 s" before. */
    public String span() {
        long s = Math.round(size * seconds);
        return s >= 59 ? "last min" : "last " + s + " s";
    }
}
