package xray.render;

import static xray.model.Bytes.human;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import xray.model.AuditNotice;
import xray.model.AuditTimeout;
import xray.model.JvmReport.CommandRun;
import xray.model.Verdict;

/**
 * The sentences of {@code xray jvm PID} made from data: each verdict (the same text in the table
 * and in the JSON), the notice before xray acts on the JVM, and the account of a timeout.
 */
public final class JvmSentences {
    private JvmSentences() {
    }

    /** One sentence per verdict code (README.md lists the codes). */
    public static String verdict(Verdict v) {
        var f = v.figures();
        return switch (v.code()) {
            case "deadlock" -> "Deadlock: " + v.subject() + " wait for each other's locks and will never go on.";
            case "blocked-group" -> f.get("waiters") + " threads wait for " + f.get("lock") + ", held by "
                    + v.subject() + (f.get("ownerState") == null ? "" : " (" + f.get("ownerState") + ")") + ".";
            case "hot-thread" -> v.subject() + " uses " + String.format(Locale.ROOT, "%.1f", (Double) f.get("cpuPercent"))
                    + "% of a core" + ("interval".equals(f.get("basis"))
                    ? String.format(Locale.ROOT, " over the %.1f s interval", (Double) f.get("intervalSeconds"))
                    : " on average since it started") + ".";
            case "listener-growth" -> v.subject() + " grew by " + f.get("growth") + " to " + f.get("count")
                    + String.format(Locale.ROOT, " in %.1f s", (Double) f.get("intervalSeconds"))
                    + ("live".equals(f.get("mode")) ? ", counted after a full GC each time: retained, a leak unless"
                    + " it levels off." : ", rising at each of " + f.get("histograms") + " histograms; garbage is not"
                    + " excluded: --live confirms.");
            case "untracked-native" -> human((Long) f.get("untracked")) + " (" + f.get("percent") + "% of the "
                    + human((Long) f.get("resident")) + " resident) is native memory the JVM does not account for"
                    + (f.get("mallocOutstanding") == null ? "." : ": malloc holds " + human((Long) f.get("mallocOutstanding"))
                    + " and glibc keeps " + human((Long) f.get("mallocRetained")) + " freed but not returned"
                    + " (MALLOC_ARENA_MAX or malloc_trim give that back).");
            default -> v.code() + " " + v.subject() + " " + f;
        };
    }

    /** What the person hears before xray acts on the JVM. */
    public static String notice(AuditNotice n) {
        return switch (n.kind()) {
            case STARTING_JMX_AGENT -> "starting the JMX agent of pid " + n.pid() + " (--jmx): it opens a TCP port on "
                    + "every interface, takes connections from this host only, and stays on until the JVM exits";
            case FULL_GC -> "running a full GC in pid " + n.pid() + " for a histogram of live objects (--live): "
                    + "the application pauses for it";
        };
    }

    /**
     * Which step the time ran out in and what came before; the JVM is called hung only when that one
     * step took more than half the budget.
     */
    public static String timeout(AuditTimeout t) {
        String budget = millis(t.budgetMillis());
        if (t.stopped()) {
            return "pid " + t.pid() + " did not answer " + t.step() + " within " + budget + ": it is stopped (SIGSTOP or"
                    + " a debugger); continue it with kill -CONT " + t.pid();
        }
        List<String> before = new ArrayList<>();
        for (CommandRun r : t.before()) {
            before.add(r.command() + " " + millis(Math.round(r.millis())));
        }
        String earlier = before.isEmpty() ? "" : "; before it: " + String.join(", ", before);
        if (t.step().equals("the sample interval")) {
            return "the --interval no longer fit in the --timeout of " + budget + earlier
                    + "; give a longer --timeout or a shorter --interval";
        }
        if (t.stepTookTooLong()) {
            return "pid " + t.pid() + " did not answer " + t.step() + " within " + millis(Math.round(t.stepMillis()))
                    + ", more than half the --timeout of " + budget + " (is it hung, or in a long pause?)" + earlier;
        }
        return "the --timeout of " + budget + " ran out while pid " + t.pid() + " answered " + t.step() + " ("
                + millis(Math.round(t.stepMillis())) + " into it)" + earlier + "; give a longer --timeout";
    }

    /** 600 → "600 ms", 10000 → "10 s", 2500 → "2.5 s". */
    static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
