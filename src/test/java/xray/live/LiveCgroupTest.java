package xray.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * On the real kernel: a cgroup of our own with known anonymous memory (96 MiB), page cache
 * (a 200 MiB file read) and tmpfs (64 MiB), measured by xray against a baseline taken in the
 * same cgroup before the workload allocates anything.
 */
class LiveCgroupTest {
    static final long MIB = 1L << 20;
    static final double TOLERANCE = 0.05;

    Path cgroup;
    Process child;
    Path file;
    Path shm;

    @Test
    void knownWorkloadIsReportedWithinAFewPercent() throws Exception {
        Path mem = Live.cgroupV1Memory();
        String name = "xray-live-" + ProcessHandle.current().pid();
        cgroup = mem.resolve(name);
        Files.createDirectory(cgroup);

        file = Files.createTempFile("xray-live-cache", ".bin");
        shm = Path.of("/dev/shm", name);
        // Written with O_DIRECT, so none of it is in the page cache until the workload reads it.
        run("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=200", "oflag=direct", "status=none");

        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:MaxDirectMemorySize=512m", "-cp", System.getProperty("java.class.path"),
                Workload.class.getName()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        PrintWriter in = new PrintWriter(child.getOutputStream(), true);
        assertTrue(out.readLine().startsWith("ready"));
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(child.pid()));

        JsonNode before = settled("/" + name);
        command(in, out, "anon 96");
        command(in, out, "read " + file);
        command(in, out, "shm " + shm + " 64");
        JsonNode after = settled("/" + name);

        assertNear(96 * MIB, delta(before, after, "anon"), "anon");
        assertNear(64 * MIB, delta(before, after, "shmem"), "shmem");
        // v1 "cache" holds the page cache and the tmpfs pages
        assertNear((200 + 64) * MIB, delta(before, after, "file"), "file");
        assertNear(delta(before, after, "anon") + delta(before, after, "shmem"), delta(before, after, "realCost"),
                "real cost ≈ anon + shmem");
        assertNear(200 * MIB, delta(before, after, "coldCache") + delta(before, after, "hotCache"),
                "the file read is cache, hot or cold");
        assertEquals(1, after.get("processes").asInt());

        Cli drill = Cli.run("mem", "/" + name);
        assertEquals(0, drill.exitCode(), drill.err());
        assertTrue(drill.out().contains(Long.toString(child.pid())), drill.out());
        assertTrue(drill.out().contains("is shared memory (tmpfs"), drill.out());
    }

    /** The cgroup's entry once memory.stat has caught up (stats are flushed about every 2 s). */
    static JsonNode settled(String path) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(600);
            Cli r = Cli.run("mem", "--json", path);
            assertEquals(0, r.exitCode(), r.err());
            JsonNode cg = new ObjectMapper().readTree(r.out()).get("cgroups").get(0);
            if (last != null && last.get("anon").equals(cg.get("anon")) && last.get("file").equals(cg.get("file"))
                    && last.get("shmem").equals(cg.get("shmem"))) {
                return cg;
            }
            last = cg;
        }
        return last;
    }

    static long delta(JsonNode before, JsonNode after, String key) {
        assertTrue(after.get(key).isNumber(), key + " must be read: " + after);
        return after.get(key).asLong() - before.get(key).asLong();
    }

    static void assertNear(long expected, long actual, String what) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * expected,
                what + ": expected " + expected / MIB + " MiB ± 5%, xray reports " + actual / (double) MIB + " MiB");
    }

    static void command(PrintWriter in, BufferedReader out, String cmd) throws IOException {
        in.println(cmd);
        assertEquals("ok", out.readLine(), cmd);
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (shm != null) {
            Files.deleteIfExists(shm);
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
        if (cgroup != null && Files.exists(cgroup)) {
            for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
                try {
                    Files.delete(cgroup); // rmdir; fails while the exiting child is still a member
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
        }
    }
}
