package xray.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xray.capture.Capture.bytes;
import static xray.capture.Capture.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What only the hybrid capture (this machine's kernel: memory on cgroup v1, cgroup2 beside it) has. */
class V1HybridCaptureTest {
    private static final Capture C = Capture.V1_HYBRID;
    private static final String V1 = "/sys/fs/cgroup/memory";

    @Test
    void v1FilesFillTheV2Slots() {
        JsonNode anon = cgroup(C.json("mem"), "/xray-capture/anon");
        assertEquals(number(V1 + "/xray-capture/anon/memory.usage_in_bytes"), bytes(anon, "current"));
        assertEquals(number(V1 + "/xray-capture/anon/memory.max_usage_in_bytes"), bytes(anon, "peak"));
        assertEquals(number(V1 + "/xray-capture/anon/memory.kmem.usage_in_bytes"), bytes(anon, "kernel"));
        assertFalse(anon.get("kernelApproximate").asBoolean(), "memory.kmem.usage_in_bytes is there");
        assertTrue(anon.get("high").isNull(), "cgroup v1 has no memory.high");
    }

    @Test
    void pressurePerCgroupComesFromTheCgroup2TreeOfTheSamePath() {
        JsonNode cache = cgroup(C.json("mem"), "/xray-capture/cache");
        String psi = C.file("/sys/fs/cgroup/unified/xray-capture/cache/memory.pressure");
        long total = Long.parseLong(psi.lines().findFirst().orElseThrow().replaceAll(".*total=", ""));
        assertEquals(total, cache.get("pressure").get("some").get("total").asLong());
        assertTrue(C.run("mem").out().contains("PSI10 = pressure some avg10, % (from the cgroup2 group of the same path)"));
    }

    @Test
    void theHostIsNamedFromItsFiles() {
        JsonNode doc = C.json("mem");
        String pretty = C.file("/etc/os-release").lines().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring(12).replace("\"", "")).findFirst().orElseThrow();
        assertEquals(pretty, doc.get("host").get("os").asText());
        assertEquals(C.file(V1 + "/cgroup.procs").lines().count() + 3, cgroup(doc, "/").get("processes").asLong(),
                "the root's own processes and the three of the workload");
    }

    private static long number(String file) {
        return Long.parseLong(C.file(file));
    }
}
