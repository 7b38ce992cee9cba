package xray.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xray.capture.Capture.ANON;
import static xray.capture.Capture.CACHE;
import static xray.capture.Capture.LIMIT;
import static xray.capture.Capture.OVERHEAD;
import static xray.capture.Capture.SHMEM;
import static xray.capture.Capture.bytes;
import static xray.capture.Capture.cgroup;
import static xray.capture.Capture.near;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import xray.testing.Cli;

/**
 * Every capture in testdata/ ran the same known workload (testdata/README.md); xray must find
 * it there within a few percent, in JSON, in the table and in the drill-down.
 */
class CaptureWorkloadTest {

    @ParameterizedTest
    @EnumSource(Capture.class)
    void hostIsTheCapturedKernel(Capture c) {
        JsonNode host = c.json("mem").get("host");
        assertEquals(c.mode, host.get("cgroupMode").asText());
        assertEquals(c.file("/proc/sys/kernel/osrelease"), host.get("kernelRelease").asText());
        assertEquals(c.file("/proc/sys/kernel/hostname"), host.get("hostname").asText());
        // The host carries at least the workload: 96 MiB anon, and the tmpfs file in Shmem.
        assertTrue(bytes(host, "anon") >= ANON, "AnonPages below the workload's 96 MiB");
        assertTrue(bytes(host, "shmem") >= SHMEM, "Shmem below the workload's 64 MiB");
        assertTrue(bytes(host, "realCost") >= ANON + SHMEM, "host real cost below anon + shmem of the workload");
    }

    @ParameterizedTest
    @EnumSource(Capture.class)
    void jsonFindsTheWorkloadInEachCgroup(Capture c) {
        JsonNode doc = c.json("mem");
        assertEquals("xray.mem/v3", doc.get("schema").asText());

        JsonNode anon = cgroup(doc, "/xray-capture/anon");
        near(ANON, bytes(anon, "anon"), "anon of /xray-capture/anon");
        near(ANON, bytes(anon, "current"), "current of /xray-capture/anon");
        realCostIsAnonPlusShmem(anon);
        assertTrue(bytes(anon, "file") < OVERHEAD, "no page cache in /xray-capture/anon");

        JsonNode cache = cgroup(doc, "/xray-capture/cache");
        near(CACHE, bytes(cache, "file"), "file of /xray-capture/cache");
        near(CACHE, bytes(cache, "inactiveFile"), "inactiveFile of /xray-capture/cache (read once)");
        near(CACHE, bytes(cache, "coldCache"), "coldCache of /xray-capture/cache");
        realCostIsAnonPlusShmem(cache);
        assertTrue(bytes(cache, "realCost") < OVERHEAD, "the page cache is no real cost");

        JsonNode shmem = cgroup(doc, "/xray-capture/shmem");
        near(SHMEM, bytes(shmem, "shmem"), "shmem of /xray-capture/shmem");
        near(SHMEM, bytes(shmem, "realCost"), "realCost of /xray-capture/shmem (shmem cannot be reclaimed)");
        assertTrue(bytes(shmem, "file") >= bytes(shmem, "shmem"), "shmem is inside file");
        realCostIsAnonPlusShmem(shmem);

        JsonNode top = cgroup(doc, "/xray-capture");
        near(ANON, bytes(top, "anon"), "anon of /xray-capture");
        near(SHMEM, bytes(top, "shmem"), "shmem of /xray-capture");
        near(CACHE + SHMEM, bytes(top, "file"), "file of /xray-capture");
        near(ANON + SHMEM, bytes(top, "realCost"), "realCost of /xray-capture");
        near(ANON + CACHE + SHMEM, bytes(top, "current"), "current of /xray-capture");
        assertEquals(LIMIT, bytes(top, "max"), "the limit the capture script set on /xray-capture");
        assertEquals(3, top.get("processes").asInt());
        for (JsonNode cg : List.of(anon, cache, shmem)) {
            assertEquals("/xray-capture", cg.get("parent").asText());
            assertEquals(1, cg.get("processes").asInt(), "processes of " + cg.get("path"));
            assertEquals(0, cg.get("oomKills").asInt(), "oomKills of " + cg.get("path"));
            assertTrue(cg.get("max").isNull(), "no limit on " + cg.get("path"));
            assertTrue(cg.get("pressure").get("some").get("avg10").isNumber(), "pressure of " + cg.get("path"));
        }
    }

