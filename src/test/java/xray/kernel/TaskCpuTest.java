package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    }
}
