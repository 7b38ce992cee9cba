package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.JsonChecks;
import xray.testing.PsFixtures;
import xray.testing.Tree;

/** {@code xray ps} end to end on the fixture host of {@link PsFixtures}, read through --root. */
class PsCommandTest {
    @TempDir
    static Path dir;
    static String root;

    @BeforeAll
    static void host() {
        PsFixtures.write(Tree.onDisk(dir));
        root = dir.toString();
    }

    private static Cli ps(String... args) {
        List<String> all = new ArrayList<>(List.of("ps", "--root", root));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** The text as a UTF-8 terminal shows it (an ASCII locale draws "..." instead of "…"). */
    private static String text(Cli c) {
        assertEquals("", c.err());
        assertEquals(0, c.exitCode());
        return c.out().replace("...", "…");
    }

    @Test
    void processTable() {
        assertEquals("""
                PID  USER     SERVICE             PROGRAM       RSS  RSS ANON  RSS FILE  RSS SHMEM    SWAP  REAL COST  COMMAND
                100  app      app.service         java *    340 MiB   300 MiB    40 MiB        0 B  10 MiB    310 MiB  /usr/lib/jvm/java-17/bin/java -Xmx512m -jar /opt…
                101  app      app.service         java *    304 MiB   200 MiB    40 MiB     64 MiB     0 B    264 MiB  java -cp . Main
                102  uid 999  postgresql.service  postgres   79 MiB    10 MiB   5.0 MiB     64 MiB     0 B     74 MiB  postgres: checkpointer
                  1  root     init.scope          init       10 MiB   4.0 MiB   6.0 MiB        0 B     0 B    4.0 MiB  /sbin/init splash
                105  root     cron.service        cron      3.0 MiB   1.0 MiB   2.0 MiB        0 B     0 B    1.0 MiB  /usr/sbin/cron -f

                5 processes, largest real cost first. Real cost = RSS anon + RSS shmem + swap; --pss splits shared pages fairly.
                * a JVM: audit it with: xray jvm 100
                KSM merges identical pages and saves 1.0 MiB.
                """, text(ps()));
    }

    @Test
    void byProgramWithPss() {
        assertEquals("""
                PROGRAM   PROCESSES      RSS      PSS   SHARED      USS    SWAP  REAL COST
                java *            2  644 MiB  572 MiB   72 MiB  505 MiB  10 MiB    542 MiB
                postgres          1   79 MiB   45 MiB   34 MiB   11 MiB     0 B     42 MiB
                init              1   10 MiB  5.0 MiB  5.0 MiB  4.0 MiB     0 B    4.0 MiB
                TOTAL             4  733 MiB  622 MiB  111 MiB  520 MiB  10 MiB    588 MiB

                3 programs, largest real cost first.
                * JVMs among them: audit one with: xray jvm PID
                4 processes with PSS: RSS 733 MiB, PSS 622 MiB: 111 MiB shared. KSM merges identical pages and saves 1.0 MiB.
                """, text(ps("--pss", "--by", "program")));
    }

    @Test
    void sortTopCgroupUserFull() {
        String byPid = text(ps("--sort", "pid", "--top", "2"));
        assertTrue(byPid.startsWith("PID  USER  SERVICE      PROGRAM  "), byPid);
        assertTrue(byPid.contains("\n  1  root  init.scope   init   ") && byPid.contains("\n100  app   app.service  java *"),
                byPid);
        assertTrue(byPid.contains("2 of 5 processes (--top 0 shows all), by pid."), byPid);
        String cgroup = text(ps("--cgroup", "app.service", "--full"));
        assertTrue(cgroup.contains("--password=hunter2-and-a-long-tail-of-arguments\n"), cgroup);
        assertTrue(cgroup.contains("2 processes, largest real cost first."), cgroup);
        assertTrue(text(ps("--user", "root", "--sort", "program")).contains("\n105  root  cron.service  cron "));
        assertTrue(text(ps("--user", "999")).contains("\n102  uid 999  postgresql.service  postgres "));
        assertTrue(text(ps("--pss", "--sort", "uss", "--top", "1")).contains("1 of 4 processes (--top 0 shows all), largest USS first."));
    }

    @Test
    void kernelThreadsWithAllAndNothingToShow() {
        String all = text(ps("--all", "--sort", "pid", "--top", "2"));
        assertTrue(all.contains("\n  2  root  /           kthreadd       -         -         -          -     -          -  [kthreadd]\n"),
                all);
        assertTrue(all.lines().noneMatch(l -> l.endsWith(" ")), "no trailing spaces:\n" + all);
        assertEquals("No process matches.\nKSM merges identical pages and saves 1.0 MiB.\n", text(ps("--user", "nobody")));
    }

    @Test
    void jsonIsTheSchemaWithNullsWhereNotRead() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(ps("--json", "--top", "0").out());
        assertEquals("xray.ps/v2", doc.get("schema").asText());
        assertEquals(List.of("schema", "time", "hostname", "xrayVersion", "processes", "groups", "totals", "truncated",
                "sharing", "notes", "warnings"), JsonChecks.keys(doc));
        assertTrue(doc.get("truncated").isNull(), "nothing left out");
        assertTrue(doc.get("totals").isNull(), "no totals without --by");
        JsonNode p = doc.get("processes").get(0);
        assertEquals(List.of("pid", "user", "cgroup", "service", "program", "cmdline", "rss", "rssAnon", "rssFile", "rssShmem",
                "swap", "pss", "pssAnon", "pssFile", "pssShmem", "uss", "swapPss", "realCost", "jvm"), JsonChecks.keys(p));
        assertEquals(100, p.get("pid").asInt());
        assertEquals("/system.slice/app.service", p.get("cgroup").asText());
        assertEquals("app.service", p.get("service").asText());
        assertTrue(p.get("cmdline").isArray(), "argv, whole");
        assertEquals("/usr/lib/jvm/java-17/bin/java", p.get("cmdline").get(0).asText());
        assertEquals(340L << 20, p.get("rss").asLong());
        assertEquals(300L << 20, p.get("rssAnon").asLong());
        assertTrue(p.get("pss").isNull() && p.get("uss").isNull(), "not read without --pss: null, not 0");
        assertEquals(310L << 20, p.get("realCost").asLong());
        assertTrue(p.get("jvm").asBoolean());
        assertEquals(5, doc.get("processes").size());
        assertEquals(0, doc.get("groups").size());
        assertTrue(doc.get("sharing").get("rss").isNull() && doc.get("sharing").get("pss").isNull());
        assertEquals(1L << 20, doc.get("sharing").get("ksm").asLong());
    }

