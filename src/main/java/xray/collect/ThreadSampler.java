package xray.collect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.TaskCpu;
import xray.kernel.TaskSyscall;
import xray.model.ThreadCpuSample;
import xray.model.ThreadDumpSample;

/**
 * The threads of a process as /proc shows them, at no cost to it: their ids, CPU time
 * ({@code schedstat}), names ({@code comm}) and stack pointers ({@code syscall}).
 */
final class ThreadSampler {
    /** Threads of the JVM that serve xray's attach requests and its JMX connection, by name. */
    static final String ATTACH_LISTENER = "Attach Listener";
    static final List<String> JMX_THREADS = List.of("RMI TCP ", "RMI Scheduler", "RMI Reaper", "RMI GC Daemon",
            "JMX server connection timeout");

    private final KernelFs fs;
    private final Path tasks;

    ThreadSampler(KernelFs fs, int pid) {
        this.fs = fs;
        this.tasks = fs.path("/proc/" + pid + "/task");
    }

    /** The thread ids of the process now; empty when unreadable (then no thread is taken for xray's own). */
    Set<Integer> tids() {
        Set<Integer> out = new HashSet<>();
        try {
            for (String tid : fs.list(tasks)) {
                out.add(Integer.parseInt(tid));
            }
        } catch (FileProblem | NumberFormatException e) {
            return Set.of();
        }
        return out;
    }

    /** CPU time of every thread, from schedstat (stat where the kernel has none). */
    ThreadCpuSample cpu() {
        Map<Integer, Long> cpu = new HashMap<>();
        for (String tid : fs.list(tasks)) {
            try {
                Optional<String> s = fs.read(tasks.resolve(tid).resolve("schedstat"));
                if (s.isPresent()) {
                    cpu.put(Integer.parseInt(tid), TaskCpu.parseSchedstat(s.get()));
                    continue;
                }
                Optional<String> stat = fs.read(tasks.resolve(tid).resolve("stat"));
                if (stat.isPresent()) {
                    cpu.put(Integer.parseInt(tid), TaskCpu.parseStat(stat.get()));
                }
            } catch (FileProblem | Malformed | NumberFormatException e) {
                // a thread that ended while being read, or an odd entry: leave it out
            }
        }
        return new ThreadCpuSample(System.nanoTime(), cpu);
    }

    /** Names from comm, for threads the dump does not name (JNI-created threads). */
    Map<Integer, String> comms(Set<Integer> tids) {
        Map<Integer, String> out = new HashMap<>();
        for (int tid : tids) {
            try {
                fs.read(tasks.resolve(String.valueOf(tid)).resolve("comm")).ifPresent(c -> out.put(tid, c.strip()));
            } catch (FileProblem e) {
                // gone
            }
        }
        return out;
    }

    /** The stack pointer of every thread blocked in the kernel; a thread on a CPU has none to read. */
    Map<Integer, Long> stackPointers() {
        Map<Integer, Long> out = new HashMap<>();
        for (String tid : fs.list(tasks)) {
            try {
                Optional<String> s = fs.read(tasks.resolve(tid).resolve("syscall"));
                if (s.isEmpty()) {
                    continue;
                }
                Long sp = TaskSyscall.stackPointer(s.get());
                if (sp != null) {
                    out.put(Integer.parseInt(tid), sp);
                }
            } catch (FileProblem | Malformed | NumberFormatException e) {
                // ended, or no ptrace rights over it: its stack is not told apart
            }
        }
        return out;
    }

    /**
     * The threads busy with xray itself: the attach listener (it runs every diagnostic command xray
     * asks for), and RMI and JMX threads born since the audit began (xray's JMX connection).
     */
    static Set<Integer> own(ThreadDumpSample dump, Set<Integer> before) {
        Set<Integer> out = new HashSet<>();
        for (ThreadDumpSample.Thread t : dump.threads()) {
            if (t.name().equals(ATTACH_LISTENER)
                    || !before.contains(t.nid()) && JMX_THREADS.stream().anyMatch(t.name()::startsWith)) {
                out.add(t.nid());
            }
        }
        return out;
    }
}
