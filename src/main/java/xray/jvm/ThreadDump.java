package xray.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xray.kernel.Malformed;
import xray.model.ThreadDumpSample;
import xray.model.ThreadDumpSample.Deadlock;
import xray.model.ThreadDumpSample.Edge;
import xray.model.ThreadDumpSample.Lock;
import xray.model.ThreadDumpSample.Thread;

/**
 * The reply of {@code Thread.print -l -e}: every thread with its state, CPU time, bytes allocated,
 * frames and locks, and the deadlocks the JVM found (monitors and {@code java.util.concurrent} locks).
 * <pre>
 * "gate-waiter-1" #28 [21644] daemon prio=5 os_prio=0 cpu=0.35ms elapsed=2.86s tid=0x00007f2c38150750 nid=21644 waiting for monitor entry  [0x00007f2c087fe000]
 * "allocator" #12 prio=5 os_prio=0 cpu=73.76ms elapsed=2.21s allocated=2000M defined_classes=0 tid=0x00007f91840cecd0 nid=0x27d3 waiting on condition  [0x00007f916cafd000]
 *    java.lang.Thread.State: BLOCKED (on object monitor)
 * 	at xray.jvm.AuditTarget.lambda$gate$10(AuditTarget.java:198)
 * 	- waiting to lock &lt;0x000000069efae618&gt; (a xray.jvm.AuditTarget$Gate)
 * "VM Thread" os_prio=0 cpu=2.07ms elapsed=66.32s tid=0x00007f90a80affe0 nid=17241 runnable
 * </pre>
 * JDK 17 writes {@code nid} in hex ({@code nid=0x433c}), JDK 19+ in decimal after the thread id in
 * brackets. VM threads (GC, compiler, VM Thread) have no {@code #id} and no Java state.
 */
public final class ThreadDump {
    private static final Pattern HEADER = Pattern.compile(
            "^\"(.*)\"(?: #(\\d+))?(?: \\[\\d+\\])?( daemon)?(?: prio=-?\\d+)? os_prio=-?\\d+"
                    + "(?: cpu=([\\d.,]+)ms)?(?: elapsed=([\\d.,]+)s)?(?: allocated=(\\d+)([BKMG]))?(?: defined_classes=\\d+)?"
                    + "(?: tid=0x[0-9a-f]+)? nid=(0x[0-9a-f]+|\\d+)\\b.*$");
    /**
     * A decimal as HotSpot prints it with the C library's printf, in the target JVM's locale:
     * "32.73", or "32,73" in a JVM started under LANG=de_DE.UTF-8.
     */
    static Double decimal(String s) {
        return s == null ? null : Double.parseDouble(s.replace(',', '.'));
    }

