package xray.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.analysis.MemoryModel;
import xray.kernel.ColonFields;
import xray.kernel.Keyed;
import xray.kernel.KeyedValues;
import xray.kernel.Malformed;
import xray.kernel.ProcCgroup;
import xray.kernel.PsiFormat;
import xray.kernel.SingleValue;
import xray.kernel.StatusFile;
import xray.model.HostMemory;
import xray.model.Pressure;
import xray.model.ProcStatus;
import xray.model.Psi;
import xray.testing.PeerCorpus;

/**
 * The parsers against the peer corpus, asserting the values the origin projects' own tests assert
 * (INDEX.md "EXPECTED"). Files are read in place, never copied.
 */
class PeerCorpusParsersTest {
    static final long K = 1024;

    static String read(String rel) {
        try {
            return Files.readString(PeerCorpus.resolve(rel), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError("cannot read corpus file " + rel + ": " + e);
        }
    }

    // ---------------------------------------------------------------- /proc/meminfo

    @Test
    void procfsMeminfoWithoutMemAvailable() {
        KeyedValues mi = ColonFields.parseNumbers(read("procfs/proc/meminfo"));
        assertEquals(List.of(), mi.problems());
        assertEquals(16042172416L, mi.get("MemTotal"));
        assertEquals(440324 * K, mi.get("MemFree"));
        assertEquals(1020128 * K, mi.get("Buffers"));
        assertEquals(12007640 * K, mi.get("Cached"));
        assertEquals(6494020 * K, mi.get("Active(file)"));
        assertEquals(6532440 * K, mi.get("Inactive(file)"));
        assertEquals(266216 * K, mi.get("AnonPages"));
        assertEquals(1308 * K, mi.get("Shmem"));
        assertEquals(1738124 * K, mi.get("SReclaimable"));
        assertEquals(69140 * K, mi.get("SUnreclaim"));
        assertEquals(1616 * K, mi.get("KernelStack"));
        assertEquals(5288 * K, mi.get("PageTables"));
        assertEquals(26176 * K, mi.get("Percpu"));
        assertEquals(35184372087808L, mi.get("VmallocTotal"));
        assertEquals(0L, mi.get("HugePages_Total"), "a count, not kB");
        assertEquals(2048 * K, mi.get("Hugepagesize"));
        assertNull(mi.get("MemAvailable"));

        HostMemory h = MemoryModel.host(mi.values());
        assertTrue(h.memAvailableEstimated());
        // MemFree + Active(file) + Inactive(file) + SReclaimable
        assertEquals((440324L + 6494020 + 6532440 + 1738124) * K, h.memAvailable());
        // Buffers + Cached + SReclaimable
        assertEquals((1020128L + 12007640 + 1738124) * K, h.buffCache());
        assertEquals((15666184L - 440324 - (1020128 + 12007640 + 1738124)) * K, h.used());
        // AnonPages + Shmem + SUnreclaim + KernelStack + PageTables + Percpu (no SecPageTables here)
        assertEquals((266216L + 1308 + 69140 + 1616 + 5288 + 26176) * K, h.realCost());
    }

    @Test
    void belowMeminfoWithMemAvailable() {
        HostMemory h = MemoryModel.host(ColonFields.parseNumbers(read("below/procfs-test/proc/meminfo")).values());
        assertEquals(58603192 * K, h.memTotal());
        assertEquals(5298784 * K, h.memFree());
        assertEquals(48603448 * K, h.memAvailable());
        assertFalse(h.memAvailableEstimated());
        assertEquals(3152 * K, h.buffers());
        assertEquals(38116592 * K, h.cached());
        assertEquals(20971512 * K, h.swapTotal());
        assertEquals(18537912 * K, h.swapFree());
        assertEquals(6844752 * K, h.anon());
        assertEquals(14384 * K, h.shmem());
        assertEquals((6844752L + 14384 + 1690980 + 58976 + 157164 + 179616) * K, h.realCost());
    }

    @Test
    void oldKernelMeminfoNoNewlineNoMemAvailable() {
        KeyedValues mi = ColonFields.parseNumbers(read("elastic-agent-system-metrics/oldkern/proc/meminfo"));
        assertEquals(List.of(), mi.problems());
        assertEquals(63120797696L, mi.get("MemTotal"));
        assertEquals(25673170944L, mi.get("MemFree"));
        assertEquals(27307106304L, mi.get("Cached"));
        assertEquals(8589930496L, mi.get("SwapTotal"));
        assertEquals(8588095488L, mi.get("SwapFree"));
        assertNull(mi.get("MemAvailable"));
    }

    @Test
    void oomdAndNodeExporterAndAndroidMeminfo() {
        KeyedValues oomd = ColonFields.parseNumbers(read("oomd/fs_test/proc/meminfo"));
        assertEquals(49, oomd.size());
        assertEquals(2097148 * K, oomd.get("SwapTotal"));
        assertEquals(1097041 * K, oomd.get("SwapFree"));
        assertEquals(0L, oomd.get("HugePages_Total"));

        KeyedValues ne = ColonFields.parseNumbers(read("node_exporter/proc/meminfo"));
        assertEquals(3831959552L, ne.get("MemTotal"));
        assertEquals(230883328L, ne.get("MemFree"));
        assertEquals(953229312L, ne.get("Cached"));
        assertEquals(3231088640L, ne.get("SwapFree"));
        assertNull(ne.get("MemAvailable"));

        HostMemory a = MemoryModel.host(ColonFields.parseNumbers(read("android-libmeminfo/sysmeminfo-test/proc/meminfo"))
                .values());
        assertEquals(3019740 * K, a.memTotal());
        assertEquals(1809728 * K, a.memFree());
        assertEquals(2546560 * K, a.memAvailable());
        assertEquals(54736 * K, a.buffers());
        assertEquals(776052 * K, a.cached());
        assertEquals(4020 * K, a.shmem());
        assertEquals(32768 * K, a.swapTotal());
        assertEquals(4096 * K, a.swapFree());
        assertEquals(367364 * K, a.activeFile());
        assertEquals(456852 * K, a.inactiveFile());
    }

    @Test
    void emptyMeminfoIsAProblemNotZeros() {
        KeyedValues mi = ColonFields.parseNumbers(read("android-libmeminfo/empty-meminfo/proc/meminfo"));
        assertEquals(List.of("empty file"), mi.problems());
        assertNull(mi.get("MemTotal"), "absent, not 0");
    }

    // ---------------------------------------------------------------- PSI

    @Test
    void procfsPressureFiles() {
        Psi some = new Psi(0.10, 2.00, 3.85, 15L);
        Psi full = new Psi(0.20, 3.00, 4.95, 25L);
        assertEquals(new Pressure(some, full), PsiFormat.parse(read("procfs/proc/pressure/memory")));
        assertEquals(new Pressure(some, full), PsiFormat.parse(read("procfs/proc/pressure/io")));
        assertEquals(new Pressure(some, null), PsiFormat.parse(read("procfs/proc/pressure/cpu")));
    }

    @Test
    void cgroupPressureFiles() {
        Pressure cpu = PsiFormat.parse(read("opencontainers-cgroups/fs2-psi-test/sys/fs/cgroup/cpu.pressure"));
        assertEquals(new Psi(1.71, 2.36, 2.57, 230548833L), cpu.some());
        assertEquals(new Psi(1.00, 1.01, 1.00, 157622356L), cpu.full());
        assertEquals(2.00, PsiFormat.parse(read("opencontainers-cgroups/fs2-stats-test/sys/fs/cgroup/memory.pressure"))
                .some().avg60());
        Pressure legacy = PsiFormat.parse(read("oomd/fs_test/cgroup/system.slice/service2.service/memory.pressure"));
        Pressure legacyDebug = PsiFormat.parse(read("oomd/fs_test/cgroup/system.slice/service3.service/memory.pressure"));
        assertEquals(new Psi(1.11, 2.22, 3.33, null), legacy.some());
        assertEquals(new Psi(4.44, 5.55, 6.66, null), legacy.full());
        assertEquals(legacy, legacyDebug);
        Pressure below = PsiFormat.parse(read("below/cgroupfs-test/sys/fs/cgroup/memory.pressure"));
        assertEquals(619176290L, below.some().totalMicros());
        assertEquals(61917L, below.full().totalMicros());
        Pressure irq = PsiFormat.parse(read("node_exporter/proc/pressure/irq"));
        assertNull(irq.some());
        assertEquals(8494L, irq.full().totalMicros(), "irq stalled 0.008494 s: total is in microseconds");
        assertEquals(14036781L, PsiFormat.parse(read("node_exporter/proc/pressure/cpu")).some().totalMicros());
    }

    // ---------------------------------------------------------------- /proc/PID/status

    @Test
    void procfsStatus() {
        ProcStatus s = StatusFile.parse(26231, read("procfs/proc/26231/status"));
        assertEquals("prometheus", s.name());
        assertEquals(List.of(1000, 1000, 1000, 0), s.uids());
        assertEquals(List.of(1), s.nspid());
        assertEquals(6716 * K, s.vmRss());
        assertEquals(2092 * K, s.rssAnon());
        assertEquals(4624 * K, s.rssFile());
        assertEquals(0L, s.rssShmem());
        assertEquals(128 * K, s.vmPte());
        assertEquals(660 * K, s.vmSwap());

        ProcStatus k = StatusFile.parse(26235, read("procfs/proc/26235/status"));
        assertEquals("kube-proxy", k.name());
        assertEquals(List.of(26235, 1), k.nspid());
        assertEquals(1, k.innermostPid());
    }

    @Test
    void belowAndAndroidStatus() {
        ProcStatus b = StatusFile.parse(93041, read("below/procfs-test/proc/93041/status"));
        assertEquals(99284 * K, b.rssAnon());
        assertEquals(25120 * K, b.rssFile());
        assertEquals(12 * K, b.rssShmem());
        assertEquals(1840 * K, b.vmPte());
        assertEquals(8812 * K, b.vmSwap());
        assertEquals(730764 * K, StatusFile.parse(1791, read("android-libmeminfo/proc/1791/status")).vmRss());
    }

    // ---------------------------------------------------------------- /proc/PID/cgroup

    @Test
    void procCgroupLines() {
        var m = ProcCgroup.parse("10:rdma:/\n3:cpu,cpuacct:/user.slice/user-1000.slice/session-10.scope\n"
                + "0::/some/long/path:foobar\n");
        assertEquals(10, m.get(0).hierarchy());
        assertEquals(List.of("rdma"), m.get(0).controllers());
        assertEquals("/", m.get(0).path());
        assertEquals(List.of("cpu", "cpuacct"), m.get(1).controllers());
        assertEquals("/some/long/path:foobar", ProcCgroup.unifiedPath(m));
        assertThrows(Malformed.class, () -> ProcCgroup.parse("a:cpu:/"));
        assertEquals("'malformed input' must contain at least two colons",
                assertThrows(Malformed.class, () -> ProcCgroup.parse("malformed input")).getMessage());
        assertThrows(Malformed.class, () -> ProcCgroup.parse(read("automaxprocs/proc/v2/cgroup-invalid")));
    }

    @Test
    void procCgroupFiles() {
        assertEquals("/system.slice/system-sshd.slice/sshd@126-10.240.0.15:22-xxx.yyy.zzz.aaa:33678.service",
                ProcCgroup.v1Path(ProcCgroup.parse(read("opencontainers-cgroups/coreos-systemd225-cgroupv1/proc/self/cgroup")), "memory"));
        assertEquals("/user.slice/user:with:colon.slice/session-3.scope",
                ProcCgroup.unifiedPath(ProcCgroup.parse(read("below/procfs-test-cgroupv2/proc/1024/cgroup"))));
        assertEquals("/../../user-1000.slice/session-520.scope",
                ProcCgroup.unifiedPath(ProcCgroup.parse(read("elastic-agent-system-metrics/docker2/proc/2233801/cgroup"))));
        var ubuntu = ProcCgroup.parse(read("elastic-agent-system-metrics/ubuntu1804/proc/3757/cgroup"));
        assertEquals("/system.slice/networkd-dispatcher.service", ProcCgroup.unifiedPath(ubuntu));
        assertEquals(13, ubuntu.size());
        assertEquals("/system.slice/docker.service",
                ProcCgroup.unifiedPath(ProcCgroup.parse(read("containerd-cgroups/systemd240-hybrid/proc/self/cgroup"))));
        assertEquals("/", ProcCgroup.unifiedPath(ProcCgroup.parse(read("automaxprocs/proc/v2/cgroup-root"))));
        assertEquals("/Example", ProcCgroup.unifiedPath(ProcCgroup.parse(read("automaxprocs/proc/v2/cgroup-subdir"))));
        assertNull(ProcCgroup.unifiedPath(ProcCgroup.parse(read("automaxprocs/proc/v2/cgroup-no-match"))));
    }

    // ---------------------------------------------------------------- single values and keyed files

    @Test
    void fs2SingleValues() {
        assertEquals(123456789L, SingleValue.parseBytes(read("opencontainers-cgroups/fs2-memory-test/sys/fs/cgroup/memory.current")));
        assertEquals(987654321L, SingleValue.parseBytes(read("opencontainers-cgroups/fs2-memory-test/sys/fs/cgroup/memory.peak")));
        assertEquals(999999999L, SingleValue.parseLimit(read("opencontainers-cgroups/fs2-memory-test/sys/fs/cgroup/memory.max")).bytes());
        assertTrue(SingleValue.parseLimit(read("opencontainers-cgroups/fs2-stats-test/sys/fs/cgroup/memory.max")).isUnlimited());
        assertEquals(29645422592L, SingleValue.parseBytes(read("clickhouse/v2/sys/fs/cgroup/memory.current")));
        String docker2 = "elastic-agent-system-metrics/docker2/sys/fs/cgroup/user.slice/user-1000.slice/session-520.scope/";
        assertTrue(SingleValue.parseLimit(read(docker2 + "memory.high")).isUnlimited());
        assertEquals(17715200L, SingleValue.parseBytes(read(docker2 + "memory.swap.current")));
    }

    @Test
    void memoryEvents() {
        KeyedValues all = Keyed.parse(read("cadvisor/memory-events/all-counters/memory.events"));
        assertEquals(42L, all.get("high"));
        assertEquals(5L, all.get("max"));
        assertEquals(238L, Keyed.parse(read("cadvisor/memory-events/high-only/memory.events")).get("high"));
        assertEquals(0L, Keyed.parse(read("cadvisor/memory-events/zeros/memory.events")).get("max"));
        // cadvisor reads an empty file as 0/0; xray reports it and shows the values as absent.
        KeyedValues empty = Keyed.parse(read("cadvisor/memory-events/empty/memory.events"));
        assertEquals(List.of("empty file"), empty.problems());
        assertNull(empty.get("high"));
        KeyedValues oomControl = Keyed.parse(read("containerd-cgroups/v1-synthetic/sys/fs/cgroup/memory/memory.oom_control"));
        assertEquals(3L, oomControl.get("oom_kill"));
        assertEquals(2L, oomControl.get("under_oom"));
    }

    @Test
    void overflowAndMalformedMemoryStat() {
        KeyedValues overflow = Keyed.parse(read("below/cgroupfs-test-overflow/sys/fs/cgroup/memory.stat"));
        assertEquals("14914318128160131214", overflow.unsigned("slab"));
        KeyedValues bad = Keyed.parse(read("below/cgroupfs-test-malformed/sys/fs/cgroup/memory.stat"));
        assertEquals(1234L, bad.get("slab"));
        assertEquals(List.of("line 2 'lol' is not 'key value'"), bad.problems());
    }
}
