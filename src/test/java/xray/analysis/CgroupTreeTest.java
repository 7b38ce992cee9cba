package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.model.Cgroup;
import xray.model.CgroupLayout;
import xray.model.CgroupLimit;
import xray.model.CgroupMode;
import xray.model.CgroupSample;
import xray.model.HostIdentity;
import xray.model.HostSample;
import xray.model.Limit;
import xray.model.MemReport;
import xray.model.MemSample;
import xray.model.Pressure;
import xray.model.Psi;

/** The tree of cgroups made from what was read: names, parents, depths, process counts, the root, the limit shown. */
class CgroupTreeTest {
    static final long M = 1L << 20;
    static final CgroupLayout V2 = new CgroupLayout(CgroupMode.V2, "/sys/fs/cgroup", "/sys/fs/cgroup", "/", false, null);
    static final Pressure HOST_PSI = new Pressure(new Psi(0.25, 0.1, 0, 7L), null);

    static HostSample host() {
        Map<String, Long> mi = new HashMap<>();
        mi.put("MemTotal", 1024 * M);
        mi.put("MemFree", 624 * M);
        mi.put("AnonPages", 200 * M);
        mi.put("Shmem", 10 * M);
        mi.put("SUnreclaim", 20 * M);
        mi.put("SReclaimable", 30 * M);
        mi.put("Cached", 150 * M);
        mi.put("Buffers", 5 * M);
        mi.put("SwapTotal", 0L);
        mi.put("SwapFree", 0L);
        return new HostSample(new HostIdentity("h", null, null, 1), mi, HOST_PSI, null, false, null);
    }

    static CgroupSample sample(String path, Long current, Limit max, Limit high, List<Integer> procs) {
        Map<String, Long> stat = Map.of("anon", 10 * M, "file", 20 * M, "shmem", 0L, "active_file", 5 * M,
                "inactive_file", 15 * M, "kernel", 2 * M, "slab_reclaimable", M);
        return new CgroupSample(path, false, current, null, max, high, null, null, null, 0L, null, stat,
                Map.of("oom_kill", 1L), null, procs);
    }

    @Test
    void namesParentsDepthsAndProcessesOverEachSubtree() {
        MemReport r = CgroupTree.report(new MemSample(host(), V2, List.of(
                sample("/", null, null, null, List.of(1)),
                sample("/system.slice", 40 * M, Limit.UNLIMITED, Limit.UNLIMITED, List.of()),
                sample("/system.slice/a.service", 20 * M, Limit.of(64 * M), Limit.UNLIMITED, List.of(10, 11)),
                sample("/system.slice/b.service", 20 * M, Limit.UNLIMITED, Limit.of(12 * M), null),
                sample("/system.slice/b.service/worker", 5 * M, Limit.UNLIMITED, Limit.UNLIMITED, List.of(12))), false));
        List<Cgroup> cgs = r.cgroups();
        assertEquals(List.of("/", "system.slice", "a.service", "b.service", "worker"), cgs.stream().map(Cgroup::name).toList());
        assertEquals(List.of("root", "slice", "service", "service", "cgroup"), cgs.stream().map(Cgroup::kind).toList());
        assertEquals(List.of(0, 1, 2, 2, 3), cgs.stream().map(Cgroup::depth).toList());
        assertEquals(List.of(1, 2, 0, 1, 0), cgs.stream().map(Cgroup::children).toList());
        assertEquals(List.of(false, false, true, false, true), cgs.stream().map(Cgroup::leaf).toList());
        assertNull(cgs.get(0).parent());
        assertEquals("/system.slice/b.service", cgs.get(4).parent());
        // b.service's cgroup.procs was unreadable: its count is unknown, and what its subtree would add above it.
        assertEquals(List.of(3, 2, 2), List.of(cgs.get(0).processes(), cgs.get(1).processes(), cgs.get(2).processes()));
        assertNull(cgs.get(3).processes());
        assertEquals(1, cgs.get(4).processes());
        assertEquals(1L, cgs.get(2).oomKills());
        // The limit shown: memory.max when set, else memory.high; none when neither is.
        assertEquals(new CgroupLimit(64 * M, false, false, false), cgs.get(2).limit());
        assertEquals(new CgroupLimit(12 * M, true, true, true), cgs.get(3).limit(), "real cost 11 MiB is over 90% of 12 MiB");
        assertNull(cgs.get(1).limit());
        assertFalse(r.notLinux());
    }

    @Test
    void theRealRootOfAV2HostIsTheHost() {
        MemReport r = CgroupTree.report(new MemSample(host(), V2, List.of(sample("/", null, null, null, List.of(1))), false));
        Cgroup root = r.cgroups().get(0);
        // No memory.current: charged MemTotal − MemFree, kernel from /proc/meminfo, pressure the host's.
        assertEquals(400 * M, root.memory().current());
        assertEquals(400 * M, r.memory().inUse());
        assertEquals(20 * M + 30 * M, root.memory().kernel(), "unreclaimable + reclaimable slab");
        assertEquals(200 * M + 10 * M + 20 * M, r.memory().realCost());
        assertEquals(400 * M - 230 * M, r.memory().reclaimable());
        assertSame(HOST_PSI, root.pressure());
        assertNull(root.sample().pressure(), "what was read stays as it was read");
    }

    @Test
    void insideAContainerTheTopIsItsOwnCgroup() {
        CgroupLayout ns = new CgroupLayout(CgroupMode.V2, "/sys/fs/cgroup", "/sys/fs/cgroup", "/", true, null);
        MemReport r = CgroupTree.report(new MemSample(host(), ns, List.of(sample("/", 73 * M, null, null, List.of(1))),
                false));
        Cgroup top = r.cgroups().get(0);
        assertEquals("/ (this container)", top.name());
        assertEquals("container", top.kind());
        assertEquals(73 * M, top.memory().current(), "its own memory.current, not the host's");
        assertNull(top.pressure(), "a container's top has its own memory.pressure or none, never the host's");
        CgroupLayout docker = new CgroupLayout(CgroupMode.V1, "/sys/fs/cgroup/memory", null,
                "/docker/" + NamesTest.ID, true, null);
        assertEquals(new Names.Name("/ (docker 1c8fa019edd4)", "container"), CgroupTree.topName(docker));
        CgroupLayout up = new CgroupLayout(CgroupMode.V2, "/sys/fs/cgroup", "/sys/fs/cgroup",
                "/../../user-1000.slice/session-520.scope", true, null);
        assertEquals(new Names.Name("/ (session-520.scope)", "container"), CgroupTree.topName(up),
                "a mount root above the namespace's own");
    }

    @Test
    void namedFromPathsAlone() {
        assertEquals(List.of(new Names.Named("/", "/", "root"), new Names.Named("/system.slice", "system.slice", "slice"),
                new Names.Named("/docker/" + NamesTest.ID, "docker 1c8fa019edd4", "container")),
                CgroupTree.named(List.of("/", "/system.slice", "/docker/" + NamesTest.ID), V2));
        assertTrue(CgroupTree.named(List.of(), V2).isEmpty());
    }
}
