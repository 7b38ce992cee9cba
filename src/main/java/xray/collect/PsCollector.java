package xray.collect;

import java.util.List;
import java.util.Map;
import xray.kernel.KernelFs;
import xray.kernel.Passwd;
import xray.model.CgroupLayout;
import xray.model.PsSample;

/** Reads what {@code xray ps} shows: the processes that match, and KSM's savings. */
public final class PsCollector {
    private PsCollector() {
    }

    /** A --user that names nobody: not in /etc/passwd and not a number. */
    public static final class UnknownUser extends RuntimeException {
        public UnknownUser(String message) {
            super(message, null, false, false);
        }
    }

    public static PsSample collect(KernelFs fs, PsSample.Options options, Warnings warnings) {
        if (HostCollector.notLinux(fs)) {
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
        CgroupLayout layout = MemCollector.layout(fs, warnings);
        List<xray.model.ProcessSample> processes = new ProcessScan(fs, options, layout, users, warnings).scan();
        Reader r = new Reader(fs, warnings);
        return new PsSample(options, processes, HostCollector.ksm(fs, r, warnings),
                fs.isLive() ? ProcessCollector.ownEuid() : null);
    }
}
