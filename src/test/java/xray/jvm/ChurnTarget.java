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
 * {@value #LEAK_PER_SECOND} {@link OrderListener}s a second and never removes them (the leak), and a
 * third {@value #LAMBDA_LEAK_PER_SECOND} capturing lambdas of {@link TickListener} a second (a leak
 * written the way listeners are written today).
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

    /** A listener interface, registered as capturing lambdas (one object each) and never removed. */
    @FunctionalInterface
    public interface TickListener {
        void onTick(long at);
    }

    public static final int LAMBDA_LEAK_PER_SECOND = 3;

    static final List<OrderListener> REGISTERED = new ArrayList<>();
    static final List<TickListener> TICKS = new ArrayList<>();
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
        Thread lambdas = new Thread(() -> {
            while (true) {
                long slot = System.nanoTime();
                synchronized (TICKS) {
                    TICKS.add(at -> sink += at - slot); // captures slot: a new object each time
                }
                sleepUntil(slot + 1_000_000_000L / LAMBDA_LEAK_PER_SECOND);
            }
        }, "leak-lambda");
        churn.setDaemon(true);
        leak.setDaemon(true);
        lambdas.setDaemon(true);
        churn.start();
        leak.start();
        lambdas.start();
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
