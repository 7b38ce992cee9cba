package xray.testing;

/**
 * Small hosts laid out like "/", with numbers chosen so every formula gives a known result.
 * File contents follow the kernel's own formats (key order, units, trailing newlines).
 */
public final class HostFixtures {
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final String CONTAINER_ID = "1c8fa019edd4b9d4b2856f4932c55929c5c118c808ed5faee9a135ca6e84b039";

    private HostFixtures() {
    }

    public static String meminfo() {
        return """
                MemTotal:        8146024 kB
                MemFree:          812352 kB
                MemAvailable:    5968172 kB
                Buffers:           62340 kB
                Cached:          5002608 kB
                SwapCached:            0 kB
                Active:          2412212 kB
                Inactive:        4081136 kB
                Active(anon):    1300888 kB
                Inactive(anon):        0 kB
                Active(file):    1111324 kB
                Inactive(file):  4081136 kB
                SwapTotal:       2097148 kB
                SwapFree:        2097148 kB
                AnonPages:       1390012 kB
                Mapped:           215520 kB
                Shmem:             70104 kB
                KReclaimable:     180412 kB
                Slab:             240020 kB
                SReclaimable:     180412 kB
                SUnreclaim:        59608 kB
                KernelStack:        8464 kB
                PageTables:        14420 kB
                SecPageTables:         0 kB
                Percpu:             2432 kB
                """;
    }

    /**
     * A hybrid host (v1 memory controller, cgroup2 at /sys/fs/cgroup/unified): froth.service
     * (charged 4.3 GiB, real cost 1.1 GiB), db.service (shmem, a 1 GiB limit, OOM kills, pressure),
     * two tiny services, a docker container and a user session.
     */
    public static Tree hybrid(Tree t) {
        t.file("/proc/meminfo", meminfo())
                .file("/proc/pressure/memory", "some avg10=0.31 avg60=0.12 avg300=0.02 total=1848265\n"
                        + "full avg10=0.00 avg60=0.00 avg300=0.00 total=211334\n")
                .file("/proc/sys/kernel/hostname", "fixture-host\n")
                .file("/proc/sys/kernel/osrelease", "6.1.0-test-amd64\n")
                .file("/sys/devices/system/cpu/online", "0-3\n")
                .file("/proc/self/mountinfo",
                        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
                        + "25 22 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw\n"
                        + "26 25 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:3 - tmpfs tmpfs ro,mode=755\n"
                        + "27 26 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
                        + "28 26 0:24 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:5 - cgroup cgroup rw,xattr,name=systemd\n"
                        + "35 26 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,memory\n");
        String m = "/sys/fs/cgroup/memory";
        v1(t, m, 3 * GIB + 700 * MIB, 9 * GIB, -1, 1400 * MIB, 4700 * MIB, 68 * MIB, 1085 * MIB, 3900 * MIB, 180 * MIB,
                0, "1\n2\n");
        v1(t, m + "/system.slice", 5400 * MIB, 10 * GIB, -1, 1780 * MIB, 3500 * MIB, 64 * MIB, 560 * MIB, 2940 * MIB,
                140 * MIB, 2, "");
        v1(t, m + "/system.slice/froth.service", 4403 * MIB, 9626 * MIB, -1, 1126 * MIB, 3265 * MIB, 0, 500 * MIB,
                2765 * MIB, 12 * MIB, 0, "100\n101\n");
        v1(t, m + "/system.slice/db.service", 1000 * MIB, 1024 * MIB, 1024 * MIB, 650 * MIB, 220 * MIB, 64 * MIB,
                60 * MIB, 96 * MIB, 128 * MIB, 2, "200\n");
        v1(t, m + "/system.slice/tiny-a.service", 3 * MIB, 5 * MIB, -1, 2 * MIB, MIB, 0, MIB / 2, MIB / 2, 64 * 1024, 0,
                "");
        v1(t, m + "/system.slice/tiny-b.service", 2 * MIB, 2 * MIB, -1, MIB, MIB, 0, MIB / 2, MIB / 2, 32 * 1024, 0, "");
        v1(t, m + "/docker", 210 * MIB, 300 * MIB, -1, 150 * MIB, 55 * MIB, 4 * MIB, 20 * MIB, 31 * MIB, 5 * MIB, 0, "");
        v1(t, m + "/docker/" + CONTAINER_ID, 210 * MIB, 300 * MIB, 512 * MIB, 150 * MIB, 55 * MIB, 4 * MIB, 20 * MIB,
                31 * MIB, 5 * MIB, 0, "300\n");
        v1(t, m + "/user.slice", 64 * MIB, 90 * MIB, -1, 40 * MIB, 20 * MIB, 2 * MIB, 10 * MIB, 8 * MIB, 4 * MIB, 0, "");
        v1(t, m + "/user.slice/user-1000.slice", 64 * MIB, 90 * MIB, -1, 40 * MIB, 20 * MIB, 2 * MIB, 10 * MIB, 8 * MIB,
                4 * MIB, 0, "");
        v1(t, m + "/user.slice/user-1000.slice/session-4.scope", 64 * MIB, 90 * MIB, -1, 40 * MIB, 20 * MIB, 2 * MIB,
                10 * MIB, 8 * MIB, 4 * MIB, 0, "400\n");
        String u = "/sys/fs/cgroup/unified";
        t.file(u + "/cgroup.controllers", "")
                .file(u + "/memory.pressure", "some avg10=0.31 avg60=0.12 avg300=0.02 total=1848265\n"
                        + "full avg10=0.00 avg60=0.00 avg300=0.00 total=211334\n")
                .file(u + "/system.slice/froth.service/memory.pressure",
                        "some avg10=0.00 avg60=0.00 avg300=0.00 total=1204\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=1021\n")
                .file(u + "/system.slice/db.service/memory.pressure",
                        "some avg10=12.50 avg60=8.02 avg300=2.17 total=9138120\nfull avg10=6.10 avg60=3.90 avg300=1.01 total=4311097\n");
        status(t, 100, "froth", 900 * MIB, 40 * MIB, 0, 0);
        status(t, 101, "froth-worker", 220 * MIB, 12 * MIB, 0, 0);
        status(t, 200, "postgres", 640 * MIB, 30 * MIB, 64 * MIB, 8 * MIB);
        status(t, 300, "nginx", 150 * MIB, 9 * MIB, 4 * MIB, 0);
        status(t, 400, "bash", 5 * MIB, 3 * MIB, 0, 0);
        return t;
    }

