package xray.kernel;

/**
 * CPU time of one thread: {@code /proc/PID/task/TID/schedstat}, or {@code .../stat} where the
 * kernel has no schedstat (CONFIG_SCHED_INFO off).
 * <pre>
 * schedstat: 142723648 65222985 402          (ns on CPU, ns waiting, timeslices)
 * stat:      15115 (bash) S 15114 ... 4 9 ...  (utime and stime, fields 14 and 15, in clock ticks)
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
        Long ns = Numbers.parseU64(sp < 0 ? t : t.substring(0, sp));
        if (ns == null) {
            throw new Malformed("'" + Keyed.clip(t) + "' does not start with nanoseconds");
        }
        return ns;
    }

    /** Nanoseconds on CPU from stat: (utime + stime) ticks; the name in parentheses may hold spaces. */
    public static long parseStat(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new Malformed("no ')' after the thread name");
        }
        String[] f = text.substring(close + 1).trim().split("\\s+");
        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        if (f.length < 13) {
            throw new Malformed("only " + f.length + " fields after the thread name");
        }
        Long utime = Numbers.parseU64(f[11]);
        Long stime = Numbers.parseU64(f[12]);
        if (utime == null || stime == null) {
            throw new Malformed("utime '" + f[11] + "' or stime '" + f[12] + "' is not a number");
        }
        return (utime + stime) * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
