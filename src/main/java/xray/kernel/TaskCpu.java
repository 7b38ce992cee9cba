package xray.kernel;

/**
 * CPU time of one thread: {@code /proc/PID/task/TID/schedstat}, or {@code .../stat} where the
 * kernel has no schedstat (CONFIG_SCHED_INFO off).
 * <pre>
 * schedstat: 142723648 65222985 402          (ns on CPU, ns waiting, timeslices)
 * stat:      15115 (bash) S 15114 ... 4 9 ...  (utime and stime, fields 14 and 15, in clock ticks;
 *                                               starttime, field 22, ticks after boot)
 * </pre>
 * Reading these costs the target nothing (no safepoint, no attach).
 */
public final class TaskCpu {
    /** USER_HZ: the tick of utime/stime, 100 on every Linux ABI xray runs on (x86, arm64). */
    static final long TICKS_PER_SECOND = 100;

    private TaskCpu() {
    }

    /** Nanoseconds on CPU from schedstat. */
    public static long parseSchedstat(String text) {
        String t = text.trim();
        int sp = t.indexOf(' ');
        Long ns = Numbers.parseCount(sp < 0 ? t : t.substring(0, sp));
        if (ns == null) {
            throw new Malformed("'" + Keyed.clip(t) + "' does not start with nanoseconds");
        }
        return ns;
    }

    /** Nanoseconds on CPU from stat: (utime + stime) ticks; the name in parentheses may hold spaces. */
    public static long parseStat(String text) {
        return parseProcessStat(text).cpuNanos();
    }

    /**
     * A process's stat, the parts xray uses: CPU time, and its start (field 22, clock ticks after
     * boot; null when the line stops before it or it is not a number that fits).
     */
    public record Stat(long cpuNanos, Long startTicks) {
        /** The start in milliseconds since the epoch, from the boot time ({@link #parseBootMillis}), or null. */
        public Long startMillis(long bootMillis) {
            long tick = 1000 / TICKS_PER_SECOND;
            return startTicks == null || startTicks > (Long.MAX_VALUE - bootMillis) / tick ? null
                    : bootMillis + startTicks * tick;
        }
    }

    public static Stat parseProcessStat(String text) {
        String[] f = afterName(text);
        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        if (f.length < 13) {
            throw new Malformed("only " + f.length + " fields after the thread name");
        }
        Long utime = Numbers.parseCount(f[11]);
        Long stime = Numbers.parseCount(f[12]);
        long most = Long.MAX_VALUE / (1_000_000_000L / TICKS_PER_SECOND) / 2;
        if (utime == null || stime == null || utime > most || stime > most) {
            throw new Malformed("utime '" + f[11] + "' or stime '" + f[12] + "' is not a number of ticks");
        }
        Long start = f.length < 20 ? null : Numbers.parseCount(f[19]);
        return new Stat((utime + stime) * (1_000_000_000L / TICKS_PER_SECOND), start);
    }

    /** The boot time from {@code /proc/stat}'s "btime SECONDS" line, in milliseconds since the epoch. */
    public static long parseBootMillis(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("btime ")) {
                Long s = Numbers.parseCount(line.substring(6).trim());
                if (s != null && s < Long.MAX_VALUE / 1000) {
                    return s * 1000;
                }
            }
        }
        throw new Malformed("no 'btime' line");
    }

    /** The fields after the name in parentheses (which may hold spaces and parentheses): state first. */
    private static String[] afterName(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new Malformed("no ')' after the thread name");
        }
        return text.substring(close + 1).trim().split("\\s+");
    }
}
