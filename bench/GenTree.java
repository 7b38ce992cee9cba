import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Writes a synthetic host with N cgroup v2 memory cgroups under DIR (laid out like "/"), for the
 * scan benchmark: java bench/GenTree.java N DIR [TEMPLATE_MEMORY_STAT].
 * Every cgroup gets the files xray reads, with values scaled from one real memory.stat (the
 * template: by default the v2 capture in testdata/), so the parser sees real shapes and key sets.
 * The tree is systemd-like: slices of services, with scopes under some of them, ten children
 * per cgroup until N are made.
 */
public final class GenTree {
    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]);
        Path template = Path.of(args.length > 2 ? args[2] : "testdata/v2-qemu/sys/fs/cgroup/memory.stat");
        String[] statLines = Files.readString(template).split("\n");
        Random rnd = new Random(42);

        write(root.resolve("proc/meminfo"), String.join("\n",
                "MemTotal:       65843232 kB", "MemFree:        10243312 kB", "MemAvailable:   48811196 kB",
                "Buffers:          412316 kB", "Cached:         36501420 kB", "Active(file):   20311200 kB",
                "Inactive(file): 15984120 kB", "AnonPages:      12811740 kB", "Shmem:             90212 kB",
                "SReclaimable:    1840120 kB", "SUnreclaim:       310212 kB", "KernelStack:       28944 kB",
                "PageTables:        93120 kB", "SecPageTables:         0 kB", "Percpu:            43008 kB",
                "SwapTotal:             0 kB", "SwapFree:              0 kB", ""));
        write(root.resolve("proc/pressure/memory"),
                "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        write(root.resolve("proc/self/mountinfo"),
                "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n");
        Path cg = root.resolve("sys/fs/cgroup");
        write(cg.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        write(cg.resolve("cgroup.procs"), "1\n");
        write(cg.resolve("memory.stat"), String.join("\n", statLines) + "\n");

        Deque<Path> queue = new ArrayDeque<>();
        queue.add(cg);
        int made = 0;
        while (made < n && !queue.isEmpty()) {
            Path parent = queue.poll();
            for (int i = 0; i < 10 && made < n; i++, made++) {
                String name = parent == cg ? "slice-" + i + ".slice"
                        : parent.getFileName().toString().endsWith(".slice") ? "unit-" + made + ".service"
                        : "run-" + made + ".scope";
                Path dir = parent.resolve(name);
                cgroup(dir, statLines, rnd);
                queue.add(dir);
            }
        }
        System.out.println("wrote " + made + " cgroups under " + cg);
    }

    static void cgroup(Path dir, String[] statLines, Random rnd) throws IOException {
        double scale = 0.001 + rnd.nextDouble() * 0.2;
        StringBuilder stat = new StringBuilder();
        for (String line : statLines) {
            int sp = line.indexOf(' ');
            long v = Long.parseLong(line.substring(sp + 1));
            stat.append(line, 0, sp + 1).append((long) (v * scale)).append('\n');
        }
        long current = (long) (3_000_000_000L * scale);
        write(dir.resolve("memory.stat"), stat.toString());
        write(dir.resolve("memory.current"), current + "\n");
        write(dir.resolve("memory.peak"), (current * 3 / 2) + "\n");
        write(dir.resolve("memory.max"), rnd.nextInt(4) == 0 ? (current * 2) + "\n" : "max\n");
        write(dir.resolve("memory.high"), "max\n");
        write(dir.resolve("memory.low"), "0\n");
        write(dir.resolve("memory.min"), "0\n");
        write(dir.resolve("memory.swap.current"), "0\n");
        write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        write(dir.resolve("memory.pressure"),
                "some avg10=0.00 avg60=0.00 avg300=0.00 total=1234\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=567\n");
        write(dir.resolve("cgroup.procs"), rnd.nextInt(3) == 0 ? "" : (1000 + rnd.nextInt(100000)) + "\n");
        // Files xray does not read, so the directory listing is as long as on a real host.
        for (String f : new String[] {"cgroup.controllers", "cgroup.events", "cgroup.freeze", "cgroup.kill",
            "cgroup.max.depth", "cgroup.max.descendants", "cgroup.stat", "cgroup.subtree_control", "cgroup.threads",
            "cgroup.type", "cpu.pressure", "cpu.stat", "io.pressure", "memory.events.local", "memory.numa_stat",
            "memory.oom.group", "memory.reclaim", "memory.swap.events", "memory.swap.high", "memory.swap.max",
            "memory.swap.peak", "memory.zswap.current", "memory.zswap.max", "pids.current", "pids.max"}) {
            write(dir.resolve(f), "0\n");
        }
    }

    static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }
}
