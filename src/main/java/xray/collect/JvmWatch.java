package xray.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import xray.jvm.PerfData;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Passwd;
import xray.model.JvmPerf;
import xray.model.ProcStatus;

/**
 * The JVMs of the host as their hsperfdata files show them, read again frame after frame for
 * {@code xray top}'s JVM view, never attaching. A process is looked at once (is it a JVM, where is
 * its file: {@link JvmProcess#read}); after that only its perf data file is read again, with the
 * same checks (a regular file of the JVM's own user, bounded, every offset checked), and its status.
 */
public final class JvmWatch {
    private final KernelFs fs;
    private final Warnings warnings;
    private final Integer self;
    private final ProcessCollector processes;
    /** What each pid turned out to be: a JVM with its file (or without one yet), or not a JVM. */
    private final Map<Integer, Known> known = new HashMap<>();

    private record Known(boolean jvm, Path perfFile, Integer euid, String mainClass, String user, int looks) {
        static final Known NOT_JVM = new Known(false, null, null, null, null, 1);
    }

    /** A JVM without a perf data file is looked at this often (a JVM just started may not have made it yet). */
    private static final int LOOKS = 3;

    public JvmWatch(KernelFs fs, Warnings warnings) {
        this.fs = fs;
        this.warnings = warnings;
        this.self = ProcessCollector.self(fs);
        this.processes = new ProcessCollector(fs, warnings);
    }

    /** One reading of every JVM with a usable perf data file, by pid. */
    public List<JvmPerf> read() {
        List<Integer> pids;
        try {
            pids = ProcessCollector.pids(fs); // in pid order: so is the reading
        } catch (FileProblem e) {
            warnings.add(e);
            return List.of();
        }
        pids.remove(self);
        known.keySet().retainAll(new HashSet<>(pids));
        PerfIndex index = new PerfIndex(); // per reading: a JVM started since has a new file in its /tmp
        Map<Integer, String> users = null;
        List<JvmPerf> out = new ArrayList<>();
        for (int pid : pids) {
            Known k = known.get(pid);
            if (k == null || (k.jvm() && k.perfFile() == null && k.looks() < LOOKS)) {
                if (users == null) {
                    users = Passwd.read(fs);
                }
                k = look(pid, index, users, k == null ? 1 : k.looks() + 1);
                known.put(pid, k);
            }
            if (!k.jvm() || k.perfFile() == null) {
                continue;
            }
            JvmProcess.PerfRead r = JvmProcess.perfData(fs, k.perfFile(), k.euid());
            PerfData perf = r.perf();
            if (perf == null) {
                if (r.problem() != null) {
                    warnings.add(r.problem());
                }
                continue;
            }
            ProcStatus st = processes.status(pid);
            if (st == null) {
                continue; // exited
            }
            out.add(new JvmPerf(pid, k.mainClass(), k.user(), st.vmRss(), perf.heapUsed(), perf.heapCommitted(),
                    perf.heapMax(), perf.gcTicks(), perf.ticks(), perf.number("sun.os.hrt.frequency"),
                    perf.startMillis()));
        }
        return out;
    }

    private Known look(int pid, PerfIndex index, Map<Integer, String> users, int looks) {
        JvmProcess p;
        try {
            p = JvmProcess.read(fs, pid, index, false, warnings);
        } catch (FileProblem e) {
            return Known.NOT_JVM; // exited, or not ours to read
        }
        if (p == null || !p.isJvm()) {
            return Known.NOT_JVM;
        }
        return new Known(true, p.perf() == null ? null : p.perfFile(), p.status().euid(), p.mainClass(),
                Passwd.name(users, p.status().euid()), looks);
    }
}
