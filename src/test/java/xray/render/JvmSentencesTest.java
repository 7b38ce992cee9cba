package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.AuditTimeout;
import xray.model.JvmReport.CommandRun;

/** The account of a timeout: the step, what came before, and "hung" only for a step over half the budget. */
class JvmSentencesTest {
    static final List<CommandRun> BEFORE = List.of(new CommandRun("VM.flags", 40.2), new CommandRun("VM.info", 310.7),
            new CommandRun("the sample interval", 200.0));

    @Test
    void aBudgetThatRanOutIsNotAHungJvm() {
        assertEquals("the --timeout of 600 ms ran out while pid 7 answered Thread.print -l -e (12 ms into it); before it: "
                + "VM.flags 40 ms, VM.info 311 ms, the sample interval 200 ms; give a longer --timeout",
                JvmSentences.timeout(new AuditTimeout(7, "Thread.print -l -e", 12.4, 600, BEFORE, false)));
    }

    @Test
    void oneStepOverHalfTheBudgetMayBeAHungJvm() {
        assertEquals("pid 7 did not answer GC.class_histogram -all within 5.2 s, more than half the --timeout of 10 s "
                + "(is it hung, or in a long pause?); before it: VM.flags 40 ms, VM.info 311 ms, the sample interval 200 ms",
                JvmSentences.timeout(new AuditTimeout(7, "GC.class_histogram -all", 5200, 10_000, BEFORE, false)));
    }

    @Test
    void aStoppedJvmIsSaidToBeStopped() {
        assertEquals("pid 7 did not answer VM.flags within 2 s: it is stopped (SIGSTOP or a debugger); continue it with "
                + "kill -CONT 7", JvmSentences.timeout(new AuditTimeout(7, "VM.flags", 2000, 2000, List.of(), true)));
    }

    @Test
    void theIntervalThatNoLongerFits() {
        assertEquals("the --interval no longer fit in the --timeout of 1 s; before it: VM.flags 40 ms, VM.info 311 ms, "
                + "the sample interval 200 ms; give a longer --timeout or a shorter --interval",
                JvmSentences.timeout(new AuditTimeout(7, "the sample interval", 0, 1000, BEFORE, false)));
    }
}
