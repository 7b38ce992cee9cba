package xray.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Passwd;
import xray.kernel.TaskCpu;
import xray.model.JvmSeen;

/**
 * {@code xray jvm}: the JVMs on this host, containers included, found from /proc and the
 * hsperfdata files under each process's {@code /proc/PID/root/tmp}, without attaching to any.
 */
public final class JvmScanner {
    private JvmScanner() {
    }

    public static List<JvmSeen> scan(KernelFs fs, int myEuid, Warnings warnings) {
        String myMnt = null;
        try {
            myMnt = fs.isLive() ? fs.readLink(fs.path("/proc/self/ns/mnt")).orElse(null) : null;
        } catch (FileProblem e) {
            // unknown: no process is marked as in a container
        }
        Map<Integer, String> users = Passwd.read(fs);
        PerfIndex perfIndex = new PerfIndex();
        Integer self = ProcessCollector.self(fs);
        Reader reader = new Reader(fs, warnings);
        List<JvmSeen> out = new ArrayList<>();
        Long boot = null; // read when a JVM without perf data needs it
        boolean bootRead = false;
        for (int pid : ProcessCollector.pids(fs)) {
            if (Integer.valueOf(pid).equals(self)) {
                continue; // xray itself
            }
            JvmProcess p;
            try {
                p = JvmProcess.read(fs, pid, perfIndex, false, warnings);
            } catch (FileProblem e) {
                continue; // exited or not ours to read
            }
            if (p == null || !p.isJvm()) {
                continue;
            }
            String why = JvmAccess.whyNot(p, myEuid);
            TaskCpu.Stat stat = reader.read(fs.path("/proc/" + pid + "/stat"), TaskCpu::parseProcessStat);
            Long start = p.perf() == null ? null : p.perf().startMillis();
            if (start == null && stat != null) { // no perf data (-XX:-UsePerfData, or unreadable): the kernel's start
                if (!bootRead) {
                    boot = reader.read(fs.path("/proc/stat"), TaskCpu::parseBootMillis);
                    bootRead = true;
                }
                start = boot == null ? null : stat.startMillis(boot);
            }
            Long cpu = stat == null ? null : stat.cpuNanos();
            out.add(new JvmSeen(p.status(), p.nspid(), Passwd.name(users, p.status().euid()), p.mainClass(),
                    p.perf() == null ? null : p.perf().string("java.property.java.vm.version"),
                    start, cpu, p.perf() == null ? null : p.perf().heapUsed(),
                    p.perf() == null ? null : p.perf().heapMax(),
                    why == null, why != null ? why : p.fs().exists(p.socket()) ? "listening" : "on first attach",
                    myMnt != null && p.mntNs() != null && !myMnt.equals(p.mntNs()), p.perfProblem()));
        }
        return out; // in pid order, as ProcessCollector.pids lists them
    }
}