    /** One v1 memory cgroup directory; limit −1 means unlimited. */
    public static void v1(Tree t, String dir, long usage, long maxUsage, long limit, long rss, long cache, long shmem,
                   long activeFile, long inactiveFile, long kmem, long oomKills, String procs) {
        long unlimited = 9223372036854771712L;
        t.file(dir + "/memory.usage_in_bytes", usage + "\n")
                .file(dir + "/memory.max_usage_in_bytes", maxUsage + "\n")
                .file(dir + "/memory.limit_in_bytes", (limit < 0 ? unlimited : limit) + "\n")
                .file(dir + "/memory.soft_limit_in_bytes", unlimited + "\n")
                .file(dir + "/memory.kmem.usage_in_bytes", kmem + "\n")
                .file(dir + "/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill " + oomKills + "\n")
                .file(dir + "/cgroup.procs", procs)
                .file(dir + "/memory.stat", "cache " + cache + "\nrss " + rss + "\nrss_huge 0\nshmem " + shmem
                        + "\nmapped_file 0\ndirty 0\nwriteback 0\nswap 0\npgpgin 0\npgpgout 0\npgfault 0\npgmajfault 0\n"
                        + "inactive_anon 0\nactive_anon " + rss + "\ninactive_file " + inactiveFile + "\nactive_file "
                        + activeFile + "\nunevictable 0\nhierarchical_memory_limit " + (limit < 0 ? unlimited : limit)
                        + "\nhierarchical_memsw_limit " + unlimited + "\ntotal_cache " + cache + "\ntotal_rss " + rss
                        + "\ntotal_rss_huge 0\ntotal_shmem " + shmem + "\ntotal_mapped_file 0\ntotal_dirty 0\n"
                        + "total_writeback 0\ntotal_swap 0\ntotal_pgpgin 0\ntotal_pgpgout 0\ntotal_pgfault 0\n"
                        + "total_pgmajfault 0\ntotal_inactive_anon 0\ntotal_active_anon " + rss + "\ntotal_inactive_file "
                        + inactiveFile + "\ntotal_active_file " + activeFile + "\ntotal_unevictable 0\n");
    }

    static void status(Tree t, int pid, String name, long rssAnon, long rssFile, long rssShmem, long swap) {
        long k = 1024;
        t.file("/proc/" + pid + "/cmdline", name + "\0");
        t.file("/proc/" + pid + "/cgroup", "4:memory:/\n0::/\n");
        t.file("/proc/" + pid + "/status", "Name:\t" + name + "\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t" + pid
                + "\nNgid:\t0\nPid:\t" + pid + "\nPPid:\t1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t" + pid
                + "\nVmRSS:\t" + (rssAnon + rssFile + rssShmem) / k + " kB\nRssAnon:\t" + rssAnon / k + " kB\nRssFile:\t"
                + rssFile / k + " kB\nRssShmem:\t" + rssShmem / k + " kB\nVmPTE:\t120 kB\nVmSwap:\t" + swap / k
                + " kB\nThreads:\t4\nSigCgt:\t0000000000004a02\n");
    }
}
