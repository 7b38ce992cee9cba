package xray.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xray.analysis.ProcessModel;
import xray.kernel.CgroupLayout;
import xray.kernel.KernelFs;
import xray.kernel.Passwd;
import xray.kernel.StatusFile;
import xray.model.Bytes;
import xray.model.ProcStatus;
import xray.model.PsProcess;
import xray.model.PssRead;

/**
 * Everything {@code xray ps} shows: the processes that match, and KSM's savings.
 *
 * @param processes every matching process, in pid order
 * @param ksm       bytes KSM saves, or null when it is off or absent
 * @param asRoot    true when xray itself runs as root on the live host
 * @param selfUser  the user xray runs as on the live host, else null (xray leaves its own process out)
 */
public record PsReport(Options options, List<PsProcess> processes, Long ksm, boolean asRoot, String selfUser) {

    /**
     * What to read.
     *
     * @param pss           read smaps_rollup (PSS, USS): walks each process's page tables
     * @param pssMaxRss     processes with a larger VmRSS are not walked
     * @param kernelThreads include kernel threads (and zombies): they have no memory of their own
     * @param user          only this user's processes (a name or a uid), or null
     * @param cgroup        only processes in this cgroup or below (a path), or null
     */
    public record Options(boolean pss, long pssMaxRss, boolean kernelThreads, String user, String cgroup) {
    }

    /** A --user that names nobody: not in /etc/passwd and not a number. */
    public static final class UnknownUser extends RuntimeException {
        public UnknownUser(String message) {
            super(message, null, false, false);
        }
    }

    public PsReport {
        processes = List.copyOf(processes);
    }

    public static PsReport collect(KernelFs fs, Options options, Warnings warnings) {
        if (fs.isLive() && !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new HostCollector.Unreadable("xray ps reads /proc: Linux only");
        }
        if (!fs.exists(fs.path("/proc/self")) && !fs.exists(fs.path("/proc/1"))) {
            throw new HostCollector.Unreadable(fs.path("/proc") + ": no processes; is " + fs + " a Linux root?");
        }
        Map<Integer, String> users = Passwd.read(fs);
        String user = options.user();
        if (user != null && !user.chars().allMatch(Character::isDigit) && !users.containsValue(user)) {
            throw new UnknownUser("no user '" + user + "' in " + fs.path("/etc/passwd"));
        }
        List<String> problems = new ArrayList<>();
        CgroupLayout layout = CgroupLayout.read(fs, problems);
        problems.forEach(warnings::add);
        List<PsProcess> processes = new ProcessScan(fs, options, layout, users, warnings).scan();
        Reader r = new Reader(fs, warnings);
        ProcStatus self = fs.isLive() ? r.read(fs.path("/proc/self/status"), t -> StatusFile.parse(0, t)) : null;
        return new PsReport(options, processes, HostCollector.ksm(fs, r, warnings),
                self != null && Integer.valueOf(0).equals(self.euid()), self == null ? null : Passwd.name(users, self.euid()));
    }

    /** How many processes' smaps_rollup could not be read for want of permission. */
    public int pssDenied() {
        return having(PssRead.DENIED).size();
    }

    private List<PsProcess> having(PssRead state) {
        return processes.stream().filter(p -> p.sample().pssRead() == state).toList();
    }

    private static String count(List<PsProcess> ps) {
        return ps.size() + (ps.size() == 1 ? " process" : " processes");
    }

    /** "pid 1" or "pids 12, 13, ..." (the first eight). */
    private static String pids(List<PsProcess> ps) {
        StringBuilder b = new StringBuilder(ps.size() == 1 ? "pid " : "pids ");
        for (int i = 0; i < Math.min(8, ps.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(ps.get(i).pid());
        }
        return b.append(ps.size() > 8 ? ", ..." : "").toString();
    }

    /**
     * One line for each thing that limits what the report shows (never one per process): PSS
     * that needs root, processes too big to walk, a kernel whose rollup cannot split PSS.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        List<PsProcess> denied = having(PssRead.DENIED);
        if (!denied.isEmpty() && asRoot) {
            // Root is refused too when the process holds capabilities xray's own process lacks.
            notes.add(count(denied) + (denied.size() == 1 ? " keeps its" : " keep their")
                    + " PSS even from root (holding capabilities xray lacks): " + pids(denied) + "; "
                    + (denied.size() == 1 ? "its" : "their") + " real cost is counted from RSS");
        } else if (!denied.isEmpty()) {
            notes.add(count(denied) + (denied.size() == 1 ? " needs root for PSS: its" : " need root for PSS: their")
                    + " real cost is counted from RSS");
        }
        List<PsProcess> big = having(PssRead.TOO_BIG);
        if (!big.isEmpty()) {
            notes.add(count(big) + " above --pss-max-rss " + Bytes.human(options.pssMaxRss())
                    + " not walked for PSS (walking could stall " + (big.size() == 1 ? "it" : "them") + "): "
                    + pids(big));
        }
        if (!having(PssRead.NO_ROLLUP).isEmpty()) {
            notes.add("no /proc/PID/smaps_rollup (it came in Linux 4.14)" + (having(PssRead.READ).isEmpty() ? ""
                    : " for " + count(having(PssRead.NO_ROLLUP))) + ": real cost is counted from RSS");
        }
        if (processes.stream().anyMatch(p -> ProcessModel.pssUnsplit(p.sample()))) {
            notes.add("this kernel's smaps_rollup has no Pss_Anon or Pss_Shmem (they came in Linux 5.7): "
                    + "real cost is counted from RSS");
        }
        return notes;
    }
}
