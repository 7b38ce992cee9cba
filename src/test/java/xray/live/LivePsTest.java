package xray.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.analysis.ProcessModel;
import xray.collect.PsCollector;
import xray.collect.Warnings;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.kernel.KernelFs;
import xray.model.ProcessFigures;
import xray.model.PsProcess;
import xray.model.PssRead;
import xray.model.Sharing;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * {@code xray ps} on this machine's kernel: four Python workers with 40, 56, 72 and 88 MiB of
 * private anonymous memory that all map one 48 MiB tmpfs file, and one baseline worker with
 * neither (what the interpreter itself takes).
 */
class LivePsTest {
    private static final long M = 1 << 20;
    private static final int[] ANON_MIB = {40, 56, 72, 88};
    private static final int SHM_MIB = 48;
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir
    static Path dir;
    static String name;
    static Path shm;
    static PsWorkers workers;
    static PsWorkers baseline;

    @BeforeAll
    static void start() throws IOException {
        Live.requireRoot("reads the smaps_rollup of every process");
        name = "xray-psw-" + UUID.randomUUID().toString().substring(0, 8);
        shm = PsWorkers.sharedFile(name, SHM_MIB);
        workers = PsWorkers.start(name, dir, shm, SHM_MIB, ANON_MIB);
        baseline = PsWorkers.start(name + "-base", dir, null, 0, 0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (workers != null) {
            workers.close();
        }
        if (baseline != null) {
            baseline.close();
        }
        if (shm != null) {
            Files.deleteIfExists(shm);
        }
    }

    private static Map<Long, PsProcess> scan(boolean pss) {
        Warnings w = new Warnings();
        PsReport r = ProcessModel.report(PsCollector.collect(KernelFs.live(),
                new PsSample.Options(pss, NO_LIMIT, false, null, null), w));
        Map<Long, PsProcess> out = new HashMap<>();
        for (PsProcess p : r.processes()) {
            out.put((long) p.pid(), p);
        }
        return out;
    }

    @Test
    void knownAnonAndSharedMemory() {
        Map<Long, PsProcess> all = scan(true);
        ProcessFigures base = all.get(baseline.pids.get(0)).figures();
        assertEquals(0L, base.rssShmem());
        List<PsProcess> mine = new ArrayList<>();
        for (int i = 0; i < ANON_MIB.length; i++) {
            PsProcess p = all.get(workers.pids.get(i));
            mine.add(p);
            ProcessFigures f = p.figures();
            String who = "worker " + p.pid() + " (" + ANON_MIB[i] + " MiB anon): " + f;
            assertEquals(name, p.program(), who);
            assertEquals(PssRead.READ, p.sample().pssRead(), who);
            // RssAnon = what it touched + what the interpreter itself has (the baseline), within 2 MiB.
            assertWithin(ANON_MIB[i] * M + base.rssAnon(), f.rssAnon(), 2 * M, "RssAnon of " + who);
            // Every page of the 48 MiB file is mapped: RssShmem 48 MiB; four mappers: Pss_Shmem 12 MiB each.
            assertWithin(SHM_MIB * M, f.rssShmem(), 64 * 1024, "RssShmem of " + who);
            assertWithin(SHM_MIB * M / ANON_MIB.length, f.pssShmem(), SHM_MIB * M / ANON_MIB.length / 100,
                    "Pss_Shmem of " + who);
            // Private anonymous memory is not shared: its PSS is its RSS, and all of it is USS.
            assertWithin(f.rssAnon(), f.pssAnon(), f.rssAnon() / 100, "Pss_Anon of " + who);
            assertTrue(f.uss() >= ANON_MIB[i] * M, "USS of " + who);
            assertEquals(f.pssAnon() + f.pssShmem() + f.swapPss(), f.realCost(), "real cost of " + who);
        }
        // What sharing saves among the four: the file counted four times in RSS, once in PSS (3 × 48 MiB),
        // plus at most the interpreter's own file pages they share.
        Sharing s = ProcessModel.sharing(mine, null);
        long rssFile = mine.stream().mapToLong(p -> p.figures().rssFile()).sum();
        assertTrue(s.shared() >= 3 * SHM_MIB * M && s.shared() <= 3 * SHM_MIB * M + rssFile + M,
                "shared " + s.shared() + " for " + mine);
    }

    @Test
    void withoutPssFromStatusOnly() {
        PsProcess p = scan(false).get(workers.pids.get(3));
        assertEquals(PssRead.NOT_ASKED, p.sample().pssRead());
        assertEquals(null, p.figures().pss());
        assertWithin(SHM_MIB * M, p.figures().rssShmem(), 64 * 1024, "RssShmem");
        assertEquals(p.figures().rssAnon() + p.figures().rssShmem() + p.figures().swap(), p.figures().realCost());
    }

    /**
     * ps --json --all lists every process: each pid that /proc has before and after the run (less
     * xray's own, this JVM) is in it, however many others come and go meanwhile.
     */
    @Test
    void jsonListsEveryProcess() throws IOException {
        java.util.Set<Long> before = procEntries();
        Cli c = Cli.run("ps", "--json", "--all");
        java.util.Set<Long> stable = procEntries();
        stable.retainAll(before);
        stable.remove(ProcessHandle.current().pid());
        assertEquals(0, c.exitCode(), c.err());
        JsonNode doc = new ObjectMapper().readTree(c.out());
        java.util.Set<Long> listed = new java.util.HashSet<>();
        doc.get("processes").forEach(p -> listed.add(p.get("pid").asLong()));
        java.util.Set<Long> missing = new java.util.TreeSet<>(stable);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "not listed: " + missing + " (" + listed.size() + " listed, " + stable.size()
                + " in /proc throughout)");
        assertTrue(doc.get("truncated").isNull(), "nothing left out");
        JsonNode cut = new ObjectMapper().readTree(Cli.run("ps", "--json", "--all", "--top", "3").out());
        assertEquals(3, cut.get("processes").size());
        assertEquals(3, cut.get("truncated").get("shown").asInt());
        assertTrue(cut.get("truncated").get("total").asInt() > 3);
    }

