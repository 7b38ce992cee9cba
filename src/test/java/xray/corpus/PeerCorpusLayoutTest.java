package xray.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xray.corpus.PeerCorpusParsersTest.read;

import java.util.List;
import org.junit.jupiter.api.Test;
import xray.kernel.CgroupMounts;
import xray.kernel.Mountinfo;
import xray.model.CgroupLayout;
import xray.model.CgroupMode;

/** Mount parsing and the v1/v2/hybrid decision on the peer corpus's mountinfo files. */
class PeerCorpusLayoutTest {
    static CgroupLayout layout(String rel) {
        return CgroupMounts.decide(Mountinfo.parse(read(rel)).mounts(), p -> false);
    }

    @Test
    void procfsMountinfoKeepsAnEmptyMountPoint() {
        Mountinfo.Parsed p = Mountinfo.parse(read("procfs/proc/26231/mountinfo"));
        assertEquals(List.of(), p.problems());
        Mountinfo.Mount first = p.mounts().get(0);
        assertEquals("", first.mountPoint());
        Mountinfo.Mount sda = p.mounts().stream().filter(m -> m.id() == 21).findFirst().orElseThrow();
        assertEquals(0, sda.parent());
        assertEquals("/", sda.mountPoint());
        assertEquals("/dev/sda1", sda.source());
        assertEquals("ext4", sda.fsType());
    }

    @Test
    void escapesAreUndone() {
        Mountinfo.Parsed ne = Mountinfo.parse(read("node_exporter/proc/1/mountinfo"));
        assertTrue(ne.mounts().stream().anyMatch(m -> m.mountPoint().contains("[vsanDatastore] bafb9e5a")));
        assertTrue(ne.mounts().stream().anyMatch(m -> m.mountPoint().contains("[vsanDatastore]\tbafb9e5a")));
        CgroupLayout go = layout("golang-runtime-cgroup/v2-escaped/proc/self/mountinfo");
        assertEquals(CgroupMode.V2, go.mode());
        assertEquals("/sys/fs/cgroup/tab\ttab", go.memoryMount());
        assertEquals("a\\b", Mountinfo.unescape("a\\134b"));
        assertEquals("a\nb", Mountinfo.unescape("a\\012b"));
    }

    @Test
    void badLinesAreProblems() {
        assertEquals(1, Mountinfo.parse("hello\n").problems().size());
        assertEquals(1, Mountinfo.parse(read("automaxprocs/proc/invalid-mountinfo/mountinfo")).problems().size());
    }

    @Test
    void hybridWithUnified() {
        CgroupLayout l = layout("openjdk/hybrid-v1-memory/proc/self/mountinfo");
        assertEquals(CgroupMode.HYBRID, l.mode());
        assertEquals("/sys/fs/cgroup/memory", l.memoryMount());
        assertEquals("/sys/fs/cgroup/unified", l.unifiedMount());
        assertEquals("/", l.mountRoot());
        assertFalse(l.inContainer());
        assertEquals(CgroupMode.HYBRID, layout("automaxprocs/proc/v2/mountinfo-v1-v2").mode(), "hybrid is NOT v2");
    }

    @Test
    void hybridWithCgroup2AtSystemd() {
        CgroupLayout l = layout("opencontainers-cgroups/fedora-hybrid-cgroup2-systemd/proc/self/mountinfo");
        assertEquals(CgroupMode.HYBRID, l.mode());
        assertEquals("/sys/fs/cgroup/memory", l.memoryMount(), "the cgroup2 line at /sys/fs/cgroup/systemd is no v1 mount");
        assertEquals("/sys/fs/cgroup/systemd", l.unifiedMount());
    }

    @Test
    void v1Hosts() {
        // OpenJDK calls this "v1": the memory controller is on v1 (joined with others); a cgroup2 sits at unified.
        CgroupLayout joined = layout("openjdk/v1-join-controllers/proc/self/mountinfo");
        assertTrue(joined.memoryIsV1());
        assertEquals(CgroupMode.HYBRID, joined.mode());
        assertEquals("/sys/fs/cgroup/cpu,cpuacct,net_cls,net_prio,hugetlb,memory", joined.memoryMount());
        CgroupLayout fedora = layout("opencontainers-cgroups/fedora-cgroupv1-host/proc/self/mountinfo");
        assertEquals(CgroupMode.V1, fedora.mode());
        assertEquals("/sys/fs/cgroup/memory", fedora.memoryMount());
        CgroupLayout bedrock = layout("opencontainers-cgroups/bedrock-cgroupv1/proc/self/mountinfo");
        assertEquals(CgroupMode.V1, bedrock.mode());
        assertEquals("/sys/fs/cgroup/memory", bedrock.memoryMount());
        assertEquals(CgroupMode.V1, layout("automaxprocs/proc/v2/mountinfo").mode());
    }

    @Test
    void superOptionsWithSpacesSurvive() {
        Mountinfo.Parsed p = Mountinfo.parse(read("opencontainers-cgroups/fedora-cgroupv1-host/proc/self/mountinfo"));
        assertEquals(List.of(), p.problems());
        Mountinfo.Mount cifs = p.mounts().get(p.mounts().size() - 1);
        assertEquals("cifs", cifs.fsType());
        assertTrue(cifs.superOptions().stream().anyMatch(o -> o.contains("BLA BLA BLA")));
    }

    @Test
    void v2Hosts() {
        CgroupLayout only = layout("openjdk/v2-only/proc/self/mountinfo");
        assertEquals(CgroupMode.V2, only.mode());
        assertEquals("/sys/fs/cgroup", only.memoryMount());
        assertEquals(CgroupMode.V2, layout("openjdk/v2-with-v1-freezer-only/proc/self/mountinfo").mode());
        assertEquals(CgroupMode.V2, layout("automaxprocs/proc/v2/mountinfo-v2").mode());
    }

    @Test
    void noMemoryController() {
        assertEquals(CgroupMode.NONE, layout("openjdk/v1-systemd-only/proc/self/mountinfo").mode());
        assertEquals(CgroupMode.NONE, layout("openjdk/empty-mountinfo/proc/self/mountinfo").mode());
        assertNull(layout("openjdk/empty-mountinfo/proc/self/mountinfo").memoryMount());
    }

    @Test
    void containerViews() {
        CgroupLayout docker = layout("opencontainers-cgroups/docker-container-cgroupv1/proc/self/mountinfo");
        assertTrue(docker.inContainer());
        assertTrue(docker.mountRoot().startsWith("/system.slice/docker-dc4e"), docker.mountRoot());
        CgroupLayout colons = layout("openjdk/v1-colons-in-path/proc/self/mountinfo");
        assertEquals("/system.slice/containerd.service/kubepods-burstable-podf65e797d_d5f9_4604_9773_94f4bb9946a0.slice"
                + ":cri-containerd:86ac6260f9f8a9c1276748250f330ae9c2fcefe5ae809364ad1e45f3edf7e08a", colons.mountRoot());
        assertTrue(colons.inContainer());
        CgroupLayout automax = layout("automaxprocs/proc/cgroups/mountinfo");
        assertEquals("/docker", automax.mountRoot());
    }
}
