package xray.collect;

import xray.kernel.KernelFs;

/**
 * What a capture bundle may hold: the files xray's readers read that are safe to share. A bundle
 * holds the files {@code xray mem} and {@code xray ps} read (recorded as they read them), but only
 * those of the kinds listed here; anything else they read is left out and named in the manifest
 * with the reason. README ("What a bundle contains") lists the same kinds; BundleContentsTest
 * checks that a capture of the test host leaves nothing out for want of a kind here.
 */
public final class BundleContents {
    private BundleContents() {
    }

    /** Host files, by exact path. */
    private static final java.util.Set<String> HOST = java.util.Set.of(
            "/proc/meminfo", "/proc/pressure/memory", "/proc/vmstat", "/proc/self/mountinfo", "/proc/1/mountinfo",
            "/proc/sys/kernel/hostname", "/proc/sys/kernel/osrelease", "/etc/os-release", "/etc/passwd",
            "/sys/devices/system/cpu/online", "/sys/kernel/mm/lru_gen/enabled", "/sys/kernel/mm/ksm/run",
            "/sys/kernel/mm/ksm/pages_sharing");

    /** Per-process files a bundle holds: /proc/PID/NAME. */
    private static final java.util.Set<String> PROCESS = java.util.Set.of("status", "cgroup", "cmdline", "smaps_rollup");

    /** Why a per-process file is left out, for the manifest. */
    private static final java.util.Map<String, String> PROCESS_LEFT_OUT = java.util.Map.of(
            "environ", "environment variables: they may hold secrets",
            "maps", "the memory layout (addresses and mapped file names) is not shared",
            "smaps", "the memory layout (addresses and mapped file names) is not shared",
            "mem", "process memory",
            "auxv", "the memory layout is not shared");

    /**
     * Null when {@code path} (a host path a reader read) belongs in a bundle; otherwise why it is
     * left out.
     */
    public static String leftOut(String path) {
        if (HOST.contains(path)) {
            return null;
        }
        if (path.startsWith("/sys/fs/cgroup/")) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.startsWith("memory.") || name.equals("cgroup.procs") || name.equals("cgroup.stat")
                    || name.equals("cgroup.controllers") ? null : "not a memory cgroup file";
        }
        String[] parts = path.split("/");
        // "", "proc", PID, NAME
        if (parts.length == 4 && parts[1].equals("proc") && KernelFs.isPid(parts[2])) {
            if (PROCESS.contains(parts[3])) {
                return null;
            }
            return PROCESS_LEFT_OUT.getOrDefault(parts[3], "not among the process files a bundle holds");
        }
        if (parts.length >= 3 && parts[1].equals("proc") && KernelFs.isPid(parts[2])) {
            return "inside the process's own files (its root, working directory or tasks): not shared";
        }
        return "not among the files a bundle holds (README: what a bundle contains)";
    }

    /** True for the names a bundle keeps from a listing: the hsperfdata files under /tmp (names only). */
    public static boolean keepsNames(String dir) {
        return dir.equals("/tmp") || dir.startsWith("/tmp/hsperfdata_") && dir.indexOf('/', 5) < 0;
    }
}
