package xray.jvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A busy JVM for the listener hold-out test, started by it as a child process: one thread makes
 * {@value #CHURN_PER_SECOND} short-lived {@link PriceListener.Context} objects a second and drops
 * them (per-message objects of a listener, not listeners, and no leak); another registers
 * {@value #LEAK_PER_SECOND} {@link OrderListener}s a second and never removes them (the leak).
 * Prints {@code ready}; on stdin, {@code count} answers {@code leaked N}, {@code exit} ends it.
 */
public final class ChurnTarget {
    public static final int CHURN_PER_SECOND = 50_000;
    public static final int LEAK_PER_SECOND = 5;

    /** A listener whose per-message context objects come and go. */
    public static final class PriceListener {
        /** One per message: made, used, dropped. */
        public static final class Context {
            final long at;
            final int seq;

            Context(long at, int seq) {
                this.at = at;
                this.seq = seq;
            }
        }
    }

    /** Registered and never removed. */
    public static final class OrderListener {
        final long created = System.nanoTime();
    }

    static final List<OrderListener> REGISTERED = new ArrayList<>();
    static volatile long sink;

    private ChurnTarget() {
    }

    public static void main(String[] args) throws Exception {
        Thread churn = new Thread(() -> {
            int seq = 0;
            while (true) {
                long slot = System.nanoTime();
                for (int i = 0; i < CHURN_PER_SECOND / 100; i++) {
                    PriceListener.Context c = new PriceListener.Context(slot, seq++);
                    sink += c.seq;
                }
                sleepUntil(slot + 10_000_000L);
            }
        }, "churn");
        Thread leak = new Thread(() -> {
            while (true) {
                long slot = System.nanoTime();
                synchronized (REGISTERED) {
                    REGISTERED.add(new OrderListener());
                }
                sleepUntil(slot + 1_000_000_000L / LEAK_PER_SECOND);
            }
        }, "leak");
        churn.setDaemon(true);
        leak.setDaemon(true);
        churn.start();
        leak.start();
        Thread.sleep(500);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("count")) {
                synchronized (REGISTERED) {
                    System.out.println("leaked " + REGISTERED.size());
                }
                System.out.flush();
            } else if (line.equals("exit")) {
                break;
            }
        }
        System.exit(0);
    }

    private static void sleepUntil(long nanos) {
        long ms = (nanos - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
