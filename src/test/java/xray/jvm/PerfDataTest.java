package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import xray.kernel.Malformed;

class PerfDataTest {
    @Test
    void countersOfRealJvms() {
        for (String jdk : new String[] {"jdk17", "jdk25"}) {
            PerfData p = PerfData.parse(Samples.bytes(jdk, "hsperfdata"));
            assertTrue(p.size() > 150, jdk + ": " + p.size());
            assertEquals("xray.jvm.AuditTarget", p.javaCommand());
            assertEquals(Boolean.TRUE, p.attachSupported());
            assertEquals(1_000_000_000L, p.number("sun.os.hrt.frequency"));
            // the same as VM.flags MaxHeapSize of that JVM
            assertEquals(VmFlags.parse(Samples.text(jdk, "vm-flags.txt")).number("MaxHeapSize"), p.heapMax());
            assertEquals(17L, p.number("java.threads.live"));
            assertEquals("G1 young collection pauses", p.string("sun.gc.collector.0.name"));
        }
        // The JVMs started when their VM.info (taken by capture.sh a moment later) says: its time less its elapsed
        assertEquals(java.time.Instant.parse("2026-11-24T19:08:52Z").toEpochMilli() - 1541,
                PerfData.parse(Samples.bytes("jdk17", "hsperfdata")).startMillis(), 1000);
        assertEquals(java.time.Instant.parse("2026-11-24T19:08:55Z").toEpochMilli() - 1537,
                PerfData.parse(Samples.bytes("jdk25", "hsperfdata")).startMillis(), 1000);
        assertEquals("17.0.15+6-Debian-1deb12u1",
                PerfData.parse(Samples.bytes("jdk17", "hsperfdata")).string("java.property.java.vm.version"));
        assertEquals("Eclipse Adoptium",
                PerfData.parse(Samples.bytes("jdk25", "hsperfdata")).string("java.property.java.vm.vendor"));
    }

    @Test
    void theSampleXrayJvmUses() {
        xray.model.PerfSample s = PerfData.parse(Samples.bytes("jdk17", "hsperfdata")).sample();
        assertEquals(17L, s.threadsLive());
        assertEquals("OpenJDK 64-Bit Server VM", s.vmName());
        assertEquals(6L, s.safepointMillis());
        assertEquals(VmFlags.parse(Samples.text("jdk17", "vm-flags.txt")).number("MaxHeapSize"), s.heapMax());
        assertEquals("G1 young collection pauses", s.collectors().get(0).name());
        assertTrue(s.threadsLivePeak() >= 17 && s.threadsDaemon() < 17, s.toString());
        assertTrue(s.classesLoaded() > 500, s.toString());
    }

    @Test
    void ticksAreMilliseconds() {
        PerfData p = PerfData.parse(Samples.bytes("jdk17", "hsperfdata"));
        assertEquals(6L, p.ticksToMillis(p.number("sun.rt.safepointTime")));
    }

    @Test
    void damagedFilesAreMalformed() {
        byte[] real = Samples.bytes("jdk17", "hsperfdata");
        assertThrows(Malformed.class, () -> PerfData.parse(new byte[10]));
        assertThrows(Malformed.class, () -> PerfData.parse(new byte[32768]), "no magic");
        assertThrows(Malformed.class, () -> PerfData.parse(Arrays.copyOf(real, 2000)), "cut short");
        byte[] v1 = real.clone();
        v1[5] = 1;
        assertThrows(Malformed.class, () -> PerfData.parse(v1));
    }
}
