package xray.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xray.kernel.CgroupProcs;
import xray.kernel.ColonFields;
import xray.kernel.Keyed;
import xray.kernel.KeyedValues;
import xray.kernel.Malformed;
import xray.kernel.Mountinfo;
import xray.kernel.Passwd;
import xray.kernel.ProcCgroup;
import xray.kernel.PsiFormat;
import xray.kernel.SingleValue;
import xray.kernel.SmapsRollup;
import xray.kernel.StatusFile;
import xray.model.Limit;
import xray.testing.Cli;
import xray.testing.HostFixtures;
import xray.testing.JsonChecks;
import xray.testing.PeerCorpus;
import xray.testing.PsFixtures;
import xray.testing.Tree;

/**
 * Robustness by fuzzing (issue 10): real inputs (the testdata/ captures, the fixture hosts and the
 * peer corpus) mutated, seeded and reproducible. Properties: every parser returns or says
 * Malformed, nothing else; over --root, every run of mem and ps exits 0 or 1 with no internal error,
 * --json parses, no number in it is negative, no raw escape byte reaches the output, and a single
 * value replaced by garbage is null, never a number. {@code -Dxray.fuzz.seed=N} replays a run,
 * {@code -Dxray.fuzz.cases=N} sets how many snapshot runs (default 2,720).
 */
class FuzzTest {
    static final long SEED = Long.getLong("xray.fuzz.seed", 20261201L);
    static final int CASES = Integer.getInteger("xray.fuzz.cases", 2720);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- parsers

    /** The parser for a kernel file, by its name; null for files xray does not parse. */
    static Function<String, Object> parser(String name) {
        return switch (name) {
            case "meminfo" -> t -> check(ColonFields.parseNumbers(t));  // sizes in kB: never past 2^63
            case "smaps_rollup" -> t -> SmapsRollup.of(check(SmapsRollup.parse(t)));
            case "status" -> t -> StatusFile.parse(1, t);
            case "memory.stat", "memory.events", "memory.oom_control", "cgroup.stat" -> t -> Keyed.parse(t);
            case "memory.current", "memory.usage_in_bytes", "memory.max_usage_in_bytes", "memory.peak",
                 "memory.kmem.usage_in_bytes", "memory.swap.current" -> t -> nonNegative(SingleValue.parseBytes(t));
            case "memory.max", "memory.high", "memory.low", "memory.min", "memory.limit_in_bytes",
                 "memory.soft_limit_in_bytes" -> t -> limit(SingleValue.parseLimit(t));
            case "memory.pressure", "memory" -> PsiFormat::parse;
            case "mountinfo" -> Mountinfo::parse;
            case "cgroup" -> ProcCgroup::parse;
            case "cgroup.procs" -> CgroupProcs::parse;
            case "passwd" -> Passwd::parse;
            default -> null;
        };
    }

    /** Sizes given in kB cannot pass 2^63 once in bytes (plain counts like HugePages_Total stay u64). */
    static KeyedValues check(KeyedValues kv) {
        kv.values().forEach((k, v) -> assertTrue(v >= 0 || k.startsWith("HugePages_"),
                "a kB size past 2^63 must not parse: " + k + " " + v));
        return kv;
    }

    static long nonNegative(long v) {
        assertTrue(v >= 0, "bytes " + v);
        return v;
    }

    static Limit limit(Limit l) {
        assertTrue(l.bytes() >= 0, "limit " + l);
        return l;
    }

