package xray.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VmFlagsTest {
    @Test
    void realFlags() {
        for (String jdk : new String[] {"jdk17", "jdk25"}) {
            VmFlags f = VmFlags.parse(Samples.text(jdk, "vm-flags.txt"));
            assertEquals(6320816128L, f.number("MaxHeapSize"));
            assertEquals("summary", f.get("NativeMemoryTracking"));
            assertEquals("G1", f.collector());
            assertTrue(f.on("UseCompressedOops"));
            assertNull(f.number("MaxDirectMemorySize"));
        }
        assertFalse(VmFlags.parse(Samples.text("jdk25", "vm-flags.txt")).on("AOTRecordTraining"));
    }

    @Test
    void oddTokensAreSkipped() {
        VmFlags f = VmFlags.parse("-XX:MaxDirectMemorySize=1g -XX: junk -Dx=y -XX:+UseZGC\n");
        assertEquals("1g", f.get("MaxDirectMemorySize"));
        assertNull(f.number("MaxDirectMemorySize"));
        assertEquals("ZGC", f.collector());
        assertEquals(2, f.flags().size());
    }
}
