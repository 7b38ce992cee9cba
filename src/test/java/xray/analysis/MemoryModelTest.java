package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.collect.CgroupCollectorAccess;
import xray.kernel.Keyed;
import xray.model.CgroupMemory;
import xray.model.CgroupSample;
import xray.testing.PeerCorpus;

/** The cgroup formulas of MEMORY-MODEL.md, on real memory.stat files from the peer corpus. */
class MemoryModelTest {
    static Map<String, Long> stat(String rel) {
        try {
            return Keyed.parse(Files.readString(PeerCorpus.resolve(rel), StandardCharsets.ISO_8859_1)).values();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static CgroupSample v2(Map<String, Long> stat, Long current) {
        return new CgroupSample("/x", false, current, null, null, null, null, null, null, null, null, stat, null, null,
                null);
    }

    static CgroupSample v1(Map<String, Long> rawStat, Long usage, Long kmem) {
        return new CgroupSample("/x", true, usage, null, null, null, null, null, null, null, kmem,
                CgroupCollectorAccess.hierarchical(rawStat), null, null, null);
    }

    @Test
    void v2BeforeKernelKeyAddsTheKernelParts() {
        // opencontainers fs2: kernel ~5.8–5.12, no "kernel" key
        CgroupMemory m = MemoryModel.cgroup(v2(stat("opencontainers-cgroups/fs2-memory-test/sys/fs/cgroup/memory.stat"),
                123456789L));
        assertEquals(790425600L, m.anon());
        assertEquals(6502666240L, m.file());
        assertEquals(6721536L, m.shmem());
        assertEquals(7012352L, m.kernelStack());
        assertEquals(8867840L, m.pageTables());
        assertEquals(40960L, m.sock());
        assertEquals(348866240L, m.slabReclaimable());
        // kernel = kernel_stack + pagetables + percpu + slab (the parts present)
        assertEquals(7012352L + 8867840L + 2445520L + 358966048L, m.kernel());
        assertEquals(7012352L + 8867840L + 2445520L + 358966048L - 348866240L, m.unreclaimableKernel());
        // pinned file = file − shmem − active_file − inactive_file
        assertEquals(6502666240L - 6721536L - 1179316224L - 5307346944L, m.pinnedFile());
        assertEquals(m.anon() + m.shmem() + m.unreclaimableKernel() + m.sock() + m.pinnedFile(), m.realCost());
        assertEquals(1179316224L, m.hotCache());
        // memory.current (123 MB) is below anon in this capture: clamped, never negative
        assertEquals(0L, m.coldCache());
        assertEquals(0L, m.workingSet());
    }

    @Test
    void v2MatchesClickHouseUsage() {
        // ClickHouse asserts anon + sock + kernel − slab_reclaimable = 10506210680 for this file
        CgroupMemory m = MemoryModel.cgroup(v2(stat("clickhouse/v2/sys/fs/cgroup/memory.stat"), 29645422592L));
        assertEquals(10506210680L, m.anon() + m.sock() + m.unreclaimableKernel());
        assertEquals(0L, m.shmem());
        assertEquals(10506210680L + m.pinnedFile(), m.realCost());
        assertEquals(8693084160L, m.inactiveFile());
        assertEquals(29645422592L - 8693084160L, m.workingSet());
        assertEquals(29645422592L - m.realCost() - 8717561856L, m.coldCache());
        assertEquals(1537789952L, m.kernel(), "the kernel key (5.18+) is used as it is");
    }

    @Test
    void v2WithoutKernelOrShmemHasNoRealCost() {
        CgroupMemory m = MemoryModel.cgroup(v2(stat("clickhouse/v2-no-kernel/sys/fs/cgroup/memory.stat"), null));
        assertEquals(5000000000L, m.anon());
        assertNull(m.kernel(), "no kernel parts at all: absent, not 0");
        assertNull(m.shmem());
        assertNull(m.realCost(), "shmem absent: real cost cannot be computed");
    }

    @Test
    void v2Modern() {
        CgroupMemory m = MemoryModel.cgroup(v2(stat("elastic-agent-system-metrics/docker2/sys/fs/cgroup/user.slice/"
                + "user-1000.slice/session-520.scope/memory.stat"), 10498404352L));
        assertEquals(1411100672L, m.anon());
        assertEquals(8621432832L, m.file());
        assertEquals(195010560L, m.kernel());
        assertEquals(20480L, m.shmem());
        assertEquals(1411100672L + 20480L + (195010560L - 171664984L) + 0L + m.pinnedFile(), m.realCost());
        assertEquals(1935663104L, m.hotCache());
        assertEquals(10498404352L - 6685749248L, m.workingSet());
    }

    @Test
    void v1UsesHierarchicalTotals() {
        // containerd's synthetic v1 memory.stat: key number i has value i, so a wrong mapping shows
        CgroupMemory m = MemoryModel.cgroup(v1(stat("containerd-cgroups/v1-synthetic/sys/fs/cgroup/memory/memory.stat"),
                100L, null));
        assertEquals(19L, m.anon(), "total_rss");
        assertEquals(18L, m.file(), "total_cache");
        assertEquals(31L, m.activeFile(), "total_active_file");
        assertEquals(30L, m.inactiveFile(), "total_inactive_file");
        assertTrue(m.kernelApproximate());
        assertEquals(100L - 19 - 18, m.kernel(), "usage − rss − cache");
        assertNull(m.realCost(), "no total_shmem: absent");

        CgroupMemory c = MemoryModel.cgroup(v1(stat("clickhouse/v1/sys/fs/cgroup/memory/memory.stat"), null, null));
        assertEquals(2232029184L, c.anon(), "ClickHouse: v1 usage = rss");
        assertEquals(2841305088L, c.inactiveFile());
        assertEquals(0L, c.shmem());
        assertNull(c.kernel(), "neither kmem nor usage: no kernel estimate");
    }

    @Test
    void v1WithKmem() {
        CgroupMemory m = MemoryModel.cgroup(v1(stat("elastic-agent-system-metrics/docker/sys/fs/cgroup/memory/docker/"
                + "b29faf21b7eff959f64b4192c34d5d67a707fe8561e9eaa608cb27693fba4242/memory.stat"), 295997440L, 40L));
        assertEquals(230662144L, m.anon());
        assertEquals(65101824L, m.file());
        assertEquals(40L, m.kernel());
        assertFalse(m.kernelApproximate());
        assertNull(m.realCost(), "this older kernel's v1 memory.stat has no shmem line");
    }
}
