package xray.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xray.capture.Capture.MIB;
import static xray.capture.Capture.bytes;
import static xray.capture.Capture.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What only the cgroup v2 capture (Debian's cloud kernel 6.1 under qemu) has. */
class V2QemuCaptureTest {
    private static final Capture C = Capture.V2_QEMU;
    private static final String ANON = "/xray-capture/anon";

    @Test
    void memoryHighAndPeakAreRead() {
        JsonNode doc = C.json("mem");
        JsonNode anon = cgroup(doc, ANON);
        assertEquals(128 * MIB, bytes(anon, "high"), "the memory.high the init script set");
        assertEquals(Long.parseLong(C.file("/sys/fs/cgroup" + ANON + "/memory.peak")), bytes(anon, "peak"));
        for (String p : new String[] {"/xray-capture", ANON, "/xray-capture/cache", "/xray-capture/shmem"}) {
            JsonNode cg = cgroup(doc, p);
            assertTrue(bytes(cg, "peak") >= bytes(cg, "current"), "memory.peak below memory.current in " + p);
        }
        assertEquals("128 MiB high", new CgroupTable(C.run("mem").out()).cell("anon", "LIMIT"));
    }

    @Test
    void kernelComesFromTheKernelKeyOfMemoryStat() {
        JsonNode anon = cgroup(C.json("mem"), ANON);
        String stat = C.file("/sys/fs/cgroup" + ANON + "/memory.stat");
        long kernel = stat.lines().filter(l -> l.startsWith("kernel ")).mapToLong(l -> Long.parseLong(l.substring(7)))
                .findFirst().orElseThrow();
        assertEquals(kernel, bytes(anon, "kernel"));
        assertFalse(anon.get("kernelApproximate").asBoolean());
    }

    /**
     * The root's memory.current is MemTotal − MemFree, which holds all kernel memory; the root's
     * memory.stat counts only kernel memory charged to cgroups. The root's real cost must be the
     * host's, or the kernel's own unreclaimable memory would be shown as cold cache.
     */
    @Test
    void theRootsRealCostIsTheHosts() {
        JsonNode doc = C.json("mem");
        long host = bytes(doc.get("host"), "realCost");
        JsonNode root = cgroup(doc, "/");
        assertTrue(Math.abs(host - bytes(root, "realCost")) < MIB,
                () -> "root real cost " + root.get("realCost") + ", host real cost " + host);
        long inUse = bytes(doc.get("host"), "used") + bytes(doc.get("host"), "buffCache");
        assertTrue(Math.abs(inUse - host - bytes(root, "hotCache") - bytes(root, "coldCache")) < MIB,
                () -> "root hot + cold cache " + root.get("hotCache") + " + " + root.get("coldCache")
                        + ", host in use − real cost " + (inUse - host));
    }

    @Test
    void theRootIsTheHostsAndHasNoPeakOrLimit() {
        JsonNode doc = C.json("mem");
        JsonNode root = cgroup(doc, "/");
        assertEquals("root", root.get("kind").asText());
        assertTrue(root.get("parent").isNull());
        assertTrue(root.get("peak").isNull(), "the v2 root has no memory.peak");
        assertTrue(root.get("max").isNull());
        assertEquals(C.file("/sys/fs/cgroup/cgroup.procs").lines().count() + 3, root.get("processes").asLong(),
                "the root's own processes and the three of the workload");
        JsonNode host = doc.get("host");
        assertFalse(host.get("mglru").asBoolean(), "lru_gen/enabled is 0x0000 in the VM");
        assertTrue(host.get("ksmSharing").isNull(), "KSM is not running in the VM");
        assertTrue(host.get("os").isNull(), "the initramfs has no /etc/os-release");
    }
}
