package xray.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;
import xray.testing.LoadCgroup;

/**
 * xray top --json on the real kernel: a cgroup whose limit (32 MiB) is below its file working set (a
 * 64 MiB file read again and again, its pages dropped first so they are charged there) refaults all
 * the time, and xray top says so: a refault rate above zero in every frame with rates, and the
 * evidence that its cache is needed.
 */
class LiveTopTest {
    static final long MIB = 1L << 20;

    @Test
    void aCgroupBelowItsFileWorkingSetRefaultsAndItsCacheIsNeeded() throws Exception {
        try (LoadCgroup load = LoadCgroup.create("xray-top-" + ProcessHandle.current().pid(), "thrash")) {
            load.limit(32 * MIB);
            Path file = load.tmp().resolve("working-set.bin");
            LiveCgroupTest.run("dd", "if=/dev/urandom", "of=" + file, "bs=1M", "count=64", "oflag=direct", "status=none");
            load.start("reread", file.toString());
            Thread.sleep(2500); // memory.stat is flushed about every 2 s

            Cli r = Cli.run("top", "--json", "-n", "3", "-d", "1");
            assertEquals(0, r.exitCode(), r.err());
            List<String> frames = r.out().lines().toList();
            assertEquals(3, frames.size(), "one document per frame and line:\n" + r.out());
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < 3; i++) {
                JsonNode doc = json.readTree(frames.get(i));
                assertEquals("xray.top/v2", doc.get("schema").asText());
                assertEquals(i > 0, doc.get("rates").asBoolean(), "rates from the second frame on");
                JsonNode cg = cgroup(doc, load.path);
                assertEquals(32 * MIB, cg.get("max").asLong());
                if (i == 0) {
                    assertTrue(cg.get("refaultsPerSecond").isNull(), "no rate from one reading");
                    continue;
                }
                double refaults = cg.get("refaultsPerSecond").asDouble();
                assertTrue(refaults > 0, "frame " + (i + 1) + ": refaults/s of " + load.path + " = " + refaults);
                assertTrue(cg.get("refaultFilePerSecond").asDouble() > 0, cg.toString());
                String code = cg.get("cache").get("code").asText();
                assertTrue(code.equals("cache-needed") || code.equals("cache-contended"), "cache verdict " + code);
                assertTrue(cg.get("cache").get("text").asText().startsWith("Cache needed"), cg.toString());
                assertTrue(doc.get("host").get("refaultsPerSecond").asDouble() > 0, "the host's refaults include them");
                assertTrue(doc.get("seconds").asDouble() > 0.5, doc.get("seconds").toString());
            }
        }
    }

    static JsonNode cgroup(JsonNode doc, String path) {
        for (JsonNode cg : doc.get("cgroups")) {
            if (cg.get("path").asText().equals(path)) {
                return cg;
            }
        }
        throw new AssertionError(path + " is not in the frame");
    }
}
