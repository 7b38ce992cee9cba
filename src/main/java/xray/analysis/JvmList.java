package xray.analysis;

import java.util.ArrayList;
import java.util.List;
import xray.model.JvmSeen;
import xray.model.JvmSummary;

/** {@code xray jvm}: the JVMs on the host, with their uptime and real cost. Pure. */
public final class JvmList {
    private JvmList() {
    }

    /** @param nowMillis the wall clock, for uptime from each JVM's start time */
    public static List<JvmSummary> summaries(List<JvmSeen> seen, long nowMillis) {
        List<JvmSummary> out = new ArrayList<>();
        for (JvmSeen j : seen) {
            Double uptime = j.startMillis() == null ? null : Math.max(0, nowMillis - j.startMillis()) / 1000.0;
            out.add(new JvmSummary(j.status().pid(), j.nspid(), j.user(), j.status().euid(), j.mainClass(), j.version(),
                    uptime, j.status().vmRss(), ProcessModel.realCost(j.status()), j.heapMax(), j.attachable(),
                    j.attachNote(), j.container(), j.perfProblem()));
        }
        return out;
    }
}
