package xray.jvm;

import java.time.Duration;

/** The moment an audit must end by ({@code --timeout}); every wait in xray jvm is bounded by one. */
public final class Deadline {
    private final long endNanos;
    private final Duration total;

    private Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    public static Deadline after(Duration total) {
        return new Deadline(total);
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    /** The whole budget, as the user gave it ("10 s", "500 ms"). */
    public String budget() {
        long ms = total.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
