package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import xray.testing.Cli;
import xray.testing.Command;

/**
 * A JVM run with -XX:-UsePerfData has no hsperfdata: the list still gives its uptime and CPU%
 * from the kernel (/proc/PID/stat starttime after /proc/stat btime), as ps(1) does, and its heap
 * as unknown (null), never 0.
 */
class JvmWithoutPerfDataLiveTest {
    @Test
    void uptimeAndCpuComeFromTheKernelAndTheHeapIsUnknown() throws Exception {
        try (TargetJvm jvm = JvmRefusalLiveTest.idle(TargetJvm.JDK17, "-XX:-UsePerfData", "-Xmx64m")) {
            Thread.sleep(2_000);
            Cli r = Cli.run("jvm", "--json");
            assertEquals(0, r.exitCode(), r.err());
            // ps(1) reads the same starttime: its elapsed seconds, read right after, is the independent figure
            long etimes = Long.parseLong(Command.output("ps", "-o", "etimes=", "-p", String.valueOf(jvm.pid())).trim());
            // and its %CPU is the same average, CPU time over the time since start
            double pcpu = Double.parseDouble(Command.output("ps", "-o", "pcpu=", "-p", String.valueOf(jvm.pid())).trim());
            JsonNode mine = null;
            for (JsonNode j : new ObjectMapper().readTree(r.out()).get("jvms")) {
                if (j.get("pid").asInt() == jvm.pid()) {
                    mine = j;
                }
            }
            assertNotNull(mine, r.out());
            double uptime = mine.get("uptimeSeconds").asDouble();
            assertTrue(uptime >= 2 && Math.abs(uptime - etimes) <= 1.5, "uptime " + uptime + " s, ps etimes " + etimes);
            double cpu = mine.get("cpuPercent").asDouble();
            assertTrue(mine.get("cpuPercent").isNumber() && cpu >= 0
                    && Math.abs(cpu - pcpu) <= Math.max(5, pcpu / 4), "CPU% " + cpu + ", ps pcpu " + pcpu + ": " + mine);
            assertTrue(mine.get("heapUsed").isNull(), mine.toString());
            assertTrue(mine.get("heapMax").isNull(), mine.toString());
        }
    }
}
