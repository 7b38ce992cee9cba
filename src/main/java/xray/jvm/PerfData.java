package xray.jvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import xray.kernel.Malformed;
import xray.model.JvmReport;
import xray.model.PerfSample;

/**
 * A HotSpot performance-data file ({@code /tmp/hsperfdata_USER/PID}, what jstat reads): named
 * counters the JVM keeps in shared memory, readable without attaching.
 * <pre>
 * prologue (32 bytes): magic CA FE C0 C0, byte order (0 big, 1 little), major 2, minor, accessible,
 *                      used, overflow, mod time stamp (8), entry offset, entry count
 * entry:               length, name offset, vector length (0 = scalar), type ('J' long, 'B' bytes),
 *                      flags, units, variability, data offset
 * sun.rt.javaCommand="xray.jvm.AuditTarget"   java.threads.live=27   sun.rt.jvmCapabilities="1100..."
 * </pre>
 * Scalars ({@code J}) become Long, byte vectors become String (up to the first NUL). Heap sizes here
 * are updated only at GC with G1, so xray takes heap use from the JVM itself, not from this file.
 */
public final class PerfData {
    private static final int MAGIC = 0xCAFEC0C0;
    private static final int PROLOGUE = 32;
    /** length, name offset, vector length (4 bytes each), type, flags, units, variability, data offset. */
    private static final int ENTRY_HEADER = 20;

    private final Map<String, Object> values;

