package xray.jvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import xray.kernel.Malformed;

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

    private final Map<String, Object> values;

    private PerfData(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public static PerfData parse(byte[] data) {
        if (data.length < PROLOGUE) {
            throw new Malformed("shorter than the 32-byte prologue");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt(0) != MAGIC) {
            throw new Malformed("no hsperfdata magic");
        }
        b.order(data[4] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int major = data[5];
        if (major != 2) {
            throw new Malformed("hsperfdata version " + major + " (xray reads version 2)");
        }
        int used = Math.min(b.getInt(8), data.length);
        int offset = b.getInt(24);
        int count = b.getInt(28);
        Map<String, Object> values = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            if (offset < PROLOGUE || offset + 20 > used) {
                throw new Malformed("entry " + i + " at " + offset + " is outside the " + used + " used bytes");
            }
            int length = b.getInt(offset);
            int nameOffset = b.getInt(offset + 4);
            int vectorLength = b.getInt(offset + 8);
            byte type = b.get(offset + 12);
            int dataOffset = b.getInt(offset + 16);
            if (length <= 0 || offset + length > used) {
                throw new Malformed("entry " + i + " has length " + length);
            }
            String name = cString(data, offset + nameOffset, offset + length);
            int at = offset + dataOffset;
            if (type == 'J' && vectorLength == 0 && at + 8 <= offset + length) {
                values.put(name, b.getLong(at));
            } else if (type == 'B' && vectorLength > 0) {
                values.put(name, cString(data, at, Math.min(at + vectorLength, offset + length)));
            }
            offset += length;
        }
        return new PerfData(values);
    }

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
        if (ticks == null || hz == null || hz <= 0) {
            return null;
        }
        return ticks * 1000 / hz;
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

    /** When the JVM started, in milliseconds since the epoch, or null. */
    public Long startMillis() {
        return number("sun.rt.createVmBeginTime");
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
            if (v != null) {
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
}
