package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * {@code xray jvm PID} against a real {@link AuditTarget} JVM with NMT on: every number the target
 * was built to hold is checked, and the heap against what jcmd says of the same process. One
 * target per JDK (the subclasses), audited once as JSON with a 1 s interval.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JvmAuditLiveTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long MIB = 1 << 20;

    TargetJvm target;
    JsonNode report;
    long handlersBefore;
    long handlersAfter;
    String heapInfo;
    String flags;
    String histogram;

    abstract Path jdk();

    abstract String versionPrefix();

    @BeforeAll
    void audit() throws Exception {
        Live.require(Files.isExecutable(jdk().resolve("bin/java")), "needs the JDK at " + jdk());
        target = TargetJvm.start(TargetJvm.java(jdk(), AuditTarget.class.getName(),
                "-XX:NativeMemoryTracking=summary", "-Xmx256m"));
        handlersBefore = handlers();
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "1s");
        handlersAfter = handlers();
        assertEquals(0, r.exitCode(), r.err());
        report = JSON.readTree(r.out());
        heapInfo = jcmd("GC.heap_info");
        flags = jcmd("VM.flags");
        histogram = jcmd("GC.class_histogram", "-all");
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    private long handlers() {
        String line = target.ask("count");
        assertTrue(line.startsWith("handlers "), line);
        return Long.parseLong(line.substring("handlers ".length()));
    }

    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(jdk().resolve("bin/jcmd").toString(), String.valueOf(target.pid())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    JsonNode listener(String simpleName) {
        for (JsonNode c : report.at("/listeners/classes")) {
            if (c.get("name").asText().equals("xray.jvm.AuditTarget$" + simpleName)) {
                return c;
            }
        }
        throw new AssertionError(simpleName + " not among " + report.at("/listeners/classes"));
    }

    @Test
    void documentCarriesTheSchemaAndTheFourSections() {
        assertEquals("xray.jvm/v1", report.get("schema").asText());
        assertEquals(target.pid(), report.get("pid").asInt());
        for (String key : List.of("jvm", "memory", "threads", "listeners", "sources", "warnings")) {
            assertTrue(report.has(key), key);
        }
        assertEquals(0, report.get("warnings").size(), report.get("warnings").toString());
    }

    @Test
    void stableListenersAreCountedExactlyAndAsJcmdCountsThem() {
        JsonNode prices = listener("PriceListener");
        assertEquals(AuditTarget.PRICE_LISTENERS, prices.get("count").asLong());
        assertEquals(0, prices.get("growth").asLong());
        assertEquals(1, prices.get("loaders").asInt());
        Matcher m = Pattern.compile("\\s+\\d+:\\s+(\\d+)\\s+(\\d+)\\s+xray\\.jvm\\.AuditTarget\\$PriceListener\\s")
                .matcher(histogram);
        assertTrue(m.find(), "jcmd's histogram has the class");
        assertEquals(Long.parseLong(m.group(1)), prices.get("count").asLong());
        assertEquals(Long.parseLong(m.group(2)), prices.get("bytes").asLong());
    }

    @Test
    void leakingHandlersGrowAndComeFirst() {
        JsonNode first = report.at("/listeners/classes/0");
        assertEquals("xray.jvm.AuditTarget$SessionHandler", first.get("name").asText());
        long count = first.get("count").asLong();
        long growth = first.get("growth").asLong();
        assertTrue(handlersBefore <= count - growth && count <= handlersAfter,
                handlersBefore + " ≤ " + (count - growth) + " and " + count + " ≤ " + handlersAfter);
        // one handler every 10 ms for about a second
        assertTrue(growth > 20 && growth <= handlersAfter - handlersBefore, "growth " + growth);
        assertEquals("all", report.at("/listeners/mode").asText());
        assertEquals(1.0, report.at("/listeners/intervalSeconds").asDouble());
    }

    @Test
    void jdkAndLambdaClassesAreLeftOut() {
        for (JsonNode c : report.at("/listeners/classes")) {
            String n = c.get("name").asText();
            assertFalse(n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.") || n.contains("$$Lambda"),
                    n);
        }
    }

    @Test
    void theSpinnerIsFirstByCpu() {
        JsonNode hot = report.at("/threads/hot/0");
        assertEquals(AuditTarget.SPINNER, hot.get("name").asText());
        assertTrue(hot.get("cpuPercent").asDouble() > 40, hot.toString());
        assertEquals("RUNNABLE", hot.get("state").asText());
        assertTrue(hot.get("frames").get(0).asText().startsWith("xray.jvm.AuditTarget.lambda$main"), hot.toString());
        assertEquals("interval", report.at("/threads/cpuBasis").asText());
        assertTrue(report.at("/threads/hot").size() <= 5);
    }

    @Test
    void bothDeadlocksAreFoundByName() {
        Set<Set<String>> found = new HashSet<>();
        for (JsonNode d : report.at("/threads/deadlocks")) {
            Set<String> names = new HashSet<>();
            for (JsonNode t : d.get("threads")) {
                names.add(t.get("name").asText());
                assertTrue(t.get("waitingFor").asText().contains("@0x"), t.toString());
            }
            found.add(names);
        }
        assertEquals(Set.of(Set.of("deadlock-a", "deadlock-b"), Set.of("rl-deadlock-1", "rl-deadlock-2")), found);
    }

    @Test
    void gateWaitersAreGroupedBehindTheHolder() {
        JsonNode g = report.at("/threads/blocked/0");
        assertEquals("gate-holder", g.get("owner").asText());
        assertEquals("TIMED_WAITING", g.get("ownerState").asText());
        assertTrue(g.get("lock").asText().startsWith("xray.jvm.AuditTarget$Gate@0x"), g.toString());
        List<String> waiters = new ArrayList<>();
        g.get("waiters").forEach(w -> waiters.add(w.asText()));
        assertEquals(List.of("gate-waiter-1", "gate-waiter-2", "gate-waiter-3"), waiters);
        // deadlocked threads are reported as deadlocks, not as blocked groups
        assertEquals(1, report.at("/threads/blocked").size(), report.at("/threads/blocked").toString());
    }

    @Test
    void threadCountsAddUp() {
        JsonNode t = report.get("threads");
        int sum = 0;
        for (JsonNode n : t.get("states")) {
            sum += n.asInt();
        }
        assertEquals(t.get("total").asInt(), sum);
        assertEquals(5, t.at("/states/BLOCKED").asInt(), "3 gate waiters and the monitor deadlock pair");
        assertTrue(t.get("peak").asInt() >= t.get("total").asInt());
        assertTrue(t.get("vmThreads").asInt() > 0);
    }

    @Test
    void buffersAreThoseTheTargetHolds() {
        JsonNode direct = report.at("/memory/directBuffers");
        long expected = (long) AuditTarget.DIRECT_BUFFERS * AuditTarget.DIRECT_BYTES;
        // The JVM's own RMI/NIO code may hold a few small direct buffers of its own.
        assertTrue(direct.get("count").asLong() >= AuditTarget.DIRECT_BUFFERS, direct.toString());
        assertTrue(direct.get("bytes").asLong() >= expected && direct.get("bytes").asLong() < expected + MIB,
                direct.toString());
        assertEquals(1, report.at("/memory/mappedBuffers/count").asLong());
        assertEquals(AuditTarget.MAPPED_BYTES, report.at("/memory/mappedBuffers/bytes").asLong());
    }

    @Test
    void heapAgreesWithJcmd() {
        Matcher m = Pattern.compile("garbage-first heap\\s+total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K")
                .matcher(heapInfo);
        assertTrue(m.find(), heapInfo);
        long committed = Long.parseLong(m.group(1)) * 1024;
        long used = Long.parseLong(m.group(2)) * 1024;
        JsonNode mem = report.get("memory");
        assertEquals(256 * MIB, mem.get("heapMax").asLong());
        assertTrue(flags.contains("-XX:MaxHeapSize=" + 256 * MIB), flags);
        assertEquals(committed, mem.get("heapCommitted").asLong(), 4 * MIB, "committed, as jcmd GC.heap_info");
        assertEquals(used, mem.get("heapUsed").asLong(), 16 * MIB, "used, as jcmd GC.heap_info a moment later");
        long poolsCommitted = 0;
        for (JsonNode p : mem.get("heapPools")) {
            poolsCommitted += p.get("committed").asLong();
        }
        assertEquals(mem.get("heapCommitted").asLong(), poolsCommitted);
        assertTrue(mem.get("heapPools").get(0).get("name").asText().contains("Eden"));
    }

    @Test
    void residentMemoryIsTheKernelsSplit() throws IOException {
        JsonNode mem = report.get("memory");
        assertEquals(mem.get("rss").asLong(),
                mem.get("rssAnon").asLong() + mem.get("rssFile").asLong() + mem.get("rssShmem").asLong());
        String status = Files.readString(Path.of("/proc/" + target.pid() + "/status"));
        Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        assertTrue(m.find());
        assertEquals(Long.parseLong(m.group(1)) * 1024, mem.get("rss").asLong(), 32 * MIB);
    }

    @Test
    void nativeMemoryTrackingIsRead() {
        JsonNode mem = report.get("memory");
        JsonNode nmt = mem.get("nmt");
        assertTrue(nmt.isObject(), nmt.toString());
        assertTrue(mem.get("threadStacks").asLong() > 0);
        long javaHeap = -1;
        for (JsonNode c : nmt.get("categories")) {
            if (c.get("name").asText().equals("Java Heap")) {
                javaHeap = c.get("committed").asLong();
            }
        }
        assertEquals(mem.get("heapCommitted").asLong(), javaHeap, 4 * MIB);
        assertTrue(nmt.get("committed").asLong() > javaHeap);
        assertTrue(mem.get("untrackedNative").asLong() >= 0);
        assertTrue(mem.get("metaspaceUsed").asLong() > MIB && mem.get("metaspaceCommitted").asLong()
                >= mem.get("metaspaceUsed").asLong());
        assertTrue(mem.get("codeCacheUsed").asLong() > 0);
        assertNotNull(mem.get("gap").textValue());
    }

    @Test
    void contextNamesTheJvm() {
        JsonNode jvm = report.get("jvm");
        assertTrue(jvm.get("version").asText().startsWith(versionPrefix()), jvm.toString());
        assertEquals("G1", jvm.get("gc").asText());
        assertEquals("summary", jvm.get("nmt").asText());
        assertEquals("xray.jvm.AuditTarget", jvm.get("mainClass").asText());
        assertEquals("root".equals(System.getProperty("user.name")) ? "root" : System.getProperty("user.name"),
                jvm.get("user").asText());
        assertTrue(jvm.get("classesLoaded").asLong() > 500);
        assertTrue(jvm.get("collectors").size() >= 2);
        assertTrue(jvm.get("directMemoryMaxIsDefault").asBoolean());
        assertEquals(jvm.get("heapMax").asLong(), jvm.get("directMemoryMax").asLong());
    }

    @Test
    void sourcesSayWhatRanAndNothingIsLeftBehind() {
        JsonNode s = report.get("sources");
        assertTrue(s.get("jmx").asBoolean(), s.toString());
        List<String> commands = new ArrayList<>();
        s.get("commands").forEach(c -> commands.add(c.get("command").asText()));
        assertEquals(2, commands.stream().filter("GC.class_histogram -all"::equals).count(), commands.toString());
        assertTrue(commands.containsAll(List.of("VM.flags", "VM.info", "Thread.print -l",
                "VM.native_memory summary scale=B")), commands.toString());
        assertFalse(commands.contains("GC.class_histogram"), "no full GC without --live");
        int nspid = report.get("nspid").asInt();
        assertFalse(Files.exists(Path.of("/proc/" + target.pid() + "/cwd/.attach_pid" + nspid)));
        assertFalse(Files.exists(Path.of("/tmp/.attach_pid" + nspid)));
        assertTrue(s.get("safepoints").asLong() >= 2, "two histograms, each at a safepoint");
    }

    @Test
    void textShowsTheFourSections() {
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        for (String s : List.of("\nMemory\n", "\nThreads\n", "\nListeners\n", "\nJVM\n", AuditTarget.SPINNER,
                "gate-holder", "deadlock-a waits for", "AuditTarget$PriceListener", "CPU averaged over")) {
            assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
        }
        assertFalse(out.contains("null"), out);
    }

    @Test
    void oneSampleGivesLifetimeCpuAndNoGrowth() throws IOException {
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "0", "--top", "2");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode one = JSON.readTree(r.out());
        assertEquals("lifetime", one.at("/threads/cpuBasis").asText());
        assertEquals(AuditTarget.SPINNER, one.at("/threads/hot/0/name").asText());
        assertEquals(2, one.at("/threads/hot").size());
        for (JsonNode c : one.at("/listeners/classes")) {
            assertTrue(c.get("growth").isNull(), c.toString());
        }
        assertEquals(1, one.at("/sources/commands").findValuesAsText("command").stream()
                .filter("GC.class_histogram -all"::equals).count());
    }

    @Test
    void theListShowsTheTarget() throws IOException {
        Cli r = Cli.run("jvm", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode list = JSON.readTree(r.out());
        assertEquals("xray.jvms/v1", list.get("schema").asText());
        JsonNode mine = null;
        for (JsonNode j : list.get("jvms")) {
            if (j.get("pid").asInt() == target.pid()) {
                mine = j;
            }
        }
        assertNotNull(mine, list.toString());
        assertEquals("xray.jvm.AuditTarget", mine.get("mainClass").asText());
        assertEquals(256 * MIB, mine.get("heapMax").asLong());
        assertTrue(mine.get("attachable").asBoolean());
        assertEquals("listening", mine.get("attachNote").asText());
        assertTrue(mine.get("rss").asLong() > mine.get("realCost").asLong() / 2);
        assertTrue(mine.get("version").asText().startsWith(versionPrefix()));
        assertFalse(mine.get("container").asBoolean());
        assertTrue(mine.get("uptimeSeconds").asDouble() > 0);
    }
}