    private PerfData(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The counters of one file. Everything in it is checked against the file before it is used: the
     * file is written by the JVM's user (and a hostile one can write anything), so a bad offset,
     * length or count is {@link Malformed}, never an exception of another kind or a huge allocation.
     */
    public static PerfData parse(byte[] data) {
        if (data.length < PROLOGUE) {
            throw new Malformed("shorter than the 32-byte prologue");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt(0) != MAGIC) {
            throw new Malformed("no hsperfdata magic");
        }
        if (data[4] != 0 && data[4] != 1) {
            throw new Malformed("byte order " + data[4] + " (0 or 1 expected)");
        }
        b.order(data[4] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int major = data[5];
        if (major != 2) {
            throw new Malformed("hsperfdata version " + major + " (xray reads version 2)");
        }
        // long arithmetic throughout: offsets + lengths from the file must not wrap around
        long used = b.getInt(8);
        if (used < PROLOGUE || used > data.length) {
            throw new Malformed("says " + used + " bytes are used, of " + data.length);
        }
        long offset = b.getInt(24);
        long count = b.getInt(28);
        if (count < 0 || count > (used - PROLOGUE) / ENTRY_HEADER) {
            throw new Malformed("says it has " + count + " entries, more than " + used + " bytes can hold");
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (offset < PROLOGUE || offset + ENTRY_HEADER > used) {
                throw new Malformed("entry " + i + " at " + offset + " is outside the " + used + " used bytes");
            }
            int at = (int) offset;
            long length = b.getInt(at);
            long end = offset + length;
            if (length < ENTRY_HEADER || end > used) {
                throw new Malformed("entry " + i + " has length " + length);
            }
            long nameAt = offset + b.getInt(at + 4);
            int vectorLength = b.getInt(at + 8);
            byte type = b.get(at + 12);
            long dataAt = offset + b.getInt(at + 16);
            if (nameAt < offset + ENTRY_HEADER || nameAt >= end || dataAt < offset + ENTRY_HEADER || dataAt > end) {
                throw new Malformed("entry " + i + " points outside itself for its name or data");
            }
            String name = cString(data, (int) nameAt, (int) end);
            if (type == 'J' && vectorLength == 0) {
                if (dataAt + 8 > end) {
                    throw new Malformed("entry " + i + " (" + name + ") ends inside its value");
                }
                values.put(name, b.getLong((int) dataAt));
            } else if (type == 'B' && vectorLength > 0) {
                values.put(name, cString(data, (int) dataAt, (int) Math.min(dataAt + vectorLength, end)));
            }
            offset = end;
        }
        return new PerfData(values);
    }

    /** Bytes from {@code from} up to the first NUL or {@code limit}, as UTF-8. */
    private static String cString(byte[] data, int from, int limit) {
        int end = from;
        while (end < limit && data[end] != 0) {
            end++;
        }
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }

    public Long number(String name) {
        return values.get(name) instanceof Long l ? l : null;
    }

    public String string(String name) {
        return values.get(name) instanceof String s ? s : null;
    }

    public int size() {
        return values.size();
    }

    /** Ticks (sun.os.hrt.frequency per second) as milliseconds, or null. */
    public Long ticksToMillis(Long ticks) {
        Long hz = number("sun.os.hrt.frequency");
        if (ticks == null || hz == null || hz <= 0 || hz > 1_000_000_000_000L || ticks < 0) {
            return null;
        }
        return ticks / hz * 1000 + ticks % hz * 1000 / hz; // no overflow for any tick count
    }

    /** False when the JVM says attach is not supported (-XX:+DisableAttachMechanism); null when unknown. */
    public Boolean attachSupported() {
        String caps = string("sun.rt.jvmCapabilities");
        return caps == null || caps.isEmpty() ? null : caps.charAt(0) == '1';
    }

    /** The main class or jar and its arguments, as the launcher passed them. */
    public String javaCommand() {
        return string("sun.rt.javaCommand");
    }

    /**
     * The address of the local JMX connector when the JVM's management agent runs (it publishes it
     * here as it starts), or null: {@code service:jmx:rmi://127.0.0.1/stub/rO0AB...}.
     */
    public String jmxAddress() {
        return string("sun.management.JMXConnectorServer.address");
    }

    /** When the JVM started, in milliseconds since the epoch, or null. */
    public Long startMillis() {
        return number("sun.rt.createVmBeginTime");
    }

    /** The generations a collector keeps counters for (sun.gc.policy.generations: 2 on JDK 9+; 3 with a perm gen). */
    private static final int MAX_GENERATIONS = 4;

    /**
     * Heap in use: the {@code used} of every space of every generation, as jstat -gc adds them (G1
     * updates eden's as it hands out regions, the others at collections). Null when the file has none.
     */
    public Long heapUsed() {
        Long sum = null;
        for (int g = 0; g < MAX_GENERATIONS; g++) {
            Long spaces = number("sun.gc.generation." + g + ".spaces");
            for (int s = 0; spaces != null && s < Math.min(spaces, 8); s++) {
                sum = add(sum, number("sun.gc.generation." + g + ".space." + s + ".used"));
            }
        }
        return sum;
    }

    /** Heap committed: Σ sun.gc.generation.*.capacity; null when the file has none. */
    public Long heapCommitted() {
        Long sum = null;
        for (int g = 0; g < MAX_GENERATIONS; g++) {
            sum = add(sum, number("sun.gc.generation." + g + ".capacity"));
        }
        return sum;
    }

    /** Time in collection pauses since the JVM started, in ticks: Σ sun.gc.collector.*.time; null when none. */
    public Long gcTicks() {
        Long sum = null;
        for (int c = 0; c < 8; c++) {
            sum = add(sum, number("sun.gc.collector." + c + ".time"));
        }
        return sum;
    }

    /** The JVM's high-resolution clock when it last wrote the file (sun.os.hrt.ticks), or null. */
    public Long ticks() {
        return number("sun.os.hrt.ticks");
    }

    /** A sum of sizes or times from the file: negative values (beyond 2^63) and overflows leave it as it was. */
    private static Long add(Long sum, Long v) {
        if (v == null || v < 0) {
            return sum;
        }
        long s = sum == null ? 0 : sum;
        return s > Long.MAX_VALUE - v ? sum : Long.valueOf(s + v);
    }

    /**
     * The largest the heap may grow. G1, ZGC and Shenandoah give each generation the whole heap as
     * its maximum, so it is the largest of them; Serial and Parallel split it, so it is the sum.
     */
    public Long heapMax() {
        long sum = 0;
        long max = 0;
        boolean any = false;
        for (int g = 0; g < 4; g++) {
            Long v = number("sun.gc.generation." + g + ".maxCapacity");
            if (v != null && v >= 0 && v < 1L << 50) { // a heap above 1 PiB is not a heap this file describes
                any = true;
                sum += v;
                max = Math.max(max, v);
            }
        }
        if (!any) {
            return null;
        }
        String policy = string("sun.gc.policy.name");
        boolean split = policy != null && (policy.startsWith("Copy") || policy.startsWith("ParScav"));
        // The heap is page-aligned; JDK 17's G1 adds a few bytes of bookkeeping to the young maximum.
        return (split ? sum : max) & ~4095L;
    }

    /** The counters xray jvm uses, as one record. */
    public PerfSample sample() {
        java.util.List<JvmReport.Collector> collectors = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String n = string("sun.gc.collector." + i + ".name");
            Long count = number("sun.gc.collector." + i + ".invocations");
            if (n != null && count != null) {
                collectors.add(new JvmReport.Collector(n, count, ticksToMillis(number("sun.gc.collector." + i + ".time"))));
            }
        }
        Long loaded = number("java.cls.loadedClasses");
        Long unloaded = number("java.cls.unloadedClasses");
        return new PerfSample(string("java.property.java.vm.name"), string("java.property.java.vm.version"),
                string("java.property.java.vm.vendor"), startMillis(), number("java.threads.live"),
                number("java.threads.daemon"), number("java.threads.livePeak"),
                loaded == null ? null : count(loaded, number("java.cls.sharedLoadedClasses")),
                loaded == null ? null : count(unloaded, number("java.cls.sharedUnloadedClasses")),
                ticksToMillis(number("sun.rt.safepointTime")), number("sun.rt.safepoints"), heapMax(), collectors);
    }

    /** a + b of two counters (absent is 0); null when either is negative or the sum overflows (a hostile file). */
    private static Long count(Long a, Long b) {
        long x = a == null ? 0 : a;
        long y = b == null ? 0 : b;
        if (x < 0 || y < 0 || x > Long.MAX_VALUE - y) {
            return null;
        }
        return x + y;
    }
}
