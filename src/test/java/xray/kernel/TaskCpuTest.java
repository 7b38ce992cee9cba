package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TaskCpuTest {
    @Test
    void schedstatIsNanoseconds() {
        assertEquals(142723648L, TaskCpu.parseSchedstat("142723648 65222985 402\n"));
        assertEquals(7L, TaskCpu.parseSchedstat("7"));
        assertThrows(Malformed.class, () -> TaskCpu.parseSchedstat(""));
        assertThrows(Malformed.class, () -> TaskCpu.parseSchedstat("x 1 2"));
    }

    @Test
    void statIsTicksAfterTheName() {
        // a thread name with spaces and a parenthesis: fields count from the last ')'
        String stat = "15115 (C2 Compiler) x) S 15114 15115 15115 0 -1 4194560 14366 844539 0 113 4 9 2481 460 20 0 1 0";
        assertEquals((4 + 9) * 10_000_000L, TaskCpu.parseStat(stat));
        assertThrows(Malformed.class, () -> TaskCpu.parseStat("15115 (bash) S 1 2"));
        assertThrows(Malformed.class, () -> TaskCpu.parseStat("no name here"));
        // past 2^63, or so many ticks that nanoseconds would not fit: not a CPU time
        assertThrows(Malformed.class, () -> TaskCpu.parseStat(stat.replace(" 4 9 ", " 18446744073709551615 9 ")));
        assertThrows(Malformed.class, () -> TaskCpu.parseStat(stat.replace(" 4 9 ", " 4 922337203685477580 ")));
        assertThrows(Malformed.class, () -> TaskCpu.parseSchedstat("18446744073709551615 1 2"));
    }

    @Test
    void startIsBootTimePlusStarttimeTicks() {
        String stat = "15115 (a) b) S 15114 15115 15115 0 -1 4194560 14366 844539 0 113 4 9 2481 460 20 0 1 0 12345 "
                + "9000000 300";
        assertEquals(1_700_000_000_000L + 123_450L, TaskCpu.parseProcessStat(stat).startMillis(1_700_000_000_000L));
        assertEquals((4 + 9) * 10_000_000L, TaskCpu.parseProcessStat(stat).cpuNanos());
        // a start that is not there, not a number, or past any time: unknown, and the CPU time still read
        assertNull(TaskCpu.parseProcessStat("15115 (a) S 1 2 3 4 5 6 7 8 9 10 11 12").startTicks());
        assertNull(TaskCpu.parseProcessStat(stat.replace(" 12345 ", " x ")).startTicks());
        assertNull(TaskCpu.parseProcessStat(stat.replace(" 12345 ", " 18446744073709551615 ")).startTicks());
        assertNull(TaskCpu.parseProcessStat(stat.replace(" 12345 ", " 922337203685477580 ")).startMillis(1_700_000_000_000L));
        assertEquals(1_764_000_000_000L, TaskCpu.parseBootMillis("cpu  1 2 3\nintr 5\nctxt 9\nbtime 1764000000\nprocesses 7\n"));
        assertThrows(Malformed.class, () -> TaskCpu.parseBootMillis("cpu  1 2 3\n"));
        assertThrows(Malformed.class, () -> TaskCpu.parseBootMillis("btime -5\n"));
        assertThrows(Malformed.class, () -> TaskCpu.parseBootMillis("btime 18446744073709551615\n"));
    }
}
