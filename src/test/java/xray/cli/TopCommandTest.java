package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;

/** xray top over the snapshots in testdata/: one frame, no rates, and saying so; its options and refusals. */
class TopCommandTest {
    static final String V2 = "testdata/v2-qemu";
    static final String V1 = "testdata/v1-hybrid";

    @Test
    void aSnapshotIsOneFrameWithoutRatesAndSaysSo() {
        Cli r = Cli.run("top", "-b", "-n", "5", "--root", V2);
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertEquals(1, out.split("xray top · ", -1).length - 1, "one frame, whatever -n says:\n" + out);
        assertTrue(out.contains("a snapshot (--root): one reading, so no rates"), out);
        assertTrue(out.contains("· cgroup v2"), out);
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("CGROUP ")).findFirst().orElseThrow());
        // the tree, largest real cost first: anon (96 MiB) above shmem (64 MiB) above cache
        assertTrue(lines.get(header + 2).contains("xray-capture"), out);
        assertTrue(lines.get(header + 3).contains("anon") && lines.get(header + 3).contains("96 MiB"), out);
        assertTrue(lines.get(header + 4).contains("shmem"), out);
        assertTrue(lines.get(header + 5).contains("cache"), out);
        assertTrue(lines.get(header + 3).contains("128 MiB high") && lines.get(header + 3).contains("75%"),
                "limit and its use: " + lines.get(header + 3));
        String cache = lines.get(header + 5);
        assertTrue(cache.matches(".*cache\\s+161 KiB\\s+-\\s+-\\s+-\\s+0\\.00.*"), "no rates, no verdict: " + cache);
    }

    @Test
    void aSnapshotAsJsonIsOneDocumentOnOneLine() throws Exception {
        Cli r = Cli.run("top", "--json", "--root", V1);
        assertEquals(0, r.exitCode(), r.err());
        List<String> docs = r.out().lines().toList();
        assertEquals(1, docs.size(), r.out());
        JsonNode doc = new ObjectMapper().readTree(docs.get(0));
        assertEquals("xray.top/v2", doc.get("schema").asText());
        assertFalse(doc.get("rates").asBoolean());
        assertTrue(doc.get("ratesNote").asText().contains("snapshot"));
        assertTrue(doc.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), doc.get("time").asText());
        assertEquals("hybrid", doc.get("host").get("cgroupMode").asText());
        JsonNode anon = null;
        for (JsonNode cg : doc.get("cgroups")) {
            if (cg.get("path").asText().equals("/xray-capture/anon")) {
                anon = cg;
            }
        }
        assertTrue(anon != null, "the workload's cgroup is listed");
        assertTrue(anon.get("realCost").asLong() > 90L << 20);
        assertTrue(anon.get("refaultsPerSecond").isNull(), "no rates from one reading");
        assertTrue(anon.get("cache").isNull());
        assertEquals(0, anon.get("oomKillsSinceStart").asLong(), "counted from the one reading");
        assertTrue(anon.get("workingsetRefaultFile").isNumber(), "this v1 kernel has the refault counters");
    }

    @Test
    void flatAndSortedByAnOption() {
        Cli r = Cli.run("top", "-b", "--flat", "--sort", "file", "--root", V2);
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = r.out().lines().dropWhile(l -> !l.startsWith("CGROUP (PATH)")).skip(1)
                .takeWhile(l -> l.startsWith("/")).toList();
        assertEquals(List.of("/", "/xray-capture", "/xray-capture/cache", "/xray-capture/shmem", "/xray-capture/anon"),
                rows.stream().map(l -> l.split("\\s+")[0]).toList(), r.out());
        assertTrue(r.out().contains("sort FILE"), r.out());
    }

    @Test
    void narrowTerminalsSayWhatTheyLeaveOut() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err),
                new Main.Context(false, Map.of("COLUMNS", "80", "LANG", "C.UTF-8")), "top", "-b", "--root", V2);
        assertEquals(0, rc, err.toString());
        for (String line : out.toString().split("\n")) {
            assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
        }
        assertTrue(out.toString().contains("not shown at this width: "), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("CGROUP ") && l.contains("REAL COST")),
                "names first, then real cost:\n" + out);
    }

    @Test
    void refusals() {
        Cli fast = Cli.run("top", "-b", "-d", "0.1", "--root", V2);
        assertEquals(2, fast.exitCode());
        assertTrue(fast.err().contains("-d must be between 0.5 and 86400 seconds, not 0.1"), fast.err());
        Cli negative = Cli.run("top", "-b", "-n", "-1", "--root", V2);
        assertEquals(2, negative.exitCode());
        Cli screen = Cli.run("top", "--root", V2);
        assertEquals(2, screen.exitCode(), "no terminal here");
        assertTrue(screen.err().contains("the full-screen view needs a terminal; use -b"), screen.err());
        Cli sort = Cli.run("top", "-b", "--sort", "nonsense", "--root", V2);
        assertEquals(2, sort.exitCode());
        Cli root = Cli.run("top", "-b", "--root", "/no/such/dir");
        assertEquals(2, root.exitCode());
    }
}
