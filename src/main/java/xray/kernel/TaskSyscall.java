package xray.kernel;

/**
 * {@code /proc/PID/task/TID/syscall}: the system call a thread is blocked in, its arguments, and
 * its stack and instruction pointers; {@code running} when it is on a CPU.
 * <pre>
 * 202 0x7f09a0afe990 0x80 0x0 0x0 0x0 0x0 0x7f09a0afe940 0x7f09a3b3c0b4
 * -1 0x7f09a0afe940 0x7f09a3b3c0b4
 * running
 * </pre>
 * Readable with ptrace rights over the process (root, or its user without Yama restrictions).
 */
public final class TaskSyscall {
    private TaskSyscall() {
    }

    /** The thread's stack pointer, or null when it is running (the kernel says nothing then). */
    public static Long stackPointer(String text) {
        String t = text.strip();
        if (t.equals("running")) {
            return null;
        }
        String[] f = t.split("\\s+");
        if (!(f.length == 9 || f.length == 3 && f[0].equals("-1")) || !f[f.length - 2].startsWith("0x")) {
            throw new Malformed("'" + Keyed.clip(t) + "' is not a system call line");
        }
        try {
            return Long.parseUnsignedLong(f[f.length - 2].substring(2), 16);
        } catch (NumberFormatException e) {
            throw new Malformed("'" + Keyed.clip(t) + "' has no stack pointer");
        }
    }
}
