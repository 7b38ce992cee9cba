package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import xray.model.ProcStatus;

class StatusFileTest {
    @Test
    void threadGroupAndStateComeWithTheRest() {
        ProcStatus st = StatusFile.parse(4243, "Name:\tjava\nState:\tT (stopped)\nTgid:\t4242\nPid:\t4243\n"
                + "Uid:\t1000\t1000\t1000\t1000\nNSpid:\t4243\t7\nVmRSS:\t2048 kB\nThreads:\t31\n");
        assertEquals(4242, st.tgid(), "a thread: its process is the thread group");
        assertEquals("T", st.state());
        assertEquals(2048L * 1024, st.vmRss());
        assertEquals(7, st.innermostPid());
        ProcStatus old = StatusFile.parse(12, "Name:\tkworker\nPid:\t12\n");
        assertEquals(12, old.tgid(), "no Tgid line: the pid itself");
        assertNull(old.state());
        assertNull(old.vmRss(), "absent, not 0");
    }
}
