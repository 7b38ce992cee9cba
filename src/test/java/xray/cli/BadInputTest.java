package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.HostFixtures;
import xray.testing.Tree;

/** Garbled, truncated, empty, unreadable and missing files: one warning each, the rest intact. */
class BadInputTest {
    @TempDir
    Path dir;
    Tree tree;

    @BeforeEach
    void host() {
        tree = HostFixtures.hybrid(Tree.onDisk(dir));
    }

    @Test
    void garbledMemoryStatLineWarnsAndKeepsTheRest() throws Exception {
        String file = dir + "/sys/fs/cgroup/memory/system.slice/froth.service/memory.stat";
        String stat = Files.readString(Path.of(file)).replace("total_rss 1180696576\n", "total_rss 11806965x6\n");
        tree.file("/sys/fs/cgroup/memory/system.slice/froth.service/memory.stat", stat);
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        assertEquals("xray: warning: " + file + ": line 21 'total_rss 11806965x6' has no number\n", r.err());
        JsonNode froth = MemCommandTest.cgroup(HostileInputTest.json(r), "/system.slice/froth.service");
        assertTrue(froth.get("anon").isNull(), "the garbled number is absent");
        assertTrue(froth.get("realCost").isNull(), "and so is what needs it");
        assertEquals(3265 * HostFixtures.MIB, froth.get("file").asLong(), "the other keys survive");
        assertEquals(4403 * HostFixtures.MIB, MemCommandTest.cgroup(HostileInputTest.json(r), "/system.slice/froth.service").get("current").asLong());
    }

    @Test
    void emptyAndTruncatedSingleValues() throws Exception {
        tree.file("/sys/fs/cgroup/memory/system.slice/db.service/memory.usage_in_bytes", "");
        tree.file("/sys/fs/cgroup/memory/system.slice/db.service/memory.limit_in_bytes", "10737");
        tree.file("/sys/fs/cgroup/memory/system.slice/db.service/memory.max_usage_in_bytes", "12.5\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        String base = dir + "/sys/fs/cgroup/memory/system.slice/db.service/";
        assertTrue(r.err().contains("xray: warning: " + base + "memory.usage_in_bytes: empty file\n"), r.err());
        assertTrue(r.err().contains("xray: warning: " + base + "memory.max_usage_in_bytes: '12.5' is not a number\n"));
        assertEquals(2, r.err().lines().count(), "a truncated number that still parses cannot be told apart");
        JsonNode db = MemCommandTest.cgroup(HostileInputTest.json(r), "/system.slice/db.service");
        assertTrue(db.get("current").isNull());
        assertTrue(db.get("peak").isNull());
        assertTrue(db.get("coldCache").isNull());
        assertEquals(650 * HostFixtures.MIB, db.get("anon").asLong());
    }

    @Test
    void unreadableFileIsAWarningNotACrash() throws Exception {
        // A directory where a file should be: reading fails with an I/O error, as EIO or EACCES would.
        Path stat = dir.resolve("sys/fs/cgroup/memory/docker/memory.stat");
        Files.delete(stat);
        Files.createDirectory(stat);
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        assertTrue(r.err().startsWith("xray: warning: " + stat + ": "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(MemCommandTest.cgroup(HostileInputTest.json(r), "/docker").get("anon").isNull());
    }

    @Test
    void missingPressureFileIsExplainedOnce() throws Exception {
        Files.delete(dir.resolve("proc/pressure/memory"));
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals("", r.err());
        JsonNode host = HostileInputTest.json(r).get("host");
        assertTrue(host.get("pressure").isNull());
        assertTrue(host.get("pressureNote").asText().contains("no PSI"));
        Cli table = Cli.run("mem", "--root", dir.toString());
        assertTrue(table.out().contains("pressure no /proc/pressure/memory: this kernel has no PSI"), table.out());
    }

    @Test
    void garbledPressureWarns() throws Exception {
        tree.file("/proc/pressure/memory", "some avg10=0.10 avg60=oops avg300=0.00 total=1\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        assertTrue(r.err().startsWith("xray: warning: " + dir.resolve("proc/pressure/memory") + ": '"), r.err());
        assertTrue(r.err().endsWith("': 'oops' is not a percentage\n"), r.err());
        assertTrue(HostileInputTest.json(r).get("host").get("pressure").isNull());
    }

    @Test
    void missingMeminfoExitsOneWithOneLine() throws Exception {
        Files.delete(dir.resolve("proc/meminfo"));
        Cli r = Cli.run("mem", "--root", dir.toString());
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("xray: " + dir.resolve("proc/meminfo") + ": no such file; is " + dir + " a Linux root?\n", r.err());
    }

    @Test
    void emptyMeminfoExitsOne() {
        tree.file("/proc/meminfo", "");
        Cli r = Cli.run("mem", "--root", dir.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().filter(l -> !l.startsWith("xray: warning:")).count(), r.err());
    }

    @Test
    void counterBeyondLongIsAbsentWithAWarning() throws Exception {
        tree.file("/sys/fs/cgroup/memory/user.slice/memory.kmem.usage_in_bytes", "18446744073709551584\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertTrue(r.err().contains("memory.kmem.usage_in_bytes: 18446744073709551584 is beyond 2^63"), r.err());
        JsonNode u = MemCommandTest.cgroup(HostileInputTest.json(r), "/user.slice");
        // usage 64 MiB − rss 40 MiB − cache 20 MiB
        assertEquals(4 * HostFixtures.MIB, u.get("kernel").asLong());
        assertTrue(u.get("kernelApproximate").asBoolean(), "falls back to the estimate");
    }

    @Test
    void vanishedProcessIsSkippedSilently() throws Exception {
        Files.delete(dir.resolve("proc/101/status"));
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json", "froth.service");
        assertEquals("", r.err());
        assertEquals(1, HostileInputTest.json(r).get("processes").size());
    }
}
