package xray.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TaskSyscallTest {
    @Test
    void theStackPointerOfABlockedThread() {
        assertEquals(0x7f09a0afe940L, TaskSyscall.stackPointer("202 0x7f09a0afe990 0x80 0x0 0x0 0x0 0x0 0x7f09a0afe940 0x7f09a3b3c0b4\n"));
        assertEquals(0x7ffd39ba3de0L, TaskSyscall.stackPointer("-1 0x7ffd39ba3de0 0x7f09a3b3c0b4\n"));
        assertNull(TaskSyscall.stackPointer("running\n"));
    }

    @Test
    void somethingElseIsMalformed() {
        assertThrows(Malformed.class, () -> TaskSyscall.stackPointer(""));
        assertThrows(Malformed.class, () -> TaskSyscall.stackPointer("202 0x1 0x2"));
        assertThrows(Malformed.class, () -> TaskSyscall.stackPointer("-1 0xzz 0x1"));
    }
}
