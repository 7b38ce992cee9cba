package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xray.testing.HostFixtures.GIB;
import static xray.testing.HostFixtures.MIB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.JsonChecks;
import xray.testing.Golden;
import xray.testing.HostFixtures;
import xray.testing.Tree;

/** xray mem end to end through Main.run against a fixture host on disk. */
class MemCommandTest {
    @TempDir
    Path dir;
    String root;

    @BeforeEach
    void host() {
        HostFixtures.hybrid(Tree.onDisk(dir));
        root = dir.toString();
    }

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    static JsonNode cgroup(JsonNode doc, String path) {
        for (JsonNode c : doc.get("cgroups")) {
            if (c.get("path").asText().equals(path)) {
                return c;
            }
        }
        throw new AssertionError("no cgroup " + path + " in " + doc);
    }

    @Test
    void tableGolden() {
        Cli r = Cli.run("mem", "--root", root);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        Golden.assertMatches("mem-hybrid-fixture.txt", r.out());
    }

    @Test
    void allUnfoldsAndDepthLimits() {
        Cli all = Cli.run("mem", "--root", root, "--all");
        assertTrue(all.out().contains("tiny-a.service"), all.out());
        assertTrue(all.out().contains("tiny-b.service"));
        Cli folded = Cli.run("mem", "--root", root);
        assertFalse(folded.out().contains("tiny-a.service"));
        assertTrue(folded.out().contains("2 more"), folded.out());
        Cli shallow = Cli.run("mem", "--root", root, "--depth", "1");
        assertTrue(shallow.out().contains("system.slice"));
        assertFalse(shallow.out().contains("froth.service"));
    }

