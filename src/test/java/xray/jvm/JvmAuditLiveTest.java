package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import xray.testing.Cli;
import xray.testing.Live;
import xray.testing.Command;

/**
 * {@code xray jvm PID} against a real {@link AuditTarget} JVM with NMT on: every number the target
 * was built to hold is checked, and the heap against what jcmd says of the same process. One
 * target per JDK (the subclasses), audited as JSON with a 1 s interval the default way (no JMX: the
 * target runs no connector), and then once with --jmx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JvmAuditLiveTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long MIB = 1 << 20;

    TargetJvm target;
    JsonNode report;
    /** The target's threads and listening sockets just before and just after the default audit. */
    int threadsBefore;
    int threadsAfter;
    Set<String> listeningAfter;
    Cli jmxRun;
    JsonNode jmxReport;
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
        assertEquals(Set.of(), listening(), "the target listens on nothing");
        threadsBefore = threads();
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "1s", "--top", "8");
        threadsAfter = threads();
        listeningAfter = listening();
        handlersAfter = handlers();
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        report = JSON.readTree(r.out());
        jmxRun = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "0", "--jmx");
        assertEquals(0, jmxRun.exitCode(), jmxRun.err());
        jmxReport = JSON.readTree(jmxRun.out());
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

    int threads() throws IOException {
        Matcher m = Pattern.compile("\nThreads:\\s+(\\d+)").matcher(Files.readString(Path.of("/proc/" + target.pid()
                + "/status")));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    Set<String> listening() {
        return xray.collect.ListeningSockets.of(xray.kernel.KernelFs.live(), target.pid());
    }

    private long handlers() {
        String line = target.ask("count");
        assertTrue(line.startsWith("handlers "), line);
        return Long.parseLong(line.substring("handlers ".length()));
    }

    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(jdk().resolve("bin/jcmd").toString(), String.valueOf(target.pid())));
        cmd.addAll(List.of(args));
        return Command.output(cmd);
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
        assertEquals("xray.jvm/v3", report.get("schema").asText());
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
        assertFalse(prices.get("growing").asBoolean());
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
        // one handler every 10 ms for about a second, rising at each of three histograms
        assertTrue(growth > 20 && growth <= handlersAfter - handlersBefore, "growth " + growth);
        assertTrue(first.get("growing").asBoolean());
        assertEquals("all", report.at("/listeners/mode").asText());
        assertEquals(3, report.at("/listeners/histograms").asInt());
        assertTrue(report.at("/listeners/byType").asBoolean());
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
        // a core to itself on an idle machine; on a loaded 2-core CI machine (load 5) it got 36-40 %
        assertTrue(hot.get("cpuPercent").asDouble() > 20, hot.toString());
        assertEquals("RUNNABLE", hot.get("state").asText());
        assertTrue(hot.get("frames").get(0).asText().startsWith("xray.jvm.AuditTarget.lambda$main"), hot.toString());
        assertEquals("interval", report.at("/threads/cpuBasis").asText());
        assertTrue(report.at("/threads/hot").size() <= 8);
    }

    @Test
    void allocationPerThreadComesFromTwoThreadDumps() {
        JsonNode leak = null;
        for (JsonNode h : report.at("/threads/hot")) {
            if (h.get("name").asText().equals("handler-leak")) {
                leak = h;
            }
        }
        assertNotNull(leak, "handler-leak wakes every 10 ms: " + report.at("/threads/hot"));
        long growth = listener("SessionHandler").get("growth").asLong();
        // one SessionHandler (16-byte header and a long) per handler added, and the list growing now and then
        long bytes = leak.get("allocatedBytes").asLong();
        assertTrue(bytes >= growth * 24 / 2 && bytes < (1 << 20), bytes + " bytes for " + growth + " handlers");
        assertEquals(0, report.at("/threads/hot/0/allocatedBytes").asLong(), "the spinner allocates nothing");
    }

    @Test
    void xraysOwnThreadsAreNotAmongTheHotOnes() {
        for (JsonNode h : report.at("/threads/hot")) {
            assertFalse(h.get("name").asText().equals("Attach Listener") || h.get("name").asText().startsWith("RMI "),
                    h.toString());
        }
        List<String> own = new ArrayList<>();
        report.at("/threads/own").forEach(h -> own.add(h.get("name").asText()));
        assertTrue(own.stream().allMatch("Attach Listener"::equals), own.toString());
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
        // As the JDK counts them (java.threads.live before xray attached): the target's threads, no compiler
        // thread, and not the attach listener xray started
        assertEquals(t.get("total").asInt(), sum);
        assertEquals(5, t.at("/states/BLOCKED").asInt(), "3 gate waiters and the monitor deadlock pair");
        assertEquals(t.get("total").asInt(), t.get("peak").asInt(), "the target starts its threads and keeps them");
        assertEquals(threadsBefore - t.get("total").asInt(), t.get("vmThreads").asInt(), "the rest of /proc/PID/task");
        assertFalse(t.get("states").toString().contains("Attach"));
    }

    @Test
    void directBuffersWithoutJmxAreNmtOtherAndTheirObjects() {
        JsonNode mem = report.get("memory");
        long expected = (long) AuditTarget.DIRECT_BUFFERS * AuditTarget.DIRECT_BYTES;
        JsonNode direct = mem.get("directBuffers");
        assertTrue(direct.get("count").isNull(), "NMT gives bytes, not buffers");
        assertTrue(direct.get("bytes").asLong() >= expected && direct.get("bytes").asLong() < expected + MIB,
                direct.toString());
        assertEquals("nmt-other", mem.get("directBuffersBasis").asText(), mem.toString());
        // the 5 direct buffers and the mapped one are DirectByteBuffer objects (the JDK may hold a few more)
        long objects = mem.get("directBufferObjects").asLong();
        assertTrue(objects >= AuditTarget.DIRECT_BUFFERS + 1 && objects < AuditTarget.DIRECT_BUFFERS + 20, mem.toString());
        assertTrue(mem.get("mappedBuffers").get("bytes").isNull(), "mapped buffers need JMX");
    }

    @Test
    void buffersWithJmxAreThoseTheTargetHolds() {
        JsonNode direct = jmxReport.at("/memory/directBuffers");
        long expected = (long) AuditTarget.DIRECT_BUFFERS * AuditTarget.DIRECT_BYTES;
        // The JVM's own RMI/NIO code may hold a few small direct buffers of its own.
        assertTrue(direct.get("count").asLong() >= AuditTarget.DIRECT_BUFFERS, direct.toString());
        assertTrue(direct.get("bytes").asLong() >= expected && direct.get("bytes").asLong() < expected + MIB,
                direct.toString());
        assertEquals(1, jmxReport.at("/memory/mappedBuffers/count").asLong());
        assertEquals(AuditTarget.MAPPED_BYTES, jmxReport.at("/memory/mappedBuffers/bytes").asLong());
        assertTrue(jmxReport.at("/memory/heapPools/0/name").asText().contains("Eden"));
    }

    @Test
    void theDefaultAuditLeavesNoPortNoAgentAndOnlyTheAttachListener() throws IOException {
        assertEquals(Set.of(), listeningAfter, "no listening socket after the default audit");
        assertTrue(threadsAfter - threadsBefore <= 1, threadsBefore + " threads before, " + threadsAfter + " after");
        JsonNode s = report.get("sources");
        assertFalse(s.get("jmx").asBoolean(), s.toString());
        assertFalse(s.get("jmxAgentStarted").asBoolean());
        assertTrue(s.get("jmxAgent").isNull());
        assertEquals("no-connector", s.get("jmxReason").asText(), s.toString());
        List<String> commands = report.at("/sources/commands").findValuesAsText("command");
        assertFalse(commands.stream().anyMatch(c -> c.startsWith("ManagementAgent")), commands.toString());
    }

    @Test
    void jmxStartsTheAgentSaysSoFirstAndTellsWhatItLeft() {
        List<String> err = jmxRun.err().lines().toList();
        assertEquals(List.of("xray: warning: starting the JMX agent of pid " + target.pid() + " (--jmx): it opens a TCP "
                + "port on every interface, takes connections from this host only, and stays on until the JVM exits"), err);
        JsonNode s = jmxReport.get("sources");
        assertTrue(s.get("jmx").asBoolean(), s.toString());
        assertTrue(s.get("jmxAgentStarted").asBoolean());
        JsonNode agent = s.get("jmxAgent");
        assertEquals(1, agent.get("listening").size(), agent.toString());
        String port = agent.get("listening").get(0).asText();
        assertTrue(port.startsWith("*:"), "the JDK's local agent listens on every interface: " + port);
        assertEquals(Set.of(port), listening(), "what the report says is what the target listens on");
        assertTrue(agent.get("rssAdded").asLong() > 0 && agent.get("threadsAdded").asInt() >= 1, agent.toString());
        Cli text = Cli.run("jvm", String.valueOf(target.pid()), "--interval", "0", "--jmx");
        assertEquals("", text.err(), "the agent is on already: nothing is started, nothing to warn of");
        assertTrue(text.out().contains("a local connector the JVM already ran (xray started nothing)"), text.out());
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
        assertTrue(mem.get("metaspaceUsed").asLong() > MIB && mem.get("metaspaceCommitted").asLong()
                >= mem.get("metaspaceUsed").asLong());
        assertTrue(mem.get("codeCacheUsed").asLong() > 0);
    }

    @Test
    void residentPartsAddUpToTheWholeAndTheHeapIsWhatSmapsSays() throws Exception {
        JsonNode r = report.at("/memory/resident");
        assertTrue(r.get("skipped").isNull(), r.toString());
        long total = r.get("total").asLong();
        for (String part : List.of("heap", "metaspace", "codeCache", "threadStacks", "gcStructures", "directBuffers",
                "untracked", "files")) {
            // untracked and files are what is left of the total: above 0, the parts before them did not overshoot it
            assertTrue(r.get(part).asLong() > 0, part + " in " + r);
        }
        // The total is Σ Rss over smaps, read after VM.info; the kernel's own VmRSS (/proc/PID/status) was read
        // before attaching. Between them the audit grew the JVM by what bench/lightness.sh measures (the attach
        // listener, and VM.info raising NMT's Internal: +4.5 MiB on JDK 17, +5.5 on 25), so the total is VmRSS
        // plus a few MiB: measured +4.4 and +5.3 MiB.
        long vmRss = report.at("/memory/rss").asLong();
        assertTrue(total >= vmRss - 4 * MIB && total <= vmRss + 12 * MIB, "smaps total " + total + " against VmRSS "
                + vmRss + " before attaching: " + r);
        String text = Cli.run("jvm", String.valueOf(target.pid()), "--interval", "0").out();
        assertTrue(text.contains("  Resident "), text);
        // the heap now (the --jmx run filled some of it since), from xray and from smaps a moment apart
        JsonNode now = JSON.readTree(Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "0").out())
                .at("/memory/resident");
        // The heap's resident pages, as this test reads them itself from smaps over VM.info's heap range
        Matcher h = Pattern.compile("Heap address: 0x([0-9a-f]+), size: (\\d+) MB").matcher(jcmd("VM.info"));
        assertTrue(h.find());
        long lo = Long.parseLong(h.group(1), 16);
        long hi = lo + (Long.parseLong(h.group(2)) << 20);
        long heap = 0;
        long start = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + target.pid() + "/smaps"))) {
            Matcher m = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ").matcher(line);
            if (m.find()) {
                start = Long.parseUnsignedLong(m.group(1), 16) >= lo && Long.parseUnsignedLong(m.group(2), 16) <= hi ? 1 : -1;
            } else if (start > 0 && line.startsWith("Rss:")) {
                heap += Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        assertEquals(heap, now.get("heap").asLong(), 4 * MIB, "heap resident");
        assertTrue(r.get("heap").asLong() < report.at("/memory/heapCommitted").asLong(),
                "the kernel backs only the heap pages that were touched");
        // every thread blocked in the kernel has its stack found; the spinner is on a CPU
        assertTrue(r.get("stacksFound").asInt() >= threadsBefore - 2, r.toString());
        // the untracked part is malloc and what glibc keeps, less the direct buffers counted apart
        long malloc = report.at("/memory/mallocOutstanding").asLong() + report.at("/memory/mallocRetained").asLong();
        assertEquals(report.at("/memory/untrackedNative").asLong(), r.get("untracked").asLong());
        assertEquals("smaps", report.at("/memory/untrackedBasis").asText());
        assertTrue(r.get("untracked").asLong() > malloc / 3 && r.get("untracked").asLong() < malloc * 2,
                r.get("untracked") + " against malloc and retained " + malloc);
    }

    @Test
    void aJvmOverTheSmapsLimitIsNotWalkedAndTheAuditSaysSo() throws IOException {
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "0", "--smaps-max-rss", "1MiB");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode mem = JSON.readTree(r.out()).get("memory");
        assertEquals("over-limit", mem.at("/resident/skipped").asText());
        assertEquals(MIB, mem.at("/resident/limit").asLong());
        assertTrue(mem.at("/resident/heap").isNull() && mem.at("/resident/untracked").isNull(), mem.toString());
        // with NMT on, untracked native is still known: malloc outside NMT and what glibc retains
        assertEquals("nmt", mem.get("untrackedBasis").asText());
        assertFalse(JSON.readTree(r.out()).at("/sources/sections/memory").toString().contains("smaps"));
        String text = Cli.run("jvm", String.valueOf(target.pid()), "--interval", "0", "--smaps-max-rss", "1MiB").out();
        assertTrue(text.contains("Resident memory by part is not known: /proc/PID/smaps was not read (the process is "
                + "larger than\n  --smaps-max-rss 1.0 MiB)."), text);
    }

    @Test
    void verdictsAreDataWithTheirSentence() {
        List<String> codes = new ArrayList<>();
        for (JsonNode v : report.get("verdicts")) {
            codes.add(v.get("code").asText());
            assertFalse(v.get("text").asText().isEmpty());
        }
        assertEquals(2, codes.stream().filter("deadlock"::equals).count(), codes.toString());
        assertEquals(1, codes.stream().filter("blocked-group"::equals).count(), codes.toString());
        assertEquals(1, codes.stream().filter("listener-growth"::equals).count(), codes.toString());
        boolean spinnerHot = report.at("/threads/hot/0/cpuPercent").asDouble() >= 50;
        assertEquals(spinnerHot ? 1 : 0, codes.stream().filter("hot-thread"::equals).count(), codes.toString());
        JsonNode blocked = null;
        for (JsonNode v : report.get("verdicts")) {
            if (v.get("code").asText().equals("blocked-group")) {
                blocked = v;
            }
        }
        assertEquals("gate-holder", blocked.get("subject").asText());
        assertEquals("warn", blocked.get("severity").asText());
        assertEquals(AuditTarget.GATE_WAITERS, blocked.at("/figures/waiters").asInt());
    }

    @Test
    void contextNamesTheJvm() {
        JsonNode jvm = report.get("jvm");
        assertTrue(jvm.get("version").asText().startsWith(versionPrefix()), jvm.toString());
        assertEquals("G1", jvm.get("gc").asText());
        assertEquals("summary", jvm.get("nmt").asText());
        assertEquals("xray.jvm.AuditTarget", jvm.get("mainClass").asText());
        assertEquals(System.getProperty("user.name"), jvm.get("user").asText(), "the target runs as the test's user");
        assertTrue(jvm.get("classesLoaded").asLong() > 500);
        assertTrue(jvm.get("collectors").size() >= 2);
        assertTrue(jvm.get("directMemoryMaxIsDefault").asBoolean());
        assertEquals(jvm.get("heapMax").asLong(), jvm.get("directMemoryMax").asLong());
    }

    @Test
    void sourcesSayWhatRanAndNothingIsLeftBehind() {
        JsonNode s = report.get("sources");
        List<String> commands = new ArrayList<>();
        s.get("commands").forEach(c -> commands.add(c.get("command").asText()));
        assertEquals(3, commands.stream().filter("GC.class_histogram -all"::equals).count(), commands.toString());
        assertEquals(List.of("VM.flags", "VM.native_memory summary scale=B", "VM.info", "VM.class_hierarchy -i",
                "Thread.print -e", "GC.class_histogram -all", "GC.class_histogram -all", "Thread.print -l -e",
                "GC.class_histogram -all"), commands);
        int nspid = report.get("nspid").asInt();
        assertFalse(Files.exists(Path.of("/proc/" + target.pid() + "/cwd/.attach_pid" + nspid)));
        assertFalse(Files.exists(Path.of("/tmp/.attach_pid" + nspid)));
        assertTrue(s.get("safepoints").asLong() >= 4, "three histograms and the class hierarchy, each at a safepoint");
    }

    @Test
    void textShowsTheFourSections() {
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        for (String s : List.of("\nMemory\n", "\nThreads\n", "\nListeners\n", "\nJVM\n", "\nVerdict\n", AuditTarget.SPINNER,
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
        assertEquals("xray.jvms/v2", list.get("schema").asText());
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