    /** Every input file of the captures and the corpus that some parser reads, with its text. */
    static List<Map.Entry<Path, String>> inputs() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(Path.of("testdata/v2-qemu"), Path.of("testdata/v1-hybrid")));
        roots.add(PeerCorpus.root());
        List<Map.Entry<Path, String>> out = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && parser(p.getFileName().toString()) != null
                            && Files.size(p) < (1 << 20)) {
                        out.add(Map.entry(p, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyParserReturnsOrSaysMalformed() throws IOException {
        Random random = new Random(SEED);
        Mutator mutator = new Mutator(random);
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Map.Entry<Path, String> in : inputs()) {
            Function<String, Object> parse = parser(in.getKey().getFileName().toString());
            String text = in.getValue();
            // Truncation at every offset (every 8th for files past 4 KiB), then mutations.
            int step = text.length() > 4096 ? 8 : 1;
            for (int at = 0; at <= text.length(); at += step) {
                runs++;
                once(parse, text.substring(0, at), in.getKey() + " truncated at " + at, failures);
            }
            for (int i = 0; i < 40; i++) {
                String[] m = mutator.mutate(text);
                runs++;
                once(parse, m[1], in.getKey() + " " + m[0] + " #" + i, failures);
            }
        }
        assertTrue(runs > 10_000, "runs " + runs);
        assertEquals(List.of(), failures.stream().limit(10).toList(), "seed " + SEED + ", " + failures.size()
                + " of " + runs + " parser runs failed");
    }

    private static void once(Function<String, Object> parse, String text, String what, List<String> failures) {
        try {
            parse.apply(text);
        } catch (Malformed expected) {
            // the one way to say no
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            failures.add(what + ": " + e);
        }
    }

    // ---------------------------------------------------------------- mem and ps over mutated snapshots

    /** A snapshot to mutate in place (each case restores what it changed). */
    record Snapshot(Path root, List<Path> files, List<String[]> commands) {
    }

    List<Snapshot> snapshots() throws IOException {
        List<Snapshot> out = new ArrayList<>();
        out.add(snapshot(Tree.onDisk(dir.resolve("v2")).copy(Path.of("testdata/v2-qemu"), "/").root(), "/xray-capture"));
        out.add(snapshot(Tree.onDisk(dir.resolve("v1")).copy(Path.of("testdata/v1-hybrid"), "/").root(), null));
        out.add(snapshot(HostFixtures.hybrid(Tree.onDisk(dir.resolve("fixture"))).root(), "froth.service"));
        out.add(snapshot(PsFixtures.write(Tree.onDisk(dir.resolve("ps"))).root(), null));
        return out;
    }

    private static Snapshot snapshot(Path root, String cgroup) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        String r = root.toString();
        List<String[]> commands = new ArrayList<>(List.of(
                new String[] {"mem", "--json", "--root", r},
                new String[] {"ps", "--pss", "--json", "--top", "0", "--root", r},
                new String[] {"mem", "--all", "--depth", "9", "--root", r},
                new String[] {"ps", "--pss", "--by", "service", "--root", r}));
        if (cgroup != null) {
            commands.add(new String[] {"mem", "--json", "--root", r, cgroup});
        }
        return new Snapshot(root, files, commands);
    }

    @Test
    void memAndPsOverMutatedSnapshots() throws Exception {
        Random random = new Random(SEED);
        Mutator mutator = new Mutator(random);
        List<Snapshot> snaps = snapshots();
        Path fifo = dir.resolve("a-fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < CASES; n++) {
            Snapshot snap = snaps.get(n % snaps.size());
            List<Runnable> undo = new ArrayList<>();
            StringBuilder what = new StringBuilder("case " + n + " (seed " + SEED + "):");
            String garbageFile = null;
            java.util.Set<Path> touched = new java.util.HashSet<>();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                Path file = snap.files().get(random.nextInt(snap.files().size()));
                if (!touched.add(file)) {
                    continue;
                }
                byte[] original = Files.readAllBytes(file);
                undo.add(0, () -> restore(file, original));
                int structural = random.nextInt(40);
                if (structural == 0) {
                    Files.delete(file);
                    Files.createDirectory(file);
                    what.append(' ').append(file).append(" a directory;");
                } else if (structural == 1) {
                    Files.delete(file);
                    Files.createSymbolicLink(file, file.getFileName());
                    what.append(' ').append(file).append(" a link to itself;");
                } else if (structural == 2) {
                    Files.delete(file);
                    Files.createLink(file, fifo);
                    what.append(' ').append(file).append(" a FIFO;");
                } else if (structural < 6 && isSingleValue(file)) {
                    String junk = List.of("12x4", "", "-5", "1.5", "0x10", "18446744073709551616", "\uff19", "max")
                            .get(random.nextInt(8));
                    Files.writeString(file, junk + "\n", StandardCharsets.UTF_8);
                    garbageFile = file.toString();
                    what.append(' ').append(file).append(" garbage '").append(junk).append("';");
                } else {
                    String[] m = mutator.mutate(new String(original, StandardCharsets.ISO_8859_1));
                    Files.write(file, m[1].getBytes(StandardCharsets.ISO_8859_1));
                    what.append(' ').append(file.getFileName()).append(' ').append(m[0]).append(';');
                }
            }
            String[] args = snap.commands().get(random.nextInt(snap.commands().size()));
            try {
                check(Cli.run(args), args, garbageFile, snap.root(), what.toString(), failures);
            } catch (RuntimeException | Error e) {
                failures.add(what + " " + String.join(" ", args) + ": " + e);
            }
            for (Runnable u : undo) {
                u.run();
            }
        }
        assertEquals(List.of(), failures.stream().limit(10).toList(), failures.size() + " of " + CASES
                + " runs failed; replay with -Dxray.fuzz.seed=" + SEED);
    }

    private static boolean isSingleValue(Path file) {
        String n = file.getFileName().toString();
        return n.equals("memory.current") || n.equals("memory.usage_in_bytes") || n.equals("memory.peak")
                || n.equals("memory.max_usage_in_bytes");
    }

    private static void restore(Path file, byte[] content) {
        try {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            } else {
                Files.deleteIfExists(file);
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void check(Cli r, String[] args, String garbageFile, Path root, String what, List<String> failures)
            throws IOException {
        String cmd = what + " xray " + String.join(" ", args);
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            failures.add(cmd + ": exit " + r.exitCode() + ": " + r.err());
            return;
        }
        if (r.err().contains("internal error") || r.err().contains("Exception") || r.err().contains("\tat ")) {
            failures.add(cmd + ": " + r.err().lines().limit(3).toList());
            return;
        }
        if (r.out().contains("\u001b") || r.err().contains("\u001b")) {
            failures.add(cmd + ": a raw ESC in the output");
            return;
        }
        if (r.exitCode() == 1) {
            if (r.out().length() > 0 || r.err().lines().filter(l -> !l.startsWith("xray: warning:")).count() != 1) {
                failures.add(cmd + ": exit 1 needs one line and no output: " + r.err());
            }
            return;
        }
        if (!List.of(args).contains("--json")) {
            // The figures of mem's tables (the first line names the host, which may be anything).
            String figures = args[0].equals("mem") ? r.out().substring(r.out().indexOf('\n') + 1) : "";
            if (java.util.regex.Pattern.compile("(^|\\s)-[0-9]").matcher(figures).find()) {
                failures.add(cmd + ": a negative figure in\n" + r.out());
            }
            return;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(r.out());
        } catch (IOException e) {
            failures.add(cmd + ": JSON does not parse: " + e.getMessage());
            return;
        }
        List<String> negative = JsonChecks.negativeNumbers(doc);
        if (!negative.isEmpty()) {
            failures.add(cmd + ": negative numbers " + negative);
        }
        if (garbageFile != null && args[0].equals("mem") && doc.has("cgroups")) {
            String name = Path.of(garbageFile).getFileName().toString();
            String field = name.equals("memory.current") || name.equals("memory.usage_in_bytes") ? "current" : "peak";
            String cgroup = cgroupOf(root, Path.of(garbageFile));
            for (JsonNode cg : doc.get("cgroups")) {
                if (cg.get("path").asText().equals(cgroup) && !cg.get(field).isNull()) {
                    failures.add(cmd + ": " + cgroup + " " + field + " is " + cg.get(field) + " from garbage");
                }
            }
        }
    }

    /** The cgroup path of a control file: …/sys/fs/cgroup[/memory]/a/b/memory.current → /a/b. */
    static String cgroupOf(Path root, Path file) {
        String rel = root.relativize(file.getParent()).toString();
        for (String mount : List.of("sys/fs/cgroup/memory", "sys/fs/cgroup")) {
            if (rel.equals(mount)) {
                return "/";
            }
            if (rel.startsWith(mount + "/")) {
                return rel.substring(mount.length());
            }
        }
        return "?";
    }

    // ---------------------------------------------------------------- hand-made trees

    @Test
    void deepAndWideTrees() throws Exception {
        Tree t = HostFixtures.hybrid(Tree.onDisk(dir.resolve("deep")));
        StringBuilder p = new StringBuilder("/sys/fs/cgroup/memory/system.slice");
        for (int i = 0; i < 200; i++) {
            p.append("/l").append(i % 10);
            t.file(p + "/memory.usage_in_bytes", "4096\n");
        }
        Cli deep = Cli.run("mem", "--json", "--root", t.root().toString());
        assertEquals(0, deep.exitCode(), deep.err());
        assertEquals(211, JSON.readTree(deep.out()).get("cgroups").size());
        Cli deepTable = Cli.run("mem", "--all", "--depth", "300", "--root", t.root().toString());
        assertEquals(0, deepTable.exitCode(), deepTable.err());

        Tree w = HostFixtures.hybrid(Tree.onDisk(dir.resolve("wide")));
        Path wide = w.root().resolve("sys/fs/cgroup/memory/docker");
        for (int i = 0; i < 20_000; i++) {
            Files.createDirectory(wide.resolve("c" + i));
        }
        Files.writeString(wide.resolve("c7/memory.usage_in_bytes"), "1234567\n");
        Cli r = Cli.run("mem", "--json", "--root", w.root().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(20_011, JSON.readTree(r.out()).get("cgroups").size());
        Cli table = Cli.run("mem", "--root", w.root().toString());
        assertTrue(table.out().contains("… 20000 more") || table.out().contains("... 20000 more"), table.out());
    }

    // ---------------------------------------------------------------- command lines

    @Test
    void badCommandLines() {
        Random random = new Random(SEED);
        String root = "testdata/v2-qemu";
        String[] words = {"mem", "ps", "--json", "--root", "", "/nonexistent", "--depth", "-1", "99999999999", "--top",
            "--sort", "bogus", "--by", "--color", "\u001b[2J", "--pss-max-rss", "1e400", "-w", "--all", "--pss",
            "--user", "nobody\u0007", "--cgroup", "/no/such", "xray-capture/anon", "\u202e", "-v", "--", "-", "%n%s",
            "--help", "--version", "x".repeat(5000), "\0", "--wide", "--full"};
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (int n = 0; n < 85; n++) {
            List<String> args = new ArrayList<>();
            args.add(random.nextBoolean() ? "mem" : "ps");
            for (int k = random.nextInt(5); k >= 0; k--) {
                args.add(words[random.nextInt(words.length)]);
            }
            if (!args.contains("--root")) {
                args.add("--root");
                args.add(root);
            }
            runs++;
            Cli r = Cli.run(args.toArray(String[]::new));
            String cmd = "seed " + SEED + ": xray " + args;
            if (r.exitCode() < 0 || r.exitCode() > 2) {
                failures.add(cmd + ": exit " + r.exitCode());
            } else if (r.err().contains("internal error") || r.err().contains("Exception")) {
                failures.add(cmd + ": " + r.err());
            } else if (r.out().contains("\u001b") || r.err().contains("\u001b")) {
                failures.add(cmd + ": a raw ESC");
            }
        }
        assertEquals(85, runs);
        assertEquals(List.of(), failures);
    }
}
