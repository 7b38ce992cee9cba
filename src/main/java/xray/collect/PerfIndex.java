package xray.collect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;

/**
 * The hsperfdata files of each mount namespace: {@code /tmp/hsperfdata_<user>/<pid>} as the JVMs
 * inside see it, reached through {@code /proc/PID/root/tmp} (so JVMs in containers are found too).
 * Each namespace's /tmp is listed once, however many processes share it.
 */
final class PerfIndex {
    private final Map<String, Map<Integer, Path>> byRoot = new HashMap<>();

    /** The hsperfdata file of the process, by its pid inside its own namespace, or null. */
    Path find(KernelFs fs, int pid, String mntNs, int nspid) {
        String root = rootLink(fs, pid);
        String key = mntNs == null || root == null ? "pid " + pid : mntNs + " " + root;
        return byRoot.computeIfAbsent(key, k -> scan(fs, pid)).get(nspid);
    }

    private static String rootLink(KernelFs fs, int pid) {
        try {
            return fs.readLink(fs.path("/proc/" + pid + "/root")).orElse(null);
        } catch (FileProblem e) {
            return null;
        }
    }

    private static Map<Integer, Path> scan(KernelFs fs, int pid) {
        return list(fs, fs.path("/proc/" + pid + "/root/tmp"));
    }

    /** The hsperfdata files under one /tmp by pid; directories xray may not read are passed over. */
    static Map<Integer, Path> list(KernelFs fs, Path tmp) {
        Map<Integer, Path> out = new HashMap<>();
        try {
            for (String dir : fs.list(tmp)) {
                if (!dir.startsWith("hsperfdata_")) {
                    continue;
                }
                Path d = tmp.resolve(dir);
                try {
                    for (String f : fs.list(d)) {
                        if (!f.isEmpty() && f.chars().allMatch(Character::isDigit) && f.length() < 10) {
                            out.put(Integer.parseInt(f), d.resolve(f));
                        }
                    }
                } catch (FileProblem e) {
                    // another user's hsperfdata directory (mode 700)
                }
            }
        } catch (FileProblem e) {
            // another user's process: its root is not ours to look into
        }
        return out;
    }

    /** True when a maps file shows HotSpot's libjvm.so. */
    static boolean mapsHotSpot(String maps) {
        return maps.contains("/libjvm.so");
    }
}