    /** realCost = anon + shmem + the unreclaimable kernel part, which one small process keeps small. */
    private static void realCostIsAnonPlusShmem(JsonNode cg) {
        long anonShmem = bytes(cg, "anon") + bytes(cg, "shmem");
        long real = bytes(cg, "realCost");
        assertTrue(real >= anonShmem && real - anonShmem < OVERHEAD,
                () -> "realCost of " + cg.get("path") + " is " + real + ", anon + shmem " + anonShmem);
    }

    @ParameterizedTest
    @EnumSource(Capture.class)
    void tableShowsTheWorkload(Capture c) {
        String out = c.run("mem").out();
        CgroupTable t = new CgroupTable(out);
        near(ANON, t.bytes("anon", "ANON"), "ANON of anon");
        near(ANON, t.bytes("anon", "REAL COST"), "REAL COST of anon");
        String file = t.cell("cache", "FILE (INACTIVE)"); // "200 MiB (200 MiB)"
        near(CACHE, CgroupTable.parse(file.substring(0, file.indexOf('('))), "FILE of cache");
        near(CACHE, CgroupTable.parse(file.substring(file.indexOf('(') + 1, file.length() - 1)), "INACTIVE of cache");
        assertTrue(t.bytes("cache", "REAL COST") < OVERHEAD, "REAL COST of cache");
        near(SHMEM, t.bytes("shmem", "REAL COST"), "REAL COST of shmem");
        near(ANON + SHMEM, t.bytes("xray-capture", "REAL COST"), "REAL COST of xray-capture");
        near(ANON + CACHE + SHMEM, t.bytes("xray-capture", "CURRENT"), "CURRENT of xray-capture");
        assertEquals("1.0 GiB", t.cell("xray-capture", "LIMIT"));
        assertEquals("3", t.cell("xray-capture", "PROCS"));
        assertEquals("1", t.cell("shmem", "PROCS"));
        assertEquals("0.00", t.cell("anon", "PSI10"));
        assertTrue(out.contains(c.mode.equals("v2") ? "· cgroup v2" : "· cgroups hybrid (memory on v1)"),
                "the header line names the cgroup mode:\n" + out);
    }

    @ParameterizedTest
    @EnumSource(Capture.class)
    void drillDownListsTheProcessesAndEndsInVerdicts(Capture c) {
        String out = c.run("mem", "/xray-capture").out();
        assertTrue(out.startsWith("/xray-capture\n(xray-capture: cgroup, cgroup " + (c.mode.equals("v2") ? "v2" : "v1")
                + ", 3 processes)"), out);

        Map<Integer, List<String>> procs = processes(out);
        Map<Integer, String> expected = new HashMap<>();
        for (String child : List.of("anon", "cache", "shmem")) {
            for (int pid : c.pids("/xray-capture/" + child)) {
                expected.put(pid, child);
            }
        }
        assertEquals(expected.keySet(), procs.keySet(), "the processes of /xray-capture:\n" + out);
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            List<String> row = procs.get(e.getKey());
            assertEquals("xray-load", row.get(1), "PROGRAM of pid " + e.getKey());
            assertEquals(e.getValue(), row.get(row.size() - 1), "CGROUP of pid " + e.getKey());
        }
        int anonPid = c.pids("/xray-capture/anon").get(0);
        near(ANON, CgroupTable.parse(procs.get(anonPid).get(2)), "RSS ANON of the anon process");
        int shmemPid = c.pids("/xray-capture/shmem").get(0);
        near(SHMEM, CgroupTable.parse(procs.get(shmemPid).get(4)), "RSS SHMEM of the shmem process");