    @Test
    void jsonHasEveryKeyAndNullsForWhatTheKernelDoesNotProvide() throws Exception {
        Cli r = Cli.run("mem", "--root", root, "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = json(r.out());
        assertEquals("xray.mem/v3", doc.get("schema").asText());
        JsonNode host = doc.get("host");
        assertEquals("fixture-host", host.get("hostname").asText());
        assertEquals("hybrid", host.get("cgroupMode").asText());
        assertEquals(8146024L * 1024, host.get("memTotal").asLong());
        assertEquals((62340L + 5002608 + 180412) * 1024, host.get("buffCache").asLong());
        assertEquals((1390012L + 70104 + 59608 + 8464 + 14420 + 0 + 2432) * 1024, host.get("realCost").asLong());
        assertEquals(0.31, host.get("pressure").get("some").get("avg10").asDouble());
        assertEquals(1848265L, host.get("pressure").get("some").get("total").asLong());
        assertEquals(11, doc.get("cgroups").size(), "every cgroup, no folding, no depth limit");

        JsonNode froth = cgroup(doc, "/system.slice/froth.service");
        assertEquals("froth.service", froth.get("name").asText());
        assertEquals("service", froth.get("kind").asText());
        assertEquals("/system.slice", froth.get("parent").asText());
        assertEquals(4403 * MIB, froth.get("current").asLong());
        assertEquals(1126 * MIB, froth.get("anon").asLong());
        // realCost = anon + shmem + kmem (v1: no slab split) + pinned file (cache − shmem − active − inactive)
        assertEquals(1126 * MIB + 0 + 12 * MIB, froth.get("realCost").asLong());
        assertEquals(500 * MIB, froth.get("hotCache").asLong());
        assertEquals(4403 * MIB - (1138 * MIB) - 500 * MIB, froth.get("coldCache").asLong());
        assertTrue(froth.get("sock").isNull(), "v1 has no sock");
        assertTrue(froth.get("slabReclaimable").isNull(), "v1 has no slab split");
        assertTrue(froth.get("max").isNull(), "unlimited is null");
        assertTrue(froth.get("high").isNull(), "v1 has no memory.high");
        assertEquals(0.0, froth.get("pressure").get("some").get("avg10").asDouble());
        assertEquals(2, froth.get("processes").asInt());
        assertEquals(0, froth.get("oomKills").asInt());

        JsonNode db = cgroup(doc, "/system.slice/db.service");
        assertEquals(GIB, db.get("max").asLong());
        assertEquals(2, db.get("oomKills").asInt());
        assertEquals(650 * MIB + 64 * MIB + 128 * MIB, db.get("realCost").asLong());
        assertEquals(12.5, db.get("pressure").get("some").get("avg10").asDouble());

        JsonNode docker = cgroup(doc, "/docker/" + HostFixtures.CONTAINER_ID);
        assertEquals("docker 1c8fa019edd4", docker.get("name").asText());
        assertEquals("container", docker.get("kind").asText());
        assertTrue(docker.get("pressure").isNull(), "no cgroup2 group of that path");

        JsonNode top = cgroup(doc, "/");
        assertTrue(top.get("parent").isNull());
        assertEquals(7, top.get("processes").asInt(), "recursive: 2 at / + 2 froth + 1 db + 1 docker + 1 session");
    }

    @Test
    void pssAddsWhatSharingSavesToTheHost() throws Exception {
        Tree t = Tree.onDisk(dir);
        for (int pid : new int[] {100, 101, 200, 300, 400}) {
            t.file("/proc/" + pid + "/smaps_rollup", "00400000-7ffd0000 ---p 00000000 00:00 0    [rollup]\n"
                    + "Rss:               10240 kB\nPss:                6144 kB\nPss_Anon:           4096 kB\n"
                    + "Pss_File:           2048 kB\nPss_Shmem:             0 kB\nPrivate_Clean:         0 kB\n"
                    + "Private_Dirty:      4096 kB\nSwap:                  0 kB\nSwapPss:               0 kB\n");
        }
        Cli r = Cli.run("mem", "--root", root, "--pss", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode sharing = json(r.out()).get("host").get("sharing");
        assertEquals(5, sharing.get("processes").asInt());
        assertEquals(5 * 10240L * 1024, sharing.get("rss").asLong());
        assertEquals(5 * 6144L * 1024, sharing.get("pss").asLong());
        assertEquals(5 * 4096L * 1024, sharing.get("shared").asLong());
        assertTrue(json(Cli.run("mem", "--root", root, "--json").out()).get("host").get("sharing").isNull(),
                "without --pss no page table is walked");
        Cli text = Cli.run("mem", "--root", root, "--pss");
        assertTrue(text.out().contains("Sharing: 5 processes with PSS: RSS 50 MiB, PSS 30 MiB: 20 MiB shared"), text.out());
    }

    @Test
    void drillDownByUnitName() throws Exception {
        Cli r = Cli.run("mem", "--root", root, "froth.service");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("/system.slice/froth.service"), r.out());
        assertTrue(r.out().contains("froth.service is charged 4.3 GiB; its real cost is 1.1 GiB; the other 3.2 GiB is cache"),
                r.out());
        assertTrue(r.out().contains("the cache costs nobody anything right now"), r.out());
        assertTrue(r.out().contains("froth-worker"));
        Golden.assertMatches("mem-hybrid-fixture-froth.txt", r.out());

        JsonNode doc = json(Cli.run("mem", "--root", root, "--json", "/system.slice/db.service").out());
        assertEquals(1, doc.get("cgroups").size());
        assertEquals(1, doc.get("processes").size());
        JsonNode pg = doc.get("processes").get(0);
        assertEquals(200, pg.get("pid").asInt());
        assertEquals("postgres", pg.get("program").asText());
        assertEquals(640 * MIB, pg.get("rssAnon").asLong());
        assertEquals(64 * MIB, pg.get("rssShmem").asLong());
        assertEquals(8 * MIB, pg.get("swap").asLong());
        // db.service: charged 1000 MiB of a 1 GiB limit, real cost 650 + 64 + 128 MiB, 2 OOM kills, PSI 12.5%
        JsonNode verdicts = doc.get("verdicts");
        List<String> codes = new ArrayList<>();
        verdicts.forEach(v -> codes.add(v.get("code").asText()));
        assertEquals(List.of("real-cost", "cache-contended", "shmem-unreclaimable", "charge-close-to-limit", "oom-killed",
                "v1-slab-unsplit"), codes);
        JsonNode charge = verdicts.get(3);
        assertEquals("warn", charge.get("severity").asText());
        assertEquals("/system.slice/db.service", charge.get("subject").asText());
        JsonNode f = charge.get("figures");
        assertEquals(List.of("current", "limit", "percent", "file", "reclaimable", "realCostPercent"), JsonChecks.keys(f));
        assertEquals(1000 * MIB, f.get("current").asLong());
        assertEquals(GIB, f.get("limit").asLong());
        assertEquals(100.0 * 1000 / 1024, f.get("percent").asDouble(), 1e-9);
        assertEquals("memory.limit_in_bytes", f.get("file").asText());
        assertEquals(1000 * MIB - 842 * MIB, f.get("reclaimable").asLong());
        assertEquals(100.0 * 842 / 1024, f.get("realCostPercent").asDouble(), 1e-9);
        assertEquals("Charged 1.0 GiB, 98% of its memory.limit_in_bytes of 1.0 GiB; reclaim can give back 158 MiB of cache "
                + "before anything is killed, and real cost is 82% of it.", charge.get("text").asText());
        JsonNode oom = verdicts.get(4);
        assertEquals("crit", oom.get("severity").asText());
        assertEquals(2, oom.get("figures").get("oomKills").asInt());
        assertEquals("The kernel OOM-killed 2 processes in this cgroup (memory.oom_control oom_kill).", oom.get("text").asText());
        assertEquals(12.5, verdicts.get(1).get("figures").get("avg10").asDouble());
        assertEquals(64 * MIB, verdicts.get(2).get("figures").get("shmem").asLong());
    }


    @Test
    void containerByShortIdAndDockerName() {
        Cli r = Cli.run("mem", "--root", root, "1c8fa019edd4b9d4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("/docker/" + HostFixtures.CONTAINER_ID));
        assertEquals(0, Cli.run("mem", "--root", root, "docker 1c8fa019edd4").exitCode());
    }

    @Test
    void unknownCgroupExitsTwoWithClosestMatches() {
        Cli r = Cli.run("mem", "--root", root, "frothh.service");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("xray mem: no cgroup 'frothh.service'; closest:\n  /system.slice/froth.service"), r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void badUsage() {
        assertEquals(2, Cli.run("mem", "--depth", "-1", "--root", root).exitCode());
        assertEquals(2, Cli.run("mem", "--bogus").exitCode());
        Cli noDir = Cli.run("mem", "--root", dir.resolve("nope").toString());
        assertEquals(2, noDir.exitCode());
        assertTrue(noDir.err().contains("no such directory"), noDir.err());
    }

    @Test
    void helpListsExitCodes() {
        Cli r = Cli.run("mem", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("2   bad usage"), r.out());
        assertEquals("", r.err(), "help must format cleanly");
    }
}
