package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import xray.testing.Cli;
import xray.testing.Live;

/**
 * The listener hold-out: a JVM that churns 50,000 short-lived {@code …PriceListener$Context}
 * objects a second and leaks 5 real listeners a second and 3 capturing lambdas of a listener
 * interface ({@link ChurnTarget}). The audit lists both leaks as growing and never lists the churn
 * class as growing, with all objects (three histograms) and with --live. One target per JDK (the
 * subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListenerChurnLiveTest {
    static final String LEAK = "xray.jvm.ChurnTarget$OrderListener";
    static final String CHURN = "xray.jvm.ChurnTarget$PriceListener$Context";
    static final String TICK = "xray.jvm.ChurnTarget$TickListener";

    TargetJvm target;
    JsonNode all;
    JsonNode live;

    abstract Path jdk();

    @BeforeAll
    void audit() throws Exception {
        Live.require(Files.isExecutable(jdk().resolve("bin/java")), "needs the JDK at " + jdk());
        target = TargetJvm.start(TargetJvm.java(jdk(), ChurnTarget.class.getName(), "-Xmx256m"));
        Cli r = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "2s");
        assertEquals(0, r.exitCode(), r.err());
        all = new ObjectMapper().readTree(r.out());
        Cli l = Cli.run("jvm", String.valueOf(target.pid()), "--json", "--interval", "2s", "--live");
        assertEquals(0, l.exitCode(), l.err());
        live = new ObjectMapper().readTree(l.out());
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    static JsonNode find(JsonNode report, String name) {
        for (JsonNode c : report.at("/listeners/classes")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void theLeakIsListedAsGrowingFromThreeHistogramsOfAllObjects() {
        assertEquals(3, all.at("/listeners/histograms").asInt());
        JsonNode leak = find(all, LEAK);
        assertNotNull(leak, all.at("/listeners").toString());
        assertTrue(leak.get("growing").asBoolean(), leak.toString());
        // 5 a second for 2 s, give or take the sleeps of a loaded machine
        long growth = leak.get("growth").asLong();
        assertTrue(growth >= 6 && growth <= 12, "growth " + growth);
        assertEquals(LEAK, all.at("/listeners/classes/0/name").asText(), "the growing class comes first");
        boolean said = false;
        for (JsonNode v : all.at("/verdicts")) {
            said |= v.get("code").asText().equals("listener-growth") && v.get("subject").asText().equals(LEAK)
                    && v.get("severity").asText().equals("warn");
        }
        assertTrue(said, all.at("/verdicts").toString());
    }

    @Test
    void aLeakedLambdaIsListedByTheListenerInterfaceItImplements() {
        for (JsonNode report : new JsonNode[] {all, live}) {
            JsonNode lambda = null;
            for (JsonNode c : report.at("/listeners/classes")) {
                if (c.get("name").asText().startsWith("xray.jvm.ChurnTarget$$Lambda")
                        && c.path("implementing").asText().equals(TICK)) {
                    lambda = c;
                }
            }
            assertNotNull(lambda, report.at("/listeners").toString());
            assertTrue(lambda.get("growing").asBoolean(), lambda.toString());
            assertTrue(lambda.get("growth").asLong() >= 2, lambda.toString());
        }
    }

    @Test
    void theChurnClassIsNeverListedAsGrowing() {
        for (JsonNode report : new JsonNode[] {all, live}) {
            JsonNode churn = find(report, CHURN);
            assertTrue(churn == null || !churn.get("growing").asBoolean(), String.valueOf(churn));
            for (JsonNode v : report.at("/verdicts")) {
                assertFalse(v.get("subject").asText().equals(CHURN), v.toString());
            }
        }
    }

    @Test
    void withLiveObjectsTheLeakIsRetainedGrowth() {
        assertEquals("live", live.at("/listeners/mode").asText());
        assertEquals(2, live.at("/listeners/histograms").asInt());
        JsonNode leak = find(live, LEAK);
        assertNotNull(leak, live.at("/listeners").toString());
        assertTrue(leak.get("growing").asBoolean(), leak.toString());
        boolean crit = false;
        for (JsonNode v : live.at("/verdicts")) {
            crit |= v.get("code").asText().equals("listener-growth") && v.get("severity").asText().equals("crit");
        }
        assertTrue(crit, live.at("/verdicts").toString());
    }
}