    private static final Pattern STATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\w+)");
    private static final Pattern LOCK_LINE =
            Pattern.compile("^\\s+- (waiting to lock|parking to wait for|locked|waiting on|waiting to re-lock in wait\\(\\))?"
                    + "\\s*<(0x[0-9a-f]+)> \\(a (\\S+)\\)");
    private static final Pattern DEADLOCK_THREAD = Pattern.compile("^\"(.*)\":$");
    private static final Pattern DEADLOCK_WAIT = Pattern.compile(
            "^\\s+waiting (?:to lock monitor 0x[0-9a-f]+ \\(object (0x[0-9a-f]+), a (\\S+)\\)"
                    + "|for ownable synchronizer (0x[0-9a-f]+), \\(a (\\S+)\\)).*$");
    private static final Pattern DEADLOCK_HELD = Pattern.compile("^\\s+which is held by \"(.*)\"\\s*$");

    private ThreadDump() {
    }

    public static ThreadDumpSample parse(String text) {
        String[] lines = text.split("\n");
        List<Thread> threads = new ArrayList<>();
        List<Deadlock> deadlocks = new ArrayList<>();
        Builder cur = null;
        boolean ownable = false;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.startsWith("Found one Java-level deadlock:")) {
                if (cur != null) {
                    threads.add(cur.build());
                    cur = null;
                }
                i = deadlock(lines, i + 1, deadlocks);
                continue;
            }
            Matcher h = line.startsWith("\"") ? HEADER.matcher(line) : null;
            if (h != null && h.matches()) {
                if (cur != null) {
                    threads.add(cur.build());
                }
                cur = new Builder(h);
                ownable = false;
            } else if (cur != null) {
                Matcher s = STATE.matcher(line);
                if (s.find()) {
                    cur.state = s.group(1);
                } else if (line.startsWith("\tat ")) {
                    cur.frames.add(line.substring(4));
                } else if (line.trim().equals("Locked ownable synchronizers:")) {
                    ownable = true;
                } else {
                    Matcher l = LOCK_LINE.matcher(line);
                    if (l.find()) {
                        Lock lock = new Lock(l.group(2), l.group(3));
                        String kind = l.group(1);
                        if (ownable && kind == null || "locked".equals(kind)) {
                            cur.held.add(lock);
                        } else if ("waiting on".equals(kind)) {
                            cur.waitingOn.add(lock); // Object.wait() released it, though its frame says "locked"
                        } else if (kind != null) {
                            cur.blockedOn = lock; // waiting to lock, parking to wait for, waiting to re-lock
                        }
                    }
                }
            }
            i++;
        }
        if (cur != null) {
            threads.add(cur.build());
        }
        if (threads.isEmpty()) {
            throw new Malformed("no thread in the dump");
        }
        return new ThreadDumpSample(threads, deadlocks);
    }

    /** Reads one "Found one Java-level deadlock" block; returns the index of the first line after it. */
    private static int deadlock(String[] lines, int i, List<Deadlock> out) {
        List<Edge> edges = new ArrayList<>();
        String thread = null;
        Lock lock = null;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("Java stack information") || line.startsWith("Found ")) {
                break;
            }
            Matcher t = DEADLOCK_THREAD.matcher(line);
            Matcher w = DEADLOCK_WAIT.matcher(line);
            Matcher h = DEADLOCK_HELD.matcher(line);
            if (t.matches()) {
                thread = t.group(1);
                lock = null;
            } else if (w.matches()) {
                lock = w.group(1) != null ? new Lock(w.group(1), w.group(2)) : new Lock(w.group(3), w.group(4));
            } else if (h.matches() && thread != null) {
                edges.add(new Edge(thread, lock, h.group(1)));
                thread = null;
            }
        }
        // Skip the stacks printed again for the threads above, up to the next block or the count.
        while (i < lines.length && !lines[i].startsWith("Found ")) {
            i++;
        }
        if (!edges.isEmpty()) {
            out.add(new Deadlock(edges));
        }
        return i;
    }

    /** "175K" → 179200: the JVM's units are powers of 1024. */
    static long unit(long value, char unit) {
        int shift = switch (unit) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        return value > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : value << shift;
    }

    private static final class Builder {
        final String name;
        final Long javaId;
        final Integer nid;
        final boolean daemon;
        final Double cpuMillis;
        final Double elapsed;
        final Long allocated;
        String state;
        final List<String> frames = new ArrayList<>();
        Lock blockedOn;
        final List<Lock> held = new ArrayList<>();
        final List<Lock> waitingOn = new ArrayList<>();

        Builder(Matcher h) {
            name = h.group(1);
            javaId = h.group(2) == null ? null : Long.parseLong(h.group(2));
            daemon = h.group(3) != null;
            cpuMillis = decimal(h.group(4));
            elapsed = decimal(h.group(5));
            allocated = h.group(6) == null ? null : unit(Long.parseLong(h.group(6)), h.group(7).charAt(0));
            String n = h.group(8);
            nid = n.startsWith("0x") ? Integer.parseInt(n.substring(2), 16) : Integer.parseInt(n);
        }

        Thread build() {
            held.removeAll(waitingOn);
            return new Thread(name, javaId, nid, daemon, javaId == null ? null : state, cpuMillis, elapsed, allocated,
                    frames, blockedOn, held);
        }
    }
}
