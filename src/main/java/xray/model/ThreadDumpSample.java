package xray.model;

import java.util.List;

/**
 * A thread dump as the JVM printed it ({@code Thread.print -l -e}): every thread with its state,
 * CPU time, allocation, frames and locks, and the deadlocks the JVM found.
 */
public record ThreadDumpSample(List<Thread> threads, List<Deadlock> deadlocks) {
    public ThreadDumpSample {
        threads = List.copyOf(threads);
        deadlocks = List.copyOf(deadlocks);
    }

    /** A lock by its object address and class, as the dump prints it. */
    public record Lock(String address, String className) {
        @Override
        public String toString() {
            return className + "@" + address;
        }
    }

    /**
     * One thread.
     *
     * @param javaId         the Java thread id ({@code #N}), null for VM threads
     * @param nid            the native thread id (the Linux TID)
     * @param state          the {@code java.lang.Thread.State}, null for VM threads
     * @param cpuMillis      CPU time the JVM reports for the thread, or null
     * @param allocatedBytes bytes the thread allocated in its life ({@code -e}, JDK 17+), or null
     * @param blockedOn      the lock this thread waits to enter or parks on, or null
     * @param held           monitors it holds and ownable synchronizers it owns
     */
    public record Thread(String name, Long javaId, Integer nid, boolean daemon, String state, Double cpuMillis,
                         Double elapsedSeconds, Long allocatedBytes, List<String> frames, Lock blockedOn,
                         List<Lock> held) {
        public Thread {
            frames = List.copyOf(frames);
            held = List.copyOf(held);
        }

        public boolean isJava() {
            return javaId != null;
        }
    }

    /** One link of a deadlock cycle: {@code thread} waits for {@code lock}, held by {@code heldBy}. */
    public record Edge(String thread, Lock lock, String heldBy) {
    }

    public record Deadlock(List<Edge> cycle) {
        public Deadlock {
            cycle = List.copyOf(cycle);
        }
    }
}
