package xray.analysis;

import java.util.ArrayList;
import java.util.List;
import xray.model.SortOrder;
import xray.model.JvmField;
import xray.model.JvmSeen;
import xray.model.JvmSummary;

/** {@code xray jvm}: the JVMs on the host, with their uptime and real cost. Pure. */
public final class JvmList {
    private JvmList() {
    }

    /**
     * The order of {@code --sort KEY}: sizes, CPU and uptime largest first, pid ascending, names A to
     * Z; {@code reverse} the other way; absent values last; ties by pid.
     */
    public static java.util.Comparator<JvmSummary> order(JvmField key, boolean reverse) {
        java.util.Comparator<JvmSummary> byPid = (a, b) -> Integer.compare(a.pid(), b.pid());
        if (key == JvmField.PID) {
            return reverse ? byPid.reversed() : byPid;
        }
        return key.unit() == xray.model.Unit.TEXT ? SortOrder.texts(s -> (String) key.of(s), reverse, byPid)
                : SortOrder.numbers(s -> key.of(s) instanceof Number n ? n.doubleValue() : null, reverse, byPid);
    }

    /** @param nowMillis the wall clock, for uptime from each JVM's start time */
    public static List<JvmSummary> summaries(List<JvmSeen> seen, long nowMillis) {
        List<JvmSummary> out = new ArrayList<>();
        for (JvmSeen j : seen) {
            Double uptime = j.startMillis() == null ? null : Math.max(0, nowMillis - j.startMillis()) / 1000.0;
            Double cpu = j.cpuNanos() == null ? null : j.cpuNanos() / 1e9;
            // cpuPercent = CPU seconds / seconds up × 100, as ps(1) computes %CPU (100 = one core)
            Double cpuPercent = cpu == null || uptime == null || uptime < 1 ? null : cpu / uptime * 100;
            out.add(new JvmSummary(j.status().pid(), j.nspid(), j.user(), j.status().euid(), j.mainClass(), j.version(),
                    uptime, cpu, cpuPercent, j.status().vmRss(), ProcessModel.realCost(j.status()), j.heapUsed(),
                    j.heapMax(), j.attachable(), j.attachNote(), j.container(), j.perfProblem()));
        }
        return out;
    }
}
