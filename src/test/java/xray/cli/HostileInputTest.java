package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.HostFixtures;
import xray.testing.PsFixtures;
import xray.testing.Tree;

/**
 * The reproductions of issue 10, each now a clean result: a clear line and exit 0, 1 or 2, never an
 * internal error, a hang, a raw escape byte or an impossible number. Also run under LANG=de_DE.UTF-8
 * (the surefire execution 'de_DE').
 */
class HostileInputTest {
    static final String ESC = "\u001b";
    @TempDir
    Path dir;
    Tree tree;

    @BeforeEach
    void host() {
        tree = HostFixtures.hybrid(Tree.onDisk(dir));
    }

    /** The JSON of a run that said no internal error and printed no stack trace. */
    static JsonNode json(Cli r) throws Exception {
        assertFalse(r.err().contains("Exception") || r.err().contains("internal error") || r.err().contains("\tat "),
                r.err());
        return new ObjectMapper().readTree(r.out());
    }

    static void clean(Cli r) {
        assertFalse(r.out().contains(ESC), "no raw ESC on stdout:\n" + r.out());
        assertFalse(r.err().contains(ESC), "no raw ESC on stderr:\n" + r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
        assertTrue(r.exitCode() >= 0 && r.exitCode() <= 2, "exit " + r.exitCode());
    }

    Path copyOf(String testdata) {
        return Tree.onDisk(dir.resolve("snap")).copy(Path.of(testdata), "/").root();
    }

    // ---------------------------------------------------------------- absent is silent, in any language

    @Test
    void aV2SnapshotWithoutMemoryPeakPrintsNoWarning() throws Exception {
        Path snap = copyOf("testdata/v2-qemu");
        try (Stream<Path> s = Files.walk(snap)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("memory.peak")).toList()) {
                Files.delete(p);
            }
        }
        for (String[] args : new String[][] {{"mem"}, {"mem", "--json"}, {"mem", "/xray-capture"}, {"ps", "--pss"}}) {
            Cli r = Cli.run(concat(args, "--root", snap.toString()));
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("", r.err(), "xray " + String.join(" ", args) + " under LANG=" + System.getenv("LANG"));
        }
        assertTrue(json(Cli.run("mem", "--json", "--root", snap.toString())).get("cgroups").get(1).get("peak").isNull());
    }

    @Test
    void psPssWithoutSmapsRollupFallsBackToRssWithOneNote() throws Exception {
        Cli r = Cli.run("ps", "--pss", "--root", "testdata/v2-qemu");
        assertEquals(0, r.exitCode());
        assertEquals("", r.err());
        assertTrue(r.out().contains("3 processes, largest real cost first. Real cost = RSS anon + RSS shmem + swap.\n"),
                "no PSS read: the legend gives the RSS formula, not the PSS one\n" + r.out());
        assertEquals(1, r.out().lines().filter(l -> l.contains("smaps_rollup")).count(), r.out());
        assertTrue(r.out().contains("no /proc/PID/smaps_rollup (it came in Linux 4.14): real cost is counted from RSS"),
                r.out());
        JsonNode doc = json(Cli.run("ps", "--pss", "--json", "--root", "testdata/v2-qemu"));
        assertEquals(3, doc.get("processes").size());
        assertEquals(96 * HostFixtures.MIB, doc.get("processes").get(0).get("realCost").asLong(), 20 * HostFixtures.MIB);
        assertTrue(doc.get("processes").get(0).get("pss").isNull());
    }

    // ---------------------------------------------------------------- reads that cannot hang

    @Test
    void aFifoAsMeminfoIsNotOpened() throws Exception {
        Files.delete(dir.resolve("proc/meminfo"));
        Process p = new ProcessBuilder("mkfifo", dir.resolve("proc/meminfo").toString()).start();
        assertEquals(0, p.waitFor());
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("mem", "--root", dir.toString()));
        assertEquals(1, r.exitCode());
        assertEquals("xray: " + dir.resolve("proc/meminfo") + ": not a regular file (a FIFO, device or socket): not read\n",
                r.err());
    }

    @Test
    void devZeroAsAFileIsNotRead() throws Exception {
        Files.delete(dir.resolve("sys/fs/cgroup/memory/docker/memory.stat"));
        Files.createSymbolicLink(dir.resolve("sys/fs/cgroup/memory/docker/memory.stat"), Path.of("/dev/zero"));
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("mem", "--root", dir.toString(), "--json"));
        assertEquals(0, r.exitCode());
        assertTrue(r.err().contains("docker/memory.stat: not a regular file"), r.err());
        assertTrue(cgroup(json(r), "/docker").get("anon").isNull());
    }

    @Test
    void aFileLargerThanAnyKernelFileIsNotReadWhole() throws Exception {
        Path stat = dir.resolve("sys/fs/cgroup/memory/docker/memory.stat");
        Files.writeString(stat, "x".repeat(17 << 20));
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        assertTrue(r.err().contains(stat + ": larger than 16 MiB, which no kernel file is: not read"), r.err());
    }

    @Test
    void theCgroupWalkFollowsNoSymbolicLink() throws Exception {
        Path docker = dir.resolve("sys/fs/cgroup/memory/docker");
        Files.createSymbolicLink(docker.resolve("loop"), Path.of("."));
        Files.createSymbolicLink(docker.resolve("everything"), Path.of("/"));
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("mem", "--root", dir.toString(), "--json"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains(docker.resolve("loop") + ": a symbolic link in a cgroup tree: not followed"), r.err());
        assertEquals(11, json(r).get("cgroups").size(), "the same cgroups as without the links");
    }

    @Test
    void anUnreadableMountinfoDegradesToTheUsualPlace() throws Exception {
        Files.delete(dir.resolve("proc/self/mountinfo"));
        Files.createDirectory(dir.resolve("proc/self/mountinfo"));
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("cgroup mounts unknown"), r.err());
        assertEquals("hybrid", json(r).get("host").get("cgroupMode").asText());
        assertEquals(11, json(r).get("cgroups").size());
    }

    @Test
    void aTwoThousandLevelTreeRenders() {
        Tree deep = HostFixtures.hybrid(new Tree());
        StringBuilder path = new StringBuilder("/sys/fs/cgroup/memory");
        for (int i = 0; i < 2000; i++) {
            path.append("/d");
            deep.file(path + "/memory.usage_in_bytes", "4096\n");
        }
        xray.model.MemReport report = xray.analysis.CgroupTree.report(
                xray.collect.MemCollector.collect(deep.kernelFs(), new xray.collect.Warnings(), false));
        assertEquals(2011, report.cgroups().size());
        String table = new xray.render.MemText(xray.render.Style.PLAIN).tree(report, report.cgroups(),
                new xray.render.MemText.View(5000, true, xray.analysis.CgroupTree.order(xray.model.CgroupField.CURRENT,
                        false), 0, false, null));
        assertEquals(2011 + 1, table.lines().takeWhile(l -> !l.startsWith("REAL COST =")).count());
        assertTrue(table.contains("d  4.0 KiB"), "the deepest row, its name cut in the middle to 64 characters");
    }

    // ---------------------------------------------------------------- numbers that cannot lie

    @Test
    void sumsPastTwoToTheSixtyThreeAreAbsentNotNegative() throws Exception {
        Path stat = dir.resolve("sys/fs/cgroup/memory/docker/memory.stat");
        long big = 1L << 62;
        Files.writeString(stat, Files.readString(stat).replace("total_rss 157286400", "total_rss " + big)
                .replace("total_shmem 4194304", "total_shmem " + big));
        tree.file("/sys/kernel/mm/ksm/run", "1\n").file("/sys/kernel/mm/ksm/pages_sharing", "4611686018427387904\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        clean(r);
        assertEquals(0, r.exitCode());
        JsonNode docker = cgroup(json(r), "/docker");
        assertTrue(docker.get("anon").isNull() && docker.get("realCost").isNull(), docker.toString());
        assertTrue(r.err().contains(stat + ": total_rss 4.0 EiB is more than this host's memory and swap"), r.err());
        assertTrue(r.err().contains("pages_sharing: 4611686018427387904 pages are more than any memory"), r.err());
        assertTrue(json(r).get("host").get("ksmSharing").isNull());
        Cli table = Cli.run("mem", "--root", dir.toString());
        clean(table);
        assertFalse(java.util.regex.Pattern.compile("(^|\\s)-[0-9]").matcher(table.out()).find(), "no negative size:\n" + table.out());
    }

    @Test
    void aCurrentAboveMemoryAndSwapIsAbsentWithOneWarning() throws Exception {
        tree.file("/sys/fs/cgroup/memory/docker/memory.usage_in_bytes", "9223372036854771712\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        assertEquals("xray: warning: " + dir.resolve("sys/fs/cgroup/memory/docker/memory.usage_in_bytes")
                + ": 8.0 EiB is more than this host's memory and swap (9.8 GiB); shown as absent\n", r.err());
        assertTrue(cgroup(json(r), "/docker").get("current").isNull());
    }

    @Test
    void aDuplicateKeyKeepsTheFirstAndSaysSo() throws Exception {
        tree.file("/proc/meminfo", HostFixtures.meminfo() + "MemTotal:       99999999 kB\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertEquals(0, r.exitCode());
        assertTrue(r.err().contains("meminfo: line 26: 'MemTotal' appears a second time; the first value is kept"),
                r.err());
        assertEquals(8146024L * 1024, json(r).get("host").get("memTotal").asLong());
    }

    @Test
    void aPsiTotalKeepsAllSixtyFourBits() throws Exception {
        tree.file("/proc/pressure/memory", "some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551615\n");
        Cli r = Cli.run("mem", "--root", dir.toString(), "--json");
        assertTrue(r.out().contains("\"total\":18446744073709551615"), r.out());
        assertEquals("18446744073709551615", json(r).get("host").get("pressure").get("some").get("total").asText());
    }

    @Test
    void pssAboveRssIsAbsentWithOneWarning() throws Exception {
        Tree ps = PsFixtures.write(Tree.onDisk(dir.resolve("ps")));
        PsFixtures.rollup(ps, 101, 100, 5000, 10, 10, 10, 0, 10, 0);
        Cli r = Cli.run("ps", "--pss", "--json", "--root", ps.root().toString());
        assertEquals(0, r.exitCode());
        assertTrue(r.err().contains("101/smaps_rollup: Pss 4.9 GiB is more than Rss 100 MiB, which cannot be; shown as absent"),
                r.err());
        JsonNode p101 = null;
        for (JsonNode p : json(r).get("processes")) {
            p101 = p.get("pid").asInt() == 101 ? p : p101;
        }
        assertTrue(p101 != null && p101.get("pss").isNull() && p101.get("rssAnon").asLong() > 0,
                "pid 101 listed, its PSS absent, the rest of it there: " + p101);
    }

    // ---------------------------------------------------------------- output that cannot be hijacked

    @Test
    void namesWithEscapesAndNewlinesCannotReachTheTerminal() throws Exception {
        String evil = "evil" + ESC + "[2J" + ESC + "]0;owned\u0007\nsplit\u202e";
        Path from = dir.resolve("sys/fs/cgroup/memory/docker");
        Files.move(from, from.resolveSibling(evil));
        tree.file("/proc/400/cmdline", ESC + "[2J" + "x".repeat(200_000) + "\0--flag\0");
        for (String[] args : new String[][] {{"mem"}, {"mem", "--json"}, {"mem", "--all", "--depth", "9"},
                {"mem", "no" + ESC + "[31mthing"}, {"mem", "evil"}, {"ps"}, {"ps", "--json", "--full"},
                {"ps", "--by", "program"}, {"mem", "--bogus" + ESC + "[2J"}, {"ps", "--wide"}}) {
            Cli r = Cli.run(concat(args, "--root", dir.toString()));
            clean(r);
            assertTrue(r.out().lines().allMatch(l -> l.length() < 1000 || List.of(args).contains("--json") || args[0].equals("ps") && (
                    String.join(" ", args).contains("--full") || String.join(" ", args).contains("--wide"))),
                    "a 200 kB argv[0] makes no 200 kB column unless asked for (JSON has it whole, on one line in a pipe): " + String.join(" ", args));
        }
        Cli table = Cli.run("mem", "--root", dir.toString());
        assertTrue(table.out().contains("evil\\x1b[2J\\x1b]0;owned\\x07\\x0asplit\\u202e"), table.out());
        JsonNode doc = json(Cli.run("mem", "--json", "--root", dir.toString()));
        assertTrue(Cli.run("mem", "--json", "--root", dir.toString()).out().contains("evil\\u001B[2J"), "JSON escapes");
        assertTrue(doc.findValuesAsText("path").contains("/" + evil), "and round-trips");
        Cli unknown = Cli.run("mem", "--root", dir.toString(), "no" + ESC + "[31mthing");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("xray mem: no cgroup 'no\\x1b[31mthing'; closest:"), unknown.err());
        Cli ps = Cli.run("ps", "--root", dir.toString(), "--sort", "pid");
        assertTrue(ps.out().contains("\\x1b[2Jxxxx"), ps.out());
        Cli wide = Cli.run("ps", "--root", dir.toString(), "--wide", "--full");
        assertTrue(wide.out().contains("x".repeat(200_000)), "--wide --full shows it whole");
    }

    // ---------------------------------------------------------------- bad command lines

    @Test
    void badCommandLinesExitTwoWithOneClearLine() {
        String[][] bad = {
            {"jvm", "1", "--timeout", "1e10s"}, {"jvm", "1", "--interval", "NaNs"}, {"mem", ""}, {"mem", "  "},
            {"mem", "--root", ""}, {"ps", "--root", ""}, {"mem", "--root", "/nonexistent"}, {"mem", "--depth", "-1"},
            {"ps", "--top", "-5"}, {"ps", "--pss-max-rss", "1e400"}, {"mem", "--color", ESC + "[2J"},
            {ESC + "]0;title\u0007"}, {"mem", "--root", dir.toString(), "/no/such"},
        };
        for (String[] args : bad) {
            Cli r = Cli.run(args);
            clean(r);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().matches("(?s)xray( [a-z]+)?: .*"), r.err());
        }
    }

    @Test
    void aPathWithoutItsLeadingSlashIsStillAPath() {
        Cli r = Cli.run("mem", "--root", "testdata/v2-qemu", "xray-capture/anon");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("/xray-capture/anon\n(anon: cgroup, cgroup v2, 1 process)"), r.out());
    }

    static JsonNode cgroup(JsonNode doc, String path) {
        return MemCommandTest.cgroup(doc, path);
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
