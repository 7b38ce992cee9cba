package xray.testing;

/**
 * A small host for {@code xray ps}, written into a {@link Tree} (in jimfs, or on disk for
 * {@code --root}). Hybrid cgroups (v1 memory, cgroup2 at /sys/fs/cgroup/unified), KSM
 * saving 1 MiB, and these processes (sizes in MiB):
 * <pre>
 *  pid  user  cgroup (memory)                    program   anon file shmem swap  PSS      notes
 *    1  root  /init.scope                        init         4    6     0    0  rollup
 *    2  root  /                                  kthreadd     -    -     -    -  -        kernel thread
 *  100  app   /system.slice/app.service          java       300   40     0   10  rollup   JVM (libjvm.so in maps)
 *  101  app   /system.slice/app.service          java       200   40    64    0  rollup   JVM (hsperfdata)
 *  102  999   /system.slice/postgresql.service   postgres    10    5    64    0  rollup   uid not in passwd
 *  103  -     -                                  -                                        gone before status
 *  104  app   -                                  -                                        gone before cgroup
 *  105  root  /system.slice/cron.service         cron         1    2     0    0  (gone)   gone before smaps_rollup
 *  106  root  /                                  defunct      -    -     -    -  -        zombie
 * </pre>
 * 101 and 102 map one 64 MiB tmpfs file (PSS splits it: 32 MiB each); the two JVMs share 40 MiB
 * of libraries (20 MiB PSS each).
 */
public final class PsFixtures {
    private PsFixtures() {
    }

    public static Tree write(Tree root) {
        root.file("/proc/self/mountinfo", """
                24 1 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
                30 24 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
                31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
                35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,memory
                """);
        root.file("/proc/meminfo", "MemTotal:       16000000 kB\nMemFree:         8000000 kB\n"
                + "MemAvailable:   12000000 kB\nBuffers:          100000 kB\nCached:          2000000 kB\n"
                + "AnonPages:       3000000 kB\nShmem:            131072 kB\n");
        for (String cg : new String[] {"", "/init.scope", "/system.slice", "/system.slice/app.service",
            "/system.slice/postgresql.service", "/system.slice/cron.service"}) {
            root.file("/sys/fs/cgroup/memory" + cg + "/memory.usage_in_bytes", "1048576\n");
            root.file("/sys/fs/cgroup/unified" + cg + "/cgroup.procs", "");
        }
        root.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        root.file("/sys/kernel/mm/ksm/run", "1\n");
        root.file("/sys/kernel/mm/ksm/pages_sharing", "256\n");

        process(root, 1, "systemd", 0, 1, "/sbin/init\0splash\0", "/init.scope", "/init.scope", 4, 6, 0, 0);
        rollup(root, 1, 10, 5, 4, 1, 0, 0, 4, 0);
        root.file("/proc/2/status", "Name:\tkthreadd\nState:\tS (sleeping)\nPPid:\t0\nUid:\t0\t0\t0\t0\nThreads:\t1\n");
        root.file("/proc/2/cgroup", "12:memory:/\n0::/\n");
        root.file("/proc/2/cmdline", "");
        root.file("/proc/2/smaps_rollup", "");

        process(root, 100, "java", 1000, 20, "/usr/lib/jvm/java-17/bin/java\0-Xmx512m\0-jar\0/opt/app/app.jar\0"
                + "--password=hunter2-and-a-long-tail-of-arguments\0", "/system.slice/app.service",
                "/system.slice/app.service", 300, 40, 0, 10);
        rollup(root, 100, 340, 320, 300, 20, 0, 5, 300, 10);
        root.file("/proc/100/maps", "7f0000000000-7f0000100000 r-xp 00000000 08:01 1234 "
                + "/usr/lib/jvm/java-17/lib/server/libjvm.so\n");
        process(root, 101, "java", 1000, 30, "java\0-cp\0.\0Main\0", "/system.slice/app.service",
                "/system.slice/app.service", 200, 40, 64, 0);
        rollup(root, 101, 304, 252, 200, 20, 32, 0, 200, 0);
        root.file("/tmp/hsperfdata_app/101", "");
        // The v1 memory path is the one that counts on a hybrid host (the unified one differs here on purpose).
        process(root, 102, "postgres", 999, 1, "postgres: checkpointer \0\0\0", "/system.slice/postgresql.service",
                "/", 10, 5, 64, 0);
        rollup(root, 102, 79, 45, 10, 3, 32, 1, 10, 0);
        root.file("/proc/103/oom_score", "0\n");
        root.file("/proc/104/status", status("sh", 1000, 1, 1, 1, 0, 0));
        process(root, 105, "cron", 0, 1, "/usr/sbin/cron\0-f\0", "/system.slice/cron.service",
                "/system.slice/cron.service", 1, 2, 0, 0);
        // Exiting while read: its memory already released, the rollup prints nothing (a missing rollup would
        // instead say the kernel has none).
        root.file("/proc/105/smaps_rollup", "");
        root.file("/proc/106/status", "Name:\tdefunct\nState:\tZ (zombie)\nPPid:\t1\nUid:\t0\t0\t0\t0\nThreads:\t1\n");
        root.file("/proc/106/cgroup", "12:memory:/\n0::/\n");
        root.file("/proc/106/cmdline", "");
        return root;
    }

    public static void process(Tree root, int pid, String name, int uid, int threads, String cmdline,
                               String memoryCgroup, String unifiedCgroup, long anonMib, long fileMib, long shmemMib,
                               long swapMib) {
        root.file("/proc/" + pid + "/status", status(name, uid, threads, anonMib, fileMib, shmemMib, swapMib));
        root.file("/proc/" + pid + "/cgroup", "12:memory:" + memoryCgroup + "\n1:name=systemd:" + unifiedCgroup
                + "\n0::" + unifiedCgroup + "\n");
        root.file("/proc/" + pid + "/cmdline", cmdline);
    }

    static String status(String name, int uid, int threads, long anonMib, long fileMib, long shmemMib, long swapMib) {
        long k = 1024;
        return "Name:\t" + name + "\nState:\tS (sleeping)\nPPid:\t1\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t"
                + uid + "\nThreads:\t" + threads + "\nVmRSS:\t" + (anonMib + fileMib + shmemMib) * k + " kB\nRssAnon:\t"
                + anonMib * k + " kB\nRssFile:\t" + fileMib * k + " kB\nRssShmem:\t" + shmemMib * k + " kB\nVmSwap:\t"
                + swapMib * k + " kB\n";
    }

    /** A modern (5.7+) smaps_rollup, sizes in MiB. */
    public static void rollup(Tree root, int pid, long rss, long pss, long pssAnon, long pssFile, long pssShmem,
                              long privateClean, long privateDirty, long swapPss) {
        long k = 1024;
        root.file("/proc/" + pid + "/smaps_rollup",
                "55b22b5a8000-7fff60755000 ---p 00000000 00:00 0                          [rollup]\n"
                + "Rss:      " + rss * k + " kB\nPss:      " + pss * k + " kB\nPss_Dirty:  0 kB\nPss_Anon:  "
                + pssAnon * k + " kB\nPss_File:   " + pssFile * k + " kB\nPss_Shmem:  " + pssShmem * k
                + " kB\nShared_Clean:   0 kB\nShared_Dirty:   0 kB\nPrivate_Clean:  " + privateClean * k
                + " kB\nPrivate_Dirty:  " + privateDirty * k + " kB\nSwap:   " + swapPss * k + " kB\nSwapPss:   "
                + swapPss * k + " kB\n");
    }
}