        String verdict = out.substring(out.indexOf("\nVerdict\n"));
        assertTrue(verdict.contains("xray-capture is charged 3"), verdict);
        assertTrue(verdict.contains("; its real cost is 1"), verdict);
        assertTrue(verdict.contains("memory pressure some avg10 0.00: the cache costs nobody anything right now"), verdict);
        assertTrue(verdict.contains("64 MiB is shared memory"), verdict);
    }

    /** The Processes section of a drill-down, by pid: PID NAME RSS-ANON RSS-FILE RSS-SHMEM SWAP CGROUP. */
    private static Map<Integer, List<String>> processes(String out) {
        int at = out.indexOf("\nProcesses\n");
        assertTrue(at >= 0, "no Processes section in:\n" + out);
        String[] lines = out.substring(at + 1).split("\n");
        assertTrue(lines[1].strip().startsWith("PID  PROGRAM"), lines[1]);
        Map<Integer, List<String>> rows = new HashMap<>();
        for (int i = 2; i < lines.length && !lines[i].isBlank(); i++) {
            List<String> cells = List.of(lines[i].strip().split("\\s{2,}"));
            assertEquals(8, cells.size(), "a process row: " + lines[i]);
            rows.put(Integer.parseInt(cells.get(0)), cells);
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Capture.class)
    void drillDownJsonHasTheSubtreeProcessesAndVerdicts(Capture c) {
        JsonNode doc = c.json("mem", "/xray-capture");
        List<String> paths = new ArrayList<>();
        doc.get("cgroups").forEach(cg -> paths.add(cg.get("path").asText()));
        assertEquals(Set.of("/xray-capture", "/xray-capture/anon", "/xray-capture/cache", "/xray-capture/shmem"),
                Set.copyOf(paths));
        assertEquals(4, paths.size());

        Set<Integer> pids = new TreeSet<>();
        for (JsonNode p : doc.get("processes")) {
            int pid = p.get("pid").asInt();
            pids.add(pid);
            assertEquals("xray-load", p.get("program").asText());
            String cg = p.get("cgroup").asText();
            assertTrue(c.pids(cg).contains(pid), pid + " is not in " + cg + "/cgroup.procs");
            switch (cg) {
                case "/xray-capture/anon" -> near(ANON, bytes(p, "rssAnon"), "rssAnon of the anon process");
                case "/xray-capture/shmem" -> near(SHMEM, bytes(p, "rssShmem"), "rssShmem of the shmem process");
                case "/xray-capture/cache" -> assertTrue(bytes(p, "rssAnon") < OVERHEAD, "rssAnon of the reader");
                default -> throw new AssertionError("a process in " + cg);
            }
        }
        assertEquals(3, pids.size());
        Map<String, JsonNode> verdicts = new HashMap<>();
        doc.get("verdicts").forEach(v -> verdicts.put(v.get("code").asText(), v));
        assertEquals(Set.of("real-cost", "cache-not-needed", "shmem-unreclaimable"), verdicts.keySet(), doc.get("verdicts")::toString);
        JsonNode top = cgroup(doc, "/xray-capture");
        for (JsonNode v : verdicts.values()) {
            assertEquals("/xray-capture", v.get("subject").asText());
            assertEquals("info", v.get("severity").asText());
        }
        JsonNode real = verdicts.get("real-cost").get("figures");
        assertEquals(bytes(top, "current"), bytes(real, "current"));
        assertEquals(bytes(top, "realCost"), bytes(real, "realCost"));
        assertEquals(bytes(top, "current") - bytes(top, "realCost"), bytes(real, "cache"));
        JsonNode idle = verdicts.get("cache-not-needed");
        assertEquals(bytes(top, "coldCache"), bytes(idle.get("figures"), "coldCache"));
        assertEquals(0.0, idle.get("figures").get("avg10").asDouble());
        assertTrue(idle.get("text").asText().endsWith("the cache costs nobody anything right now."), idle::toString);
        near(SHMEM, bytes(verdicts.get("shmem-unreclaimable").get("figures"), "shmem"), "shmem of the verdict");
        assertTrue(verdicts.get("shmem-unreclaimable").get("text").asText().startsWith("64 MiB is shared memory"));
    }

    @ParameterizedTest
    @EnumSource(Capture.class)
    void aNameFindsTheCgroupAsItsPathDoes(Capture c) {
        assertEquals(c.run("mem", "/xray-capture/shmem").out(), c.run("mem", "shmem").out());
    }

    @ParameterizedTest
    @EnumSource(Capture.class)
    void anUnknownCgroupExits2WithTheClosestMatches(Capture c) {
        Cli r = Cli.run("mem", "--root", c.root(), "/xray-capture/anno");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("xray mem: no cgroup '/xray-capture/anno'; closest:\n  /xray-capture/anon\n"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