    static java.util.Set<Long> procEntries() throws IOException {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.map(e -> e.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::valueOf).collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }

    @Test
    void byProgramThroughTheCli() throws IOException {
        Cli c = Cli.run("ps", "--pss", "--by", "program", "--json", "--top", "0");
        assertEquals(0, c.exitCode(), c.err());
        JsonNode doc = new ObjectMapper().readTree(c.out());
        JsonNode group = null;
        for (JsonNode g : doc.get("groups")) {
            if (g.get("name").asText().equals(name)) {
                group = g;
            }
        }
        assertTrue(group != null, "no group " + name + " in " + c.out());
        assertEquals(ANON_MIB.length, group.get("processes").asInt());
        long shared = group.get("shared").asLong();
        assertTrue(shared >= 3 * SHM_MIB * M && shared <= 3 * SHM_MIB * M + group.get("rssFile").asLong() + M,
                "shared " + shared);
        assertEquals(group.get("rss").asLong() - group.get("pss").asLong(), shared);
        assertWithin(SHM_MIB * M, group.get("pssShmem").asLong(), SHM_MIB * M / 100, "the file once in PSS");
        JsonNode sharing = doc.get("sharing");
        assertTrue(sharing.get("rss").asLong() - sharing.get("pss").asLong() >= shared, "host sharing covers ours");
        String text = Cli.run("ps", "--pss", "--by", "program", "--top", "0").out();
        assertTrue(text.lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" 4 ")), text);
    }

    /**
     * xray and smem on the same processes: PSS and USS within 1% for every process that did not
     * change between an xray read before and one after smem (see {@link #unchanged}). smem sums smaps,
     * where the kernel cuts each mapping's PSS to whole kB: that is allowed on top (1 kB a mapping).
     */
    @Test
    void agreesWithSmem() throws Exception {
        Path smem = Path.of("/usr/bin/smem");
        Live.require(Files.isExecutable(smem), "needs smem (Debian package smem)");
        Map<Long, PsProcess> before = scan(true);
        Process p = new ProcessBuilder(smem.toString(), "-c", "pid pss uss", "-H").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "smem failed: " + out);
        Map<Long, PsProcess> after = scan(true);
        Map<Long, long[]> mapsLines = new HashMap<>();
        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            long pid = Long.parseLong(f[0]);
            long smemPss = Long.parseLong(f[1]) * 1024;
            long smemUss = Long.parseLong(f[2]) * 1024;
            if (!workers.pids.contains(pid) && !baseline.pids.contains(pid)) {
                // Only the processes this test owns: another process on the machine can fork or
                // exec while smem runs and be back to the same figures by the second xray read.
                continue;
            }
            PsProcess a = before.get(pid);
            PsProcess b = after.get(pid);
            if (!unchanged(a, b)) {
                continue; // changed between the reads (or gone, or not readable)
            }
            long mappings = Files.exists(Path.of("/proc/" + pid + "/maps"))
                    ? Files.readAllLines(Path.of("/proc/" + pid + "/maps")).size() : 0;
            long pss = a.figures().pss();
            long uss = a.figures().uss();
            if (Math.abs(pss - smemPss) > pss / 100 + mappings * 1024 || Math.abs(uss - smemUss) > uss / 100) {
                differ.add(pid + " " + a.program() + ": xray PSS " + pss + " USS " + uss + ", smem PSS " + smemPss
                        + " USS " + smemUss + " (" + mappings + " mappings)");
            }
            compared++;
        }
        assertEquals(List.of(), differ);
        System.out.println("xray ps agrees with smem on " + compared + " processes");
        for (long pid : workers.pids) {
            assertTrue(unchanged(before.get(pid), after.get(pid)), "worker " + pid + " changed");
        }
        assertTrue(compared >= ANON_MIB.length + 1, "compared " + compared + " processes:\n" + out);
    }

    /**
     * The process's own pages are the same (RSS and USS equal) and its PSS moved by at most 0.5%: PSS
     * also moves when other processes start or stop mapping the libraries it shares with them.
     */
    private static boolean unchanged(PsProcess a, PsProcess b) {
        if (a == null || b == null || a.figures().pss() == null || b.figures().pss() == null) {
            return false;
        }
        return a.figures().rss().equals(b.figures().rss()) && a.figures().uss().equals(b.figures().uss())
                && Math.abs(a.figures().pss() - b.figures().pss()) <= a.figures().pss() / 200;
    }

    /** As nobody, other users' smaps_rollup is closed: one summary line, dashes, exit 0. */
    @Test
    void asNobodyOneSummaryLine() throws Exception {
        Live.require(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "needs runuser (Debian package util-linux)");
        String cp = ChildJvm.worldReadableClasspath(dir.resolve("cp"));
        ChildJvm.Result text = ChildJvm.runAs("nobody", cp, "ps", "--pss", "--top", "0");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals("", text.err(), "no warning per process");
        List<String> summary = text.out().lines().filter(l -> l.contains("need root for PSS")).toList();
        assertEquals(1, summary.size(), text.out());
        assertTrue(summary.get(0).matches("\\d+ processes need root for PSS: their real cost is counted from RSS"),
                summary.get(0));
        String row = "\\s*" + workers.pids.get(0) + "\\s+root\\s.*\\s" + name + "\\s.*\\s-\\s.*";
        assertEquals(1, text.out().lines().filter(l -> l.matches(row)).count(), "a row with - for PSS:\n" + text.out());

        ChildJvm.Result json = ChildJvm.runAs("nobody", cp, "ps", "--pss", "--json", "--top", "0");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        int nulls = 0;
        for (JsonNode p : doc.get("processes")) {
            if (p.get("pid").asLong() == workers.pids.get(0)) {
                assertTrue(p.get("pss").isNull() && p.get("uss").isNull() && p.get("pssAnon").isNull(), p.toString());
                assertTrue(p.get("rssAnon").asLong() >= ANON_MIB[0] * M, p.toString());
            }
            nulls += p.get("pss").isNull() ? 1 : 0;
        }
        assertTrue(nulls >= ANON_MIB.length + 1, "root's processes have no PSS for nobody");
        assertEquals(1, doc.get("notes").size());
        assertTrue(doc.get("notes").get(0).asText().contains(" processes need root for PSS"));
        assertEquals(0, doc.get("warnings").size());
    }

    /** Processes that exit while the scan runs are left out without a word. */
    @Test
    void processesExitingDuringTheScan() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> churned = new ArrayList<>();
        Thread churn = new Thread(() -> {
            List<Process> alive = new ArrayList<>();
            try {
                while (!stop.get()) {
                    alive.add(new ProcessBuilder("sleep", "0.0" + (1 + alive.size() % 9)).start());
                    alive.removeIf(p -> !p.isAlive());
                    while (alive.size() > 60) {
                        alive.remove(0).waitFor();
                    }
                    churned.add(1L);
                }
                for (Process p : alive) {
                    p.waitFor();
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 15; i++) {
                Warnings w = new Warnings();
                PsReport r = ProcessModel.report(PsCollector.collect(KernelFs.live(),
                        new PsSample.Options(true, NO_LIMIT, false, null, null), w));
                assertEquals(List.of(), w.lines());
                assertTrue(r.processes().size() > ANON_MIB.length);
                Cli c = Cli.run("ps", "--pss", "--json", "--top", "0");
                assertEquals(0, c.exitCode());
                assertEquals("", c.err());
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertTrue(churned.size() > 50, "only " + churned.size() + " processes came and went");
    }

    /** --cgroup on a real v1 memory cgroup made for this test. */
    @Test
    void onlyTheProcessesOfACgroup() throws Exception {
        Path mem = Live.cgroupV1Memory();
        String cg = "xray-ps-" + UUID.randomUUID().toString().substring(0, 8);
        Path dirCg = mem.resolve(cg);
        Files.createDirectory(dirCg);
        PsWorkers two = null;
        try {
            two = PsWorkers.start(name + "-cg", dir, null, 0, 8, 8);
            for (long pid : two.pids) {
                Files.writeString(dirCg.resolve("cgroup.procs"), pid + "\n");
            }
            Cli c = Cli.run("ps", "--cgroup", cg, "--json", "--top", "0");
            assertEquals(0, c.exitCode(), c.err());
            JsonNode doc = new ObjectMapper().readTree(c.out());
            List<Long> pids = new ArrayList<>();
            for (JsonNode p : doc.get("processes")) {
                pids.add(p.get("pid").asLong());
                assertEquals("/" + cg, p.get("cgroup").asText());
                assertEquals(cg, p.get("service").asText());
            }
            pids.sort(null);
            List<Long> expected = new ArrayList<>(two.pids);
            expected.sort(null);
            assertEquals(expected, pids);
        } finally {
            if (two != null) {
                two.close(); // the cgroup must be empty before it can go
            }
            for (int i = 0; i < 50 && Files.exists(dirCg); i++) {
                try {
                    Files.delete(dirCg);
                } catch (IOException e) {
                    Thread.sleep(100); // the last exit is still being accounted
                }
            }
        }
    }

    private static void assertWithin(long expected, Long actual, long tolerance, String what) {
        assertTrue(actual != null && Math.abs(actual - expected) <= tolerance,
                what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
    }
}
