package xray.model;

import java.util.List;

/**
 * An audit that ran out of its --timeout: which step was under way, how long it had run, and the
 * steps before it with their times.
 *
 * @param step       the request or step under way ("Thread.print -l -e", "the sample interval")
 * @param stepMillis how long it had run when the time was up
 * @param before     the steps done before it, in order
 * @param stopped    the process is stopped (SIGSTOP or a debugger)
 */
public record AuditTimeout(int pid, String step, double stepMillis, long budgetMillis, List<JvmReport.CommandRun> before,
                           boolean stopped) {
    public AuditTimeout {
        before = List.copyOf(before);
    }

    /** One request took more than half the budget: only then may the JVM be hung or paused. */
    public boolean stepTookTooLong() {
        return stepMillis > budgetMillis / 2.0;
    }
}