    @Test
    void jsonWithPssAndGroups() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(ps("--json", "--pss", "--by", "service", "--full").out());
        JsonNode p = doc.get("processes").get(0);
        assertEquals(320L << 20, p.get("pss").asLong());
        assertEquals(305L << 20, p.get("uss").asLong());
        JsonNode argv = p.get("cmdline");
        assertEquals("--password=hunter2-and-a-long-tail-of-arguments", argv.get(argv.size() - 1).asText());
        JsonNode g = doc.get("groups").get(0);
        assertEquals(List.of("by", "name", "cgroup", "processes", "jvms", "rss", "rssAnon", "rssFile", "rssShmem", "swap",
                "pss", "pssAnon", "pssFile", "pssShmem", "uss", "swapPss", "realCost", "shared"), JsonChecks.keys(g));
        assertEquals("service", g.get("by").asText());
        assertEquals("app.service", g.get("name").asText());
        assertEquals("/system.slice/app.service", g.get("cgroup").asText());
        assertEquals(2, g.get("processes").asInt());
        assertEquals(72L << 20, g.get("shared").asLong());
        JsonNode s = doc.get("sharing");
        assertEquals(List.of("rss", "pss", "ksm"), JsonChecks.keys(s));
        assertEquals(733L << 20, s.get("rss").asLong());
        assertEquals(622L << 20, s.get("pss").asLong());
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        assertUsage(ps("--sort", "pss"), "xray ps: --sort pss needs --pss");
        assertUsage(ps("--sort", "bogus"), "xray ps: --sort: 'bogus' is not a sort key (pid, user, cgroup, "
                + "service, program, cmdline, rss, rssAnon, rssFile, rssShmem, swap, pss, pssAnon, pssFile, pssShmem, uss, "
                + "swapPss, realCost)");
        assertUsage(ps("--sort", "rsss"), "xray ps: --sort: 'rsss' is not a sort key; did you mean 'rss'? (pid, user, "
                + "cgroup, service, program, cmdline, rss, rssAnon, rssFile, rssShmem, swap, pss, pssAnon, pssFile, "
                + "pssShmem, uss, swapPss, realCost)");
        assertUsage(ps("--user", "mallory"), "xray ps: --user: no user 'mallory' in " + root + "/etc/passwd");
        assertUsage(ps("--top", "-1"), "xray ps: --top must be 0 or more, not -1");
        assertUsage(ps("--pss-max-rss", "lots"),
                "xray ps: --pss-max-rss: 'lots' is not a size (like 64GiB, 512M or 4096)");
        assertUsage(ps("--by", "host"), "xray ps: --by: expected one of program, service, user "
                + "but was 'host'");
        Cli c = ps("--cgroup", "app.servise");
        assertEquals(2, c.exitCode());
        assertTrue(c.err().startsWith("xray ps: no cgroup 'app.servise'; closest:\n  /system.slice/app.service\n"), c.err());
    }

    @Test
    void sizes() {
        Size s = new Size();
        assertEquals(64L << 30, s.convert("64GiB"));
        assertEquals(Size.PAGE_WALK_MAX_RSS_BYTES, s.convert(Size.PAGE_WALK_MAX_RSS), "the option's default and its bytes");
        assertEquals(512L << 20, s.convert("512M"));
        assertEquals(3L << 29, s.convert("1.5 g"));
        assertEquals(4096L, s.convert("4096"));
    }

    @Test
    void noProcUnderRootIsExitOne() {
        Cli c = Cli.run("ps", "--root", dir.resolve("etc").toString());
        assertEquals(1, c.exitCode());
        assertEquals("xray: " + dir.resolve("etc/proc") + ": no processes; is " + dir.resolve("etc")
                + " a Linux root?\n", c.err());
    }

    private static void assertUsage(Cli c, String firstLine) {
        assertEquals(2, c.exitCode(), c.err());
        assertEquals(firstLine, c.err().lines().findFirst().orElse(""));
        assertEquals("", c.out());
    }

}
