package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * Every refusal of {@code xray jvm PID} on real processes: one sentence on stderr, exit 1, and the
 * process alive and untouched afterwards (no signal where the rules forbid one, no trigger file,
 * no thread dump on its stdout).
 */
class JvmRefusalLiveTest {
    @BeforeEach
    void live() {
        Live.require(Files.isExecutable(TargetJvm.JDK17.resolve("bin/java")), "needs the JDK at " + TargetJvm.JDK17);
    }

    /** The one line xray printed on stderr, checked to be the only one. */
    static String refusal(Cli r) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("xray: ") && lines.get(0).endsWith("."), lines.get(0));
        return lines.get(0);
    }

    static TargetJvm idle(Path jdk, String... flags) {
        Live.require(Files.isExecutable(jdk.resolve("bin/java")), "needs the JDK at " + jdk);
        return TargetJvm.start(TargetJvm.java(jdk, IdleTarget.class.getName(), flags));
    }

    static void assertNoTrigger(int pid) {
        assertFalse(Files.exists(Path.of("/tmp/.attach_pid" + pid)), "trigger file left in /tmp");
        assertFalse(Files.exists(Path.of("/proc/" + pid + "/cwd/.attach_pid" + pid)), "trigger file left in cwd");
    }

    @Test
    void noSuchPid() {
        // Above the largest pid_max Linux allows (2^22), so never a process.
        assertEquals("xray: no process with pid 4194305.", refusal(Cli.run("jvm", "4194305")));
    }

    @Test
    void sleepIsNotAJvmAndSurvives() throws Exception {
        try (TargetJvm sleep = TargetJvm.plain(List.of("sleep", "300"))) {
            Thread.sleep(100); // let it exec
            assertEquals("xray: pid " + sleep.pid() + " (sleep) is not a JVM: no libjvm.so is mapped into it.",
                    refusal(Cli.run("jvm", String.valueOf(sleep.pid()))));
            Thread.sleep(200);
            assertTrue(sleep.alive(), "sleep must survive xray jvm on its pid");
            assertNoTrigger(sleep.pid());
        }
    }

    @Test
    void aThreadIdIsNotAProcess() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK17)) {
            int tid = java.nio.file.Files.list(Path.of("/proc/" + jvm.pid() + "/task"))
                    .map(p -> Integer.parseInt(p.getFileName().toString())).filter(t -> t != jvm.pid()).findFirst()
                    .orElseThrow();
            assertEquals("xray: pid " + tid + " is a thread of process " + jvm.pid() + ", not a process: give xray jvm "
                    + jvm.pid() + ".", refusal(Cli.run("jvm", String.valueOf(tid))));
            Thread.sleep(200);
            assertEquals(List.of(), jvm.drain(), "no SIGQUIT, so no thread dump");
            assertNoTrigger(tid);
        }
    }

    @Test
    void aProcessNamedJavaThatIsNotAJvmSurvivesAndIsNotListed() throws Exception {
        Path dir = Files.createTempDirectory("xray-fake-java");
        Path fake = dir.resolve("java");
        Files.copy(Path.of("/bin/sleep"), fake);
        fake.toFile().setExecutable(true);
        try (TargetJvm java = TargetJvm.plain(List.of(fake.toString(), "300"))) {
            Thread.sleep(100);
            assertTrue(refusal(Cli.run("jvm", String.valueOf(java.pid()))).contains("(java) is not a JVM"));
            Thread.sleep(200);
            assertTrue(java.alive());
            assertFalse(Cli.run("jvm", "--json").out().contains("\"pid\" : " + java.pid() + ","));
        } finally {
            Files.delete(fake);
            Files.delete(dir);
        }
    }

    @Test
    void attachDisabledIsRefusedWithoutASignal() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK17, "-XX:+DisableAttachMechanism")) {
            assertEquals("xray: pid " + jvm.pid() + " was started with -XX:+DisableAttachMechanism, so it accepts no "
                    + "attach.", refusal(Cli.run("jvm", String.valueOf(jvm.pid()))));
            Thread.sleep(300);
            assertEquals(List.of(), jvm.drain(), "a SIGQUIT would have printed a thread dump");
            assertTrue(jvm.alive());
            assertNoTrigger(jvm.pid());
            assertTrue(Cli.run("jvm").out().contains("no: attach disabled"));
        }
    }

    @Test
    void aJvmThatDoesNotCatchSigquitIsNeverSignalled() throws Exception {
        // -Xrs: the JVM handles no SIGQUIT, so it opens its attach socket at startup instead.
        try (TargetJvm jvm = idle(TargetJvm.JDK17, "-Xrs")) {
            Cli first = Cli.run("jvm", String.valueOf(jvm.pid()), "--json", "--interval", "0", "--no-jmx");
            assertEquals(0, first.exitCode(), first.err());
            assertEquals("socket", new ObjectMapper().readTree(first.out()).at("/sources/attach").asText());
            Files.delete(Path.of("/tmp/.java_pid" + jvm.pid())); // now only SIGQUIT could bring it back
            assertEquals("xray: pid " + jvm.pid() + " has no attach socket and does not catch SIGQUIT (started with "
                    + "-Xrs?), so starting its attach listener would kill it; xray will not signal it.",
                    refusal(Cli.run("jvm", String.valueOf(jvm.pid()))));
            Thread.sleep(300);
            assertTrue(jvm.alive(), "SIGQUIT would have killed it");
            assertNoTrigger(jvm.pid());
            assertTrue(Cli.run("jvm").out().contains("no: ignores SIGQUIT (-Xrs?)"));
        }
    }

    @Test
    void aStoppedJvmWithoutASocketIsRefusedAtOnceAndNotSignalled() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK17)) {
            jvm.signal("STOP");
            Thread.sleep(100);
            long t0 = System.nanoTime();
            String line = refusal(Cli.run("jvm", String.valueOf(jvm.pid()), "--timeout", "5s"));
            assertTrue((System.nanoTime() - t0) / 1e9 < 2, "refused without waiting for the timeout");
            assertEquals("xray: pid " + jvm.pid() + " is stopped (SIGSTOP or a debugger) and has no attach socket yet; "
                    + "continue it with kill -CONT " + jvm.pid() + " and try again.", line);
            jvm.signal("CONT");
            Thread.sleep(300);
            assertEquals(List.of(), jvm.drain(), "no pending SIGQUIT turned into a thread dump");
            assertNoTrigger(jvm.pid());
        }
    }

    @Test
    void aStoppedJvmTimesOutWithinTheTimeout() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK17)) {
            assertEquals(0, Cli.run("jvm", String.valueOf(jvm.pid()), "--interval", "0", "--no-jmx").exitCode());
            jvm.signal("STOP");
            Thread.sleep(100);
            long t0 = System.nanoTime();
            String line = refusal(Cli.run("jvm", String.valueOf(jvm.pid()), "--timeout", "2s", "--interval", "0"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds >= 1.9 && seconds < 4, "answered after " + seconds + " s");
            assertEquals("xray: pid " + jvm.pid() + " did not answer VM.flags within 2 s: it is stopped (SIGSTOP or a "
                    + "debugger); continue it with kill -CONT " + jvm.pid() + ".", line);
            jvm.signal("CONT");
            assertEquals(0, Cli.run("jvm", String.valueOf(jvm.pid()), "--interval", "0", "--no-jmx").exitCode(),
                    "it answers again once continued");
        }
    }

    @Test
    void aDeletedSocketIsMadeAgain() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK25)) {
            Path socket = Path.of("/tmp/.java_pid" + jvm.pid());
            assertEquals(0, Cli.run("jvm", String.valueOf(jvm.pid()), "--interval", "0", "--no-jmx").exitCode());
            Files.delete(socket); // what a tmp cleaner does
            Cli r = Cli.run("jvm", String.valueOf(jvm.pid()), "--json", "--interval", "0", "--no-jmx");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("started", new ObjectMapper().readTree(r.out()).at("/sources/attach").asText());
            assertTrue(Files.exists(socket));
            Thread.sleep(200);
            assertEquals(List.of(), jvm.drain());
            assertNoTrigger(jvm.pid());
        }
    }

    @Test
    void liveWarnsBeforeTheFullGcAndRunsIt() throws IOException {
        try (TargetJvm jvm = idle(TargetJvm.JDK25)) {
            Cli r = Cli.run("jvm", String.valueOf(jvm.pid()), "--json", "--live", "--interval", "200ms");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(List.of("xray: warning: running a full GC in pid " + jvm.pid() + " for a histogram of live "
                    + "objects (--live): the application pauses for it"), r.err().lines().toList());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals("live", j.at("/listeners/mode").asText());
            assertEquals(2, j.at("/sources/commands").findValuesAsText("command").stream()
                    .filter("GC.class_histogram"::equals).count());
            JsonNode after = new ObjectMapper().readTree(Cli.run("jvm", String.valueOf(jvm.pid()), "--json",
                    "--interval", "0").out());
            long full = 0;
            for (JsonNode c : after.at("/jvm/collectors")) {
                if (c.get("name").asText().equals("G1 full collection pauses")) { // hsperfdata's name (no JMX)
                    full = c.get("count").asLong();
                }
            }
            assertEquals(2, full, "one full GC per live histogram: " + after.at("/jvm/collectors"));
        }
    }

    @Test
    void anIntervalThatLeavesTooLittleTimeIsRefusedBeforeAttaching() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK17)) {
            Cli r = Cli.run("jvm", String.valueOf(jvm.pid()), "--interval", "9500ms", "--timeout", "10s");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("xray jvm: --interval 9.5 s leaves too little of --timeout 10 s for the requests "
                    + "to the JVM: give --timeout 19 s or more, or a shorter --interval"), r.err());
            assertFalse(Files.exists(Path.of("/tmp/.java_pid" + jvm.pid())), "nothing was attached");
        }
    }

    @Test
    void aBudgetThatRunsOutSaysWhichStepAndDoesNotCallAHealthyJvmHung() throws Exception {
        try (TargetJvm jvm = idle(TargetJvm.JDK17)) {
            assertEquals(0, Cli.run("jvm", String.valueOf(jvm.pid()), "--interval", "0", "--no-jmx").exitCode());
            // the requests before the first sample take longer than the 10 ms the interval leaves them
            Cli r = Cli.run("jvm", String.valueOf(jvm.pid()), "--timeout", "20ms", "--interval", "10ms", "--no-jmx");
            String line = refusal(r);
            Matcher hung = Pattern.compile("did not answer (.+) within (\\d+) ms, more than half the --timeout of 20 ms "
                    + "\\(is it hung, or in a long pause\\?\\)").matcher(line);
            if (hung.find()) { // one request took more than half the budget: only then may it say so
                assertTrue(Integer.parseInt(hung.group(2)) > 10, line);
            } else {
                assertTrue(line.startsWith("xray: the --timeout of 20 ms ran out while pid " + jvm.pid() + " answered ")
                        || line.startsWith("xray: the --interval no longer fit in the --timeout of 20 ms"), line);
                assertFalse(line.contains("hung"), line);
            }
            assertTrue(line.contains("; before it: VM.flags ") || line.contains("answered VM.flags ("), line);
        }
    }

    @Test
    void badUsageIsExitTwo() {
        for (String[] args : List.of(new String[] {"jvm", "1", "--root", "/tmp"},
                new String[] {"jvm", "1", "--interval", "10s", "--timeout", "5s"},
                new String[] {"jvm", "1", "--interval", "9500ms", "--timeout", "10s"},
                new String[] {"jvm", "1", "--listeners", "("},
                new String[] {"jvm", "1", "--top", "0"},
                new String[] {"jvm", "1", "--interval", "soon"},
                new String[] {"jvm", "0"})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("xray jvm: "), r.err());
        }
    }
}
