package xray.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM the live tests of {@code xray jvm} audit, started by them as a child process (no JUnit
 * here). It holds exactly what the tests assert:
 * <ul>
 * <li>{@value #PRICE_LISTENERS} {@link PriceListener} objects that stay, and {@link SessionHandler}
 *     objects that one thread keeps adding (one every {@value #LEAK_MILLIS} ms) and never removes;</li>
 * <li>one thread, {@value #SPINNER}, burning a core;</li>
 * <li>a monitor deadlock ({@code deadlock-a}, {@code deadlock-b}) and a ReentrantLock deadlock
 *     ({@code rl-deadlock-1}, {@code rl-deadlock-2});</li>
 * <li>{@value #GATE_WAITERS} threads blocked on a {@link Gate} monitor held by {@code gate-holder};</li>
 * <li>{@value #DIRECT_BUFFERS} direct buffers of {@value #DIRECT_BYTES} bytes each and one mapped
 *     file of {@value #MAPPED_BYTES} bytes (touched, then unlinked, so nothing is left behind).</li>
 * </ul>
 * It prints {@code ready} when every thread is where the tests expect it; on stdin, {@code count}
 * answers {@code handlers N} and {@code exit} ends it.
 */
public final class AuditTarget {
    public static final int PRICE_LISTENERS = 1234;
    public static final int LEAK_MILLIS = 10;
    public static final String SPINNER = "xray-spinner";
    public static final int GATE_WAITERS = 3;
    public static final int DIRECT_BUFFERS = 5;
    public static final int DIRECT_BYTES = 1 << 20;
    public static final int MAPPED_BYTES = 3 << 20;

    /** A listener that stays registered. */
    public static final class PriceListener {
        final int id;

        PriceListener(int id) {
            this.id = id;
        }
    }

    /** A handler registered on every "session" and never removed: the leak. */
    public static final class SessionHandler {
        final long created = System.nanoTime();
    }

    /** The monitor the gate waiters block on. */
    static final class Gate {
    }

    static final List<PriceListener> PRICES = new ArrayList<>();
    static final List<SessionHandler> SESSIONS = new ArrayList<>();
    static final List<ByteBuffer> DIRECT = new ArrayList<>();
    /** What must hold before the target says it is ready. */
    static final List<java.util.function.BooleanSupplier> SETTLED = new ArrayList<>();
    static MappedByteBuffer mapped;
    static volatile long sink;

    private AuditTarget() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < PRICE_LISTENERS; i++) {
            PRICES.add(new PriceListener(i));
        }
        for (int i = 0; i < DIRECT_BUFFERS; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(DIRECT_BYTES);
            for (int p = 0; p < DIRECT_BYTES; p += 4096) {
                b.put(p, (byte) 1);
            }
            DIRECT.add(b);
        }
        mapped = mapFile();

        start(SPINNER, () -> {
            long x = 1;
            while (true) {
                x = x * 31 + 7;
                if ((x & 0xFFFFF) == 0) {
                    sink = x;
                }
            }
        });
        start("handler-leak", () -> {
            while (true) {
                synchronized (SESSIONS) {
                    SESSIONS.add(new SessionHandler());
                }
                sleep(LEAK_MILLIS);
            }
        });
        monitorDeadlock();
        lockDeadlock();
        gate();

        awaitSettled();
        System.out.println("ready");
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("count")) {
                synchronized (SESSIONS) {
                    System.out.println("handlers " + SESSIONS.size());
                }
                System.out.flush();
            } else if (line.equals("exit")) {
                break;
            }
        }
        System.exit(0);
    }

    private static MappedByteBuffer mapFile() throws IOException {
        Path file = Files.createTempFile("xray-audit-target", ".map");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(MAPPED_BYTES);
            MappedByteBuffer m = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, MAPPED_BYTES);
            for (int p = 0; p < MAPPED_BYTES; p += 4096) {
                m.put(p, (byte) 1);
            }
            return m;
        } finally {
            Files.delete(file); // the mapping outlives the name
        }
    }

    private static void monitorDeadlock() {
        Object a = new Object();
        Object b = new Object();
        CountDownLatch both = new CountDownLatch(2);
        List<Thread> pair = List.of(
                start("deadlock-a", () -> {
                    synchronized (a) {
                        both.countDown();
                        await(both);
                        synchronized (b) {
                            sink++;
                        }
                    }
                }),
                start("deadlock-b", () -> {
                    synchronized (b) {
                        both.countDown();
                        await(both);
                        synchronized (a) {
                            sink++;
                        }
                    }
                }));
        SETTLED.add(() -> pair.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED));
    }

    private static void lockDeadlock() {
        ReentrantLock one = new ReentrantLock();
        ReentrantLock two = new ReentrantLock();
        CountDownLatch both = new CountDownLatch(2);
        List<Thread> pair = List.of(
                start("rl-deadlock-1", () -> {
                    one.lock();
                    both.countDown();
                    await(both);
                    two.lock();
                }),
                start("rl-deadlock-2", () -> {
                    two.lock();
                    both.countDown();
                    await(both);
                    one.lock();
                }));
        SETTLED.add(() -> one.hasQueuedThreads() && two.hasQueuedThreads() && pair.get(0).isAlive());
    }

    private static void gate() {
        Gate gate = new Gate();
        CountDownLatch held = new CountDownLatch(1);
        start("gate-holder", () -> {
            synchronized (gate) {
                held.countDown();
                sleep(Long.MAX_VALUE);
            }
        });
        await(held);
        List<Thread> waiters = new ArrayList<>();
        for (int i = 1; i <= GATE_WAITERS; i++) {
            waiters.add(start("gate-waiter-" + i, () -> {
                synchronized (gate) {
                    sink++;
                }
            }));
        }
        SETTLED.add(() -> waiters.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED));
    }

    /** Waits until the deadlocks have formed and the gate waiters are blocked. */
    private static void awaitSettled() throws InterruptedException {
        for (int tries = 0; tries < 1000; tries++) {
            if (SETTLED.stream().allMatch(java.util.function.BooleanSupplier::getAsBoolean)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("threads did not settle");
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
