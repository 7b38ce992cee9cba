package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.testing.Cli;
import xray.testing.HostFixtures;
import xray.testing.JsonChecks;
import xray.testing.Live;
import xray.testing.Tree;
import xray.testing.Command;

/**
 * What an SRE types, against the fixture host: cgroups named the ways people name them, sort keys
 * and fields by any of their names, CSV and TSV that other tools read, units, filters, the header
 * of every JSON document, usage errors in one line; and tables that fit 60 to 200 columns.
 */
class HandsTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;
    String root;

    @BeforeEach
    void host() {
        Tree t = HostFixtures.hybrid(Tree.onDisk(dir));
        // a second froth.service, elsewhere in the tree: "froth.service" alone is then ambiguous
        HostFixtures.v1(t, "/sys/fs/cgroup/memory/user.slice/froth.service", MIB, MIB, -1, MIB, 0, 0, 0, 0, 0, 0, "");
        root = dir.toString();
    }

    Cli mem(String... args) {
        return Cli.run(with(List.of("mem", "--root", root), args));
    }

    Cli ps(String... args) {
        return Cli.run(with(List.of("ps", "--root", root), args));
    }

    static String[] with(List<String> head, String... args) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    /** The path xray mem shows in full for what was typed (its first line), or fails with stderr. */
    String found(String... typed) {
        Cli r = mem(typed);
        assertEquals(0, r.exitCode(), String.join(" ", typed) + ": " + r.err());
        return r.out().lines().findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- names as typed

    @Test
    void cgroupsAreFoundAsTheyAreTyped() {
        String container = "/docker/" + HostFixtures.CONTAINER_ID;
        assertEquals("/system.slice/db.service", found("/system.slice/db.service"));
        assertEquals("/system.slice/db.service", found("system.slice/db.service"), "without the leading slash");
        assertEquals("/system.slice/db.service", found("system.slice/db.service/"), "with a trailing slash");
        assertEquals("/system.slice/db.service", found("db.service"));
        assertEquals("/system.slice/db.service", found("db"), "the unit's name without its suffix, when unique");
        assertEquals(container, found("1c8fa0"), "6 hex digits of the id");
        assertEquals(container, found("1C8FA019EDD4".toLowerCase()));
        assertEquals(container, found("docker", "1c8fa0"), "docker ID as two words");
        assertEquals(container, found("docker 1c8fa019edd4"), "docker ID as one argument, as the table shows it");
        assertEquals(container, found("docker-1c8fa0"));
        assertEquals(container, found("1c8fa019edd4…a6e84b039"), "cut as a table cuts it");
        assertEquals(container, found("1c8fa019edd4...a6e84b039"), "cut, in ASCII");
        assertEquals("/system.slice/tiny-a.service", found("├─ tiny-a.service"), "a cell copied with the tree's lines");
        assertEquals("/system.slice/tiny-a.service", found("│  └─ tiny-a.service"), "deeper in the tree");
        assertEquals("/system.slice/tiny-a.service", found("`- tiny-a.service"), "the ASCII tree's last branch");
        assertEquals("/system.slice/tiny-a.service", found("|  |- tiny-a.service"), "the ASCII tree");
    }

    @Test
    void anAmbiguousNameExitsTwoAndListsTheMatches() {
        Cli r = mem("froth.service");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals("xray mem: 'froth.service' names 2 cgroups; give more of it, or the path:\n"
                + "  /system.slice/froth.service\n  /user.slice/froth.service\n", r.err());
        assertEquals("/system.slice/froth.service", found("system.slice/froth.service"));
        assertEquals(2, mem("froth").exitCode(), "froth: froth.service twice");
    }

    @Test
    void tooShortAnIdIsNotAPrefixAndTheClosestComeFirst() {
        Cli r = mem("1c8fa");
        assertEquals(2, r.exitCode(), "5 hex digits are too few to be an id");
        assertTrue(r.err().startsWith("xray mem: no cgroup '1c8fa'; closest:\n  /docker/" + HostFixtures.CONTAINER_ID
                + "\n"), "a prefix ranks first:\n" + r.err());
        Cli tiny = mem("tiny");
        assertEquals(2, tiny.exitCode());
        assertTrue(tiny.err().contains("closest:\n  /system.slice/tiny-a.service\n  /system.slice/tiny-b.service\n"),
                "prefix matches first:\n" + tiny.err());
        Cli dbx = mem("dbx.service");
        assertTrue(dbx.err().contains("closest:\n  /system.slice/db.service\n"), "then by edit distance:\n" + dbx.err());
        assertEquals(0, ps("--cgroup", "db").exitCode(), "ps --cgroup finds it as mem does");
        assertEquals(2, ps("--cgroup", "froth").exitCode());
    }

    // ---------------------------------------------------------------- sort, filters, fields, units

    @Test
    void psSortsByAnyNameOfAFieldAndReverses() {
        for (String key : List.of("rss", "RSS", "Rss")) {
            List<Integer> pids = pids(ps("--sort", key, "-r", "--csv", "-o", "pid"));
            assertEquals(List.of(400, 300, 101, 200, 100), pids, "--sort " + key + " -r: smallest RSS first");
        }
        assertEquals(List.of(100, 200, 101, 300, 400), pids(ps("--sort", "rss", "--csv", "-o", "pid")));
        assertEquals(pids(ps("--sort", "realCost", "--csv", "-o", "pid")), pids(ps("--sort", "real-cost", "--csv", "-o",
                "pid")));
        assertEquals(pids(ps("--sort", "realcost", "--csv", "-o", "pid")), pids(ps("--sort", "REAL COST", "--csv", "-o",
                "pid")));
        assertEquals(List.of(100, 101, 200, 300, 400), pids(ps("--sort", "pid", "--csv", "-o", "pid")));
        assertEquals(List.of(400, 300, 200, 101, 100), pids(ps("--sort", "pid", "-r", "--csv", "-o", "pid")));
    }

    @Test
    void psFilters() {
        assertEquals(List.of(100, 200), pids(ps("-p", "100,200", "--csv", "-o", "pid")), "by real cost");
        assertEquals(List.of(100, 200), pids(ps("--pid", "200", "-p", "100", "--csv", "-o", "pid")));
        assertEquals(List.of(100, 101), pids(ps("--program", "^froth", "--csv", "-o", "pid")));
        assertEquals(List.of(100, 200), pids(ps("--top", "2", "--csv", "-o", "pid")));
        Cli bad = ps("--program", "(");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("xray ps: --program '(' is not a regular expression"), bad.err());
    }

    @Test
    void csvIsReadByPythonsCsvModule() throws Exception {
        Cli r = ps("--csv", "-o", "pid,rss,realcost,cmdline");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("pid,rss,realCost,cmdline\n"), r.out());
        Live.require(Live.onPath("python3"), "needs python3 to read the CSV with its csv module");
        Path file = dir.resolve("ps.csv");
        Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        String read = python("import csv,sys\nrows=list(csv.DictReader(open(sys.argv[1],newline='')))\n"
                + "print(len(rows))\nfor r in rows: print(int(r['pid']), int(r['rss']), int(r['realCost']), "
                + "repr(r['cmdline']))\n", file.toString());
        List<String> lines = read.lines().toList();
        assertEquals("5", lines.get(0), read);
        assertEquals("100 " + (940 * MIB) + " " + (900 * MIB) + " 'froth'", lines.get(1), "bytes as integers:\n" + read);

        Cli tsv = ps("--tsv", "--no-header", "-o", "pid,program", "-p", "100,200");
        assertEquals("100\tfroth\n200\tpostgres\n", tsv.out());
    }

    @Test
    void unitsAsFreeHasThem() throws Exception {
        assertEquals("PID  RSS\n100  940\n", table(ps("-m", "-o", "pid,rss", "-p", "100")));
        assertEquals("PID     RSS\n100  962560\n", table(ps("-k", "-o", "pid,rss", "-p", "100")));
        assertEquals("PID        RSS\n100  985661440\n", table(ps("-b", "-o", "pid,rss", "-p", "100")));
        assertEquals("PID  RSS\n100  985\n", table(ps("-m", "--si", "-o", "pid,rss", "-p", "100")));
        assertEquals("PID      RSS\n100  940 MiB\n", table(ps("-h", "-o", "pid,rss", "-p", "100")));
        assertTrue(ps("-m", "-o", "pid,rss", "-p", "100").out().contains("Sizes in MiB."));
        Cli two = ps("-m", "-g");
        assertEquals(2, two.exitCode());
        assertEquals("xray ps: -h, -b, -k, -m and -g each choose the unit of sizes: give one\n", two.err());
        JsonNode p = json(ps("--json", "-m", "-p", "100")).get("processes").get(0);
        assertEquals(940 * MIB, p.get("rss").asLong(), "JSON stays in bytes whatever the unit");
    }

    @Test
    void psByHasATotalsRow() throws Exception {
        Cli r = ps("--by", "service");
        assertTrue(r.out().contains("\nTOTAL            5  2.0 GiB  8.0 MiB    1.9 GiB\n"), r.out());
        JsonNode doc = json(ps("--by", "program", "--json"));
        assertEquals(5, doc.get("groups").size(), "froth, froth-worker, postgres, nginx, bash");
        JsonNode totals = doc.get("totals");
        assertEquals(5, totals.get("processes").asInt());
        // the fixture's five processes (HostFixtures.hybrid): RSS 940 + 232 + 734 + 163 + 8 MiB; real cost
        // RSS anon + shmem + swap: 900 + 220 + (640 + 64 + 8) + (150 + 4) + 5 MiB
        assertEquals(2077 * MIB, totals.get("rss").asLong());
        assertEquals(1991 * MIB, totals.get("realCost").asLong());
    }

    @Test
    void memSortsFlattensAndSelects() throws Exception {
        Cli flat = mem("--flat", "--sort", "realcost", "--csv", "-o", "path,realcost");
        assertEquals(0, flat.exitCode(), flat.err());
        List<String> rows = flat.out().lines().toList();
        assertEquals("path,realCost", rows.get(0));
        assertEquals("/system.slice/froth.service", rows.get(1).split(",")[0], "the leaf that costs most first");
        assertTrue(rows.stream().noneMatch(l -> l.startsWith("/system.slice,") || l.startsWith("/docker,")),
                "leaves only:\n" + flat.out());
        long prev = Long.MAX_VALUE;
        for (String row : rows.subList(1, rows.size())) {
            long cost = Long.parseLong(row.split(",")[1]);
            assertTrue(cost <= prev, "sorted by real cost:\n" + flat.out());
            prev = cost;
        }
        List<String> reversed = mem("--flat", "--sort", "real-cost", "-r", "--csv", "--no-header", "-o", "path").out()
                .lines().toList();
        assertEquals("/system.slice/froth.service", reversed.get(reversed.size() - 1));
        Cli top = mem("--flat", "--top", "2", "--json");
        JsonNode doc = json(top);
        assertEquals(2, doc.get("truncated").get("shown").asInt(), doc.get("truncated").toString());
        assertEquals(7, doc.get("truncated").get("total").asInt(), "the fixture's leaves");
        assertEquals(2, doc.get("cgroups").size());
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void everyDocumentHasItsHeader() throws Exception {
        for (Cli r : List.of(mem("--json"), mem("--json", "db"), ps("--json"), ps("--json", "--by", "user"),
                Cli.run("jvm", "--json", "--root", root))) {
            assertEquals(0, r.exitCode(), r.err());
            JsonNode doc = json(r);
            assertEquals(List.of("schema", "time", "hostname", "xrayVersion"), JsonChecks.keys(doc).subList(0, 4), r.out());
            Instant t = Instant.parse(doc.get("time").asText());
            assertTrue(Math.abs(t.toEpochMilli() - System.currentTimeMillis()) < 60_000, "now, UTC: " + t);
            assertTrue(doc.get("time").asText().endsWith("Z"), "RFC 3339 in UTC");
            assertEquals("fixture-host", doc.get("hostname").asText());
            assertFalse(doc.get("xrayVersion").asText().isBlank());
        }
        assertEquals(1, mem("--json").out().lines().count(), "one line in a pipe");
        assertTrue(mem("--json", "--pretty").out().lines().count() > 10, "--pretty indents");
    }

    @Test
    void jsonIsWholeAndCgroupsSayWhetherTheyAreLeaves() throws Exception {
        JsonNode doc = json(mem("--json"));
        JsonNode host = doc.get("host");
        assertTrue(host.get("coldCache").asLong() > 0 && host.get("hotCache").asLong() > 0, host.toString());
        assertEquals(12, doc.get("cgroups").size(), "every cgroup of the fixture");
        for (JsonNode cg : doc.get("cgroups")) {
            String path = cg.get("path").asText();
            boolean leaf = path.endsWith(".service") || path.endsWith(".scope") || path.contains("/docker/");
            assertEquals(leaf, cg.get("leaf").asBoolean(), path);
            assertEquals(leaf, cg.get("children").asInt() == 0, path);
        }
        JsonNode ps = json(ps("--json"));
        assertEquals(5, ps.get("processes").size(), "every process");
        assertTrue(ps.get("truncated").isNull());
        JsonNode top = json(ps("--json", "--top", "2"));
        assertEquals(2, top.get("processes").size());
        assertEquals(2, top.get("truncated").get("shown").asInt());
        assertEquals(5, top.get("truncated").get("total").asInt());
        JsonNode drill = json(mem("--json", "db"));
        List<String> codes = new ArrayList<>();
        drill.get("verdicts").forEach(v -> codes.add(v.get("code").asText()));
        assertFalse(codes.isEmpty());
        assertTrue(codes.stream().allMatch(c -> c.matches("[a-z0-9]+(-[a-z0-9]+)*")), codes.toString());
    }

    // ---------------------------------------------------------------- messages

    @Test
    void usageErrorsAreOneLineWithTheClosestWord() {
        assertErr("xray mem: unknown option '--jsn'; did you mean '--json'? (xray mem --help lists them)", "mem", "--jsn");
        assertErr("xray: 'memory' is not a command; did you mean 'mem'? (commands: mem, ps, jvm, top, serve, capture)", "memory");
        Cli sort = ps("--sort", "rsss");
        assertTrue(sort.err().startsWith("xray ps: --sort: 'rsss' is not a sort key; did you mean 'rss'?"), sort.err());
        Cli hoisted = Cli.run("--json", "mem", "--root", root);
        assertEquals(0, hoisted.exitCode(), "an option every command has may come first: " + hoisted.err());
        assertTrue(hoisted.out().startsWith("{\"schema\":\"xray.mem/"), hoisted.out());
        Cli help = Cli.run("-h", "mem");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("An X-ray of memory"), "xray's own -h, not mem's -h (human sizes): " + help.out());
        assertEquals(2, Cli.run("-b", "top", "--root", root).exitCode(),
                "-b is an output option of mem but top's batch mode: not moved after top");
        Cli before = Cli.run("--depth", "2", "mem");
        assertEquals(2, before.exitCode());
        assertTrue(before.err().startsWith("xray: '--depth' is not an option of xray; an option of a command goes "
                + "after it (xray mem --depth)"), before.err());
        Cli color = Cli.run("mem", "--color", "--root", root);
        assertEquals(0, color.exitCode(), "a bare --color means always: " + color.err());
        assertTrue(color.out().contains("\u001b["), "coloured");
        for (String command : List.of("mem", "ps", "jvm", "top", "serve", "capture")) {
            Cli v = Cli.run(command, "-V");
            assertEquals(0, v.exitCode(), command);
            assertTrue(v.out().startsWith("xray "), command + " -V: " + v.out());
        }
    }

    private static void assertErr(String line, String... args) {
        Cli r = Cli.run(args);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(line + "\n", r.err());
    }

    // ---------------------------------------------------------------- widths

    @Test
    void tablesFitFrom60To200ColumnsAndNameWhatTheyLeaveOut() {
        for (int width : List.of(60, 72, 80, 100, 120, 160, 200)) {
            for (String[] args : List.of(new String[] {"mem"}, new String[] {"mem", "db"}, new String[] {"ps"},
                    new String[] {"ps", "--by", "service"}, new String[] {"mem", "--flat"})) {
                String out = terminal(width, with(List.of(args), "--root", root));
                for (String line : out.split("\n")) {
                    assertTrue(line.codePointCount(0, line.length()) <= width, width + " columns, xray "
                            + String.join(" ", args) + ": " + line);
                }
            }
            String tree = terminal(width, "mem", "--root", root);
            assertTrue(tree.contains("docker 1c8fa019edd4 "), "a container's name whole at " + width + ":\n" + tree);
            String db = tree.lines().filter(l -> l.contains("db.service")).findFirst().orElseThrow();
            boolean oomShown = tree.contains(" OOM") && db.stripTrailing().matches(".*\\s2(\\s+\\d+)?");
            assertTrue(oomShown || tree.contains("2 OOM kills in db.service"), "the OOM kills of db.service at "
                    + width + ":\n" + tree);
            String header = tree.lines().filter(l -> l.startsWith("CGROUP ")).findFirst().orElseThrow();
            if (!header.contains("PROCS")) {
                assertTrue(tree.contains("Not shown in " + width + " columns (-w): "), tree);
            } else {
                assertFalse(tree.contains("Not shown"), tree);
            }
        }
        String brief = terminal(80, "mem", "--brief", "--no-legend", "--root", root);
        assertTrue(brief.startsWith("CGROUP "), "the tree alone:\n" + brief);
        assertTrue(brief.lines().count() <= 12, brief);
    }

    /** xray on a terminal of this width, without colour. */
    static String terminal(int width, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            int rc = Main.run(o, e, new Main.Context(true, Map.of("COLUMNS", String.valueOf(width), "LANG", "C.UTF-8",
                    "NO_COLOR", "1")), args);
            assertEquals(0, rc, String.join(" ", args) + ": " + err);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    /** The table's lines up to the first blank one. */
    static String table(Cli r) {
        assertEquals(0, r.exitCode(), r.err());
        StringBuilder b = new StringBuilder();
        for (String line : r.out().split("\n")) {
            if (line.isBlank()) {
                break;
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    static List<Integer> pids(Cli r) {
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("pid", lines.get(0));
        return lines.subList(1, lines.size()).stream().map(Integer::valueOf).toList();
    }

    static JsonNode json(Cli r) throws Exception {
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    static String python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        return Command.output(cmd);
    }
}
