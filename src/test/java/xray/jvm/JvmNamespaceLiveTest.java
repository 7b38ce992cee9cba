package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * A JVM in its own pid, mount and network namespaces (a container without the runtime:
 * {@code unshare}, its own /tmp on a tmpfs), audited from the host. Its attach socket exists only
 * inside, its pid inside is 1, and its JMX agent would listen on a loopback xray cannot reach: the
 * audit must complete from diagnostic commands and /proc, and say so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JvmNamespaceLiveTest {
    static final long MIB = 1 << 20;

    TargetJvm target;
    JsonNode report;

    @BeforeAll
    void start() throws Exception {
        Live.requireRoot("creates pid, mount and network namespaces with unshare");
        Live.require(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
        String java = String.join(" ", TargetJvm.java(TargetJvm.JDK17, AuditTarget.class.getName(), "-Xmx128m"));
        // A private /tmp hides whatever the host has under /tmp, the test classes too when the checkout lives
        // there: the classes directory is held open and mounted again at its own path inside the new /tmp
        // (through /proc/self/fd, which mount must not turn back into the path the link names).
        target = TargetJvm.start(List.of("unshare", "--fork", "--pid", "--mount", "--net", "--mount-proc",
                "sh", "-c", "exec 3<\"$0\" && mount -t tmpfs xray-test-tmp /tmp && mkdir -p \"$0\" "
                        + "&& mount --no-canonicalize --bind /proc/self/fd/3 \"$0\" && exec 3<&- && exec " + java,
                TargetJvm.testClasses().toString()), TargetJvm::childOf);
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "500ms");
        assertEquals(0, r.exitCode(), r.err());
        report = new ObjectMapper().readTree(r.out());
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void theJvmIsPidOneInsideAndWasReachedThroughProcRoot() {
        assertEquals(target.pid(), report.get("pid").asInt());
        assertEquals(1, report.get("nspid").asInt());
        assertTrue(Files.exists(Path.of("/proc/" + target.pid() + "/root/tmp/.java_pid1")), "socket inside");
        assertFalse(Files.exists(Path.of("/proc/" + target.pid() + "/root/tmp/.attach_pid1")), "trigger removed");
        assertFalse(Files.exists(Path.of("/proc/" + target.pid() + "/cwd/.attach_pid1")), "trigger removed");
        assertEquals("started", report.at("/sources/attach").asText());
    }

    @Test
    void jmxIsUnreachableAndTheAuditSaysSo() {
        JsonNode s = report.get("sources");
        assertFalse(s.get("jmx").asBoolean());
        assertFalse(s.get("jmxAgentStarted").asBoolean(), "no agent started for nothing");
        assertEquals("other-network", s.get("jmxReason").asText(), s.toString());
        assertEquals("VM.info", s.at("/sections/memory/0").asText(), s.toString());
        assertTrue(report.at("/memory/directBuffers/count").isNull());
        assertTrue(report.at("/memory/mappedBuffers/bytes").isNull());
    }

    @Test
    void theAuditStillCompletesFromDiagnosticCommands() throws Exception {
        assertEquals(AuditTarget.SPINNER, report.at("/threads/hot/0/name").asText());
        assertEquals(2, report.at("/threads/deadlocks").size());
        assertEquals("gate-holder", report.at("/threads/blocked/0/owner").asText());
        assertTrue(report.at("/threads/peak").asInt() > 0, "peak from hsperfdata");
        JsonNode prices = null;
        for (JsonNode c : report.at("/listeners/classes")) {
            if (c.get("name").asText().endsWith("$PriceListener")) {
                prices = c;
            }
        }
        assertNotNull(prices);
        assertEquals(AuditTarget.PRICE_LISTENERS, prices.get("count").asLong());
        assertEquals("xray.jvm.AuditTarget$SessionHandler", report.at("/listeners/classes/0/name").asText());
        assertTrue(report.at("/listeners/classes/0/growth").asLong() > 10);
        assertTrue(report.at("/listeners/classes/0/growing").asBoolean());

        JsonNode mem = report.get("memory");
        assertEquals(128 * MIB, mem.get("heapMax").asLong());
        assertEquals("garbage-first heap", mem.at("/heapPools/0/name").asText());
        assertTrue(mem.get("metaspaceUsed").asLong() > MIB);
        assertTrue(mem.get("nmt").isNull());
        assertTrue(mem.get("threadStacks").isNull());
        // The same heap as the JDK's own jcmd sees from the host
        Process p = new ProcessBuilder(TargetJvm.JDK17.resolve("bin/jcmd").toString(), String.valueOf(target.pid()),
                "GC.heap_info").redirectErrorStream(true).start();
        String heap = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
        assertTrue(m.find(), heap);
        assertEquals(Long.parseLong(m.group(1)) * 1024, mem.get("heapCommitted").asLong(), 4 * MIB);
        assertEquals(Long.parseLong(m.group(2)) * 1024, mem.get("heapUsed").asLong(), 16 * MIB);
    }

    @Test
    void theListMarksItAsInAContainer() throws Exception {
        Cli r = Cli.run("jvm", "--json");
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> mine = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).get("jvms").forEach(j -> {
            if (j.get("pid").asInt() == target.pid()) {
                mine.add(j);
            }
        });
        assertEquals(1, mine.size());
        JsonNode j = mine.get(0);
        assertTrue(j.get("container").asBoolean());
        assertEquals(1, j.get("nspid").asInt());
        assertEquals("xray.jvm.AuditTarget", j.get("mainClass").asText());
        assertEquals(128 * MIB, j.get("heapMax").asLong());
        assertTrue(j.get("attachable").asBoolean());
    }
}
