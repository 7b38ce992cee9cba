package xray.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xray.jvm.PerfData;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.StatusFile;
import xray.model.JvmPerfCounters;
import xray.model.ProcStatus;

/**
 * The JVMs of the host with their hsperfdata counters, for {@code xray serve}: found and read as
 * {@code xray jvm} finds them (the hsperfdata files of each mount namespace, through
 * {@code /proc/PID/root/tmp}; a file used only when it is a regular file of the JVM's user, every
 * offset checked), but reading nothing else: no maps, no environment, no attach. A JVM never
 * knows it was looked at.
 */
public final class JvmPerfScan {
    private JvmPerfScan() {
    }

    /** What a scan found, and how many processes it did not look at before the deadline. */
    public record Result(List<JvmPerfCounters> jvms, int skipped) {
    }

    /** Every JVM with readable perf data, in pid order, looked for until {@code deadline} (nanoTime). */
    public static Result scan(KernelFs fs, long deadline) {
        List<Integer> pids = ProcessCollector.pids(fs);
        Integer self = ProcessCollector.self(fs);
        PerfIndex index = new PerfIndex();
        List<JvmPerfCounters> out = new ArrayList<>();
        int skipped = 0;
        for (int pid : pids) {
            if (System.nanoTime() - deadline > 0) {
                skipped++;
                continue;
            }
            if (Integer.valueOf(pid).equals(self)) {
                continue;
            }
            try {
                JvmPerfCounters f = read(fs, pid, index);
                if (f != null) {
                    out.add(f);
                }
            } catch (FileProblem | Malformed e) {
                // another user's process, or one gone mid-read: no JVM to export
            }
        }
        return new Result(out, skipped);
    }

    private static JvmPerfCounters read(KernelFs fs, int pid, PerfIndex index) {
        Optional<String> text = fs.read(fs.path("/proc/" + pid), "status");
        if (text.isEmpty()) {
            return null;
        }
        ProcStatus st = StatusFile.parse(pid, text.get());
        if (st.isKernelThread()) {
            return null;
        }
        String mntNs = fs.readLink(fs.path("/proc/" + pid + "/ns/mnt")).orElse(null);
        PerfData perf = JvmProcess.findPerf(fs, pid, st, mntNs, index).perf();
        return perf == null ? null : new JvmPerfCounters(pid, JvmProcess.mainFromPerf(perf), perf.heapUsed(),
                perf.heapCommitted(), perf.sample());
    }
}
