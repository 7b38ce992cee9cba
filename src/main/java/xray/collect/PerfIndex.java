package xray.collect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Lstat;

/**
 * The hsperfdata files of each mount namespace: {@code /tmp/hsperfdata_<user>/<pid>} as the JVMs
 * inside see it, reached through {@code /proc/PID/root/tmp} (so JVMs in containers are found too).
 * Each namespace's /tmp is listed once, however many processes share it. Any user can make a
 * {@code hsperfdata_<name>} directory there, so one pid may have several files (the reader keeps
 * the one of the JVM's own user), and directories that are links are passed over.
 */
final class PerfIndex {
    private final Map<String, Map<Integer, List<Path>>> byRoot = new HashMap<>();

    /**
     * The hsperfdata files named after the process's pid inside its own namespace (usually one), or
     * none, as seen through the process's own root ({@code /proc/PID/root/tmp/hsperfdata_USER/NSPID}).
     */
    List<Path> find(KernelFs fs, int pid, String mntNs, int nspid) {
        String root = rootLink(fs, pid);
        String key = mntNs == null || root == null ? "pid " + pid : mntNs + " " + root;
        Path tmp = fs.path("/proc/" + pid + "/root/tmp");
        List<Path> out = new ArrayList<>();
        for (Path p : byRoot.computeIfAbsent(key, k -> relative(fs, pid)).getOrDefault(nspid, List.of())) {
            out.add(tmp.resolve(p.toString()));
        }
        return out;
    }

    /** The files of the process's /tmp, relative to it ("hsperfdata_app/1"): shared by its namespace. */
    private static Map<Integer, List<Path>> relative(KernelFs fs, int pid) {
        Path tmp = fs.path("/proc/" + pid + "/root/tmp");
        Map<Integer, List<Path>> out = new HashMap<>();
        list(fs, tmp).forEach((nspid, files) -> out.put(nspid, files.stream().map(tmp::relativize).toList()));
        return out;
    }

    private static String rootLink(KernelFs fs, int pid) {
        try {
            return fs.readLink(fs.path("/proc/" + pid + "/root")).orElse(null);
        } catch (FileProblem e) {
            return null;
        }
    }

    /** The hsperfdata files under one /tmp by pid; directories xray may not read, or that are links, are passed over. */
    static Map<Integer, List<Path>> list(KernelFs fs, Path tmp) {
        Map<Integer, List<Path>> out = new HashMap<>();
        try {
            for (String dir : fs.list(tmp, name -> name.startsWith("hsperfdata_"))) {
                Path d = tmp.resolve(dir);
                try {
                    if (Lstat.of(d).filter(st -> st.kind() == Lstat.Kind.DIRECTORY).isEmpty()) {
                        continue; // a link (to anywhere) or a file: not what a JVM makes
                    }
                    for (String f : fs.list(d, KernelFs::isPid)) {
                        out.computeIfAbsent(Integer.parseInt(f), k -> new ArrayList<>()).add(d.resolve(f));
                    }
                } catch (FileProblem | IOException e) {
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
