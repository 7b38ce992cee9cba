package xray.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import xray.analysis.ProcessModel;
import xray.model.GroupBy;
import xray.model.ProcessFigures;
import xray.model.PsGroup;
import xray.model.PsNote;
import xray.model.PsProcess;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.model.PssRead;
import xray.render.PsSentences;
import xray.testing.PsFixtures;
import xray.testing.Tree;

/** {@code xray ps}'s reading of the fixture host of {@link PsFixtures}, and the report made from it. */
class PsCollectorTest {
    private static final long M = 1 << 20;
    private static final long NO_LIMIT = Long.MAX_VALUE;

    private static PsReport scan(Tree t, PsSample.Options o, Warnings w) {
        return ProcessModel.report(PsCollector.collect(t.kernelFs(), o, w));
    }

    private static PsReport scan(PsSample.Options o) {
        Warnings w = new Warnings();
        PsReport r = scan(PsFixtures.write(new Tree()), o, w);
        assertEquals(List.of(), w.lines(), "vanished processes and kernel threads are not warned about");
        return r;
    }

    private static Map<Integer, PsProcess> byPid(PsReport r) {
        return r.processes().stream().collect(Collectors.toMap(PsProcess::pid, Function.identity()));
    }

    private static List<Integer> pids(PsReport r) {
        return r.processes().stream().map(PsProcess::pid).toList();
    }

    @Test
    void withoutPssEveryLiveUserProcessIsListed() {
        PsReport r = scan(new PsSample.Options(false, NO_LIMIT, false, null, null));
        // 2 is a kernel thread and 106 a zombie (left out); 103 and 104 exited during the scan.
        assertEquals(List.of(1, 100, 101, 102, 105), pids(r));
        Map<Integer, PsProcess> p = byPid(r);
        assertEquals(List.of("root", "app", "app", "uid 999", "root"),
                r.processes().stream().map(x -> x.sample().user()).toList());
        assertEquals(List.of("init", "java", "java", "postgres", "cron"),
                r.processes().stream().map(PsProcess::program).toList());
        assertEquals(List.of("init.scope", "app.service", "app.service", "postgresql.service", "cron.service"),
                r.processes().stream().map(PsProcess::service).toList());
        assertEquals("/system.slice/postgresql.service", p.get(102).sample().cgroup(), "the v1 memory path on hybrid");
        assertEquals(List.of(100, 101), r.processes().stream().filter(x -> x.sample().jvm()).map(PsProcess::pid).toList());
        assertEquals(new ProcessFigures(340 * M, 300 * M, 40 * M, 0L, 10 * M, null, null, null, null, null, null, null,
                310 * M), p.get(100).figures());
        assertEquals(PssRead.NOT_ASKED, p.get(100).sample().pssRead());
        assertEquals("/usr/lib/jvm/java-17/bin/java -Xmx512m -jar /opt/app/app.jar "
                + "--password=hunter2-and-a-long-tail-of-arguments", p.get(100).sample().cmdline());
        assertEquals(M, r.sharing().ksm(), "pages_sharing 256 × 4 KiB");
        assertEquals(List.of(), r.notes());
    }

    @Test
    void allAddsKernelThreadsAndZombies() {
        PsReport r = scan(new PsSample.Options(true, NO_LIMIT, true, null, null));
        assertEquals(List.of(1, 2, 100, 101, 102, 106), pids(r), "105 is gone by the time its smaps_rollup is read");
        PsProcess k = byPid(r).get(2);
        assertEquals("kthreadd", k.program());
        assertNull(k.figures().realCost());
        assertEquals(PssRead.NOT_ASKED, k.sample().pssRead(), "a kernel thread has no page tables to walk");
    }

    @Test
    void pssFromTheRollup() {
        PsReport r = scan(new PsSample.Options(true, NO_LIMIT, false, null, null));
        Map<Integer, PsProcess> p = byPid(r);
        assertEquals(new ProcessFigures(340 * M, 300 * M, 40 * M, 0L, 10 * M, 320 * M, 300 * M, 20 * M, 0L, 305 * M,
                10 * M, 20 * M, 310 * M), p.get(100).figures());
        assertEquals(new ProcessFigures(304 * M, 200 * M, 40 * M, 64 * M, 0L, 252 * M, 200 * M, 20 * M, 32 * M,
                200 * M, 0L, 52 * M, 232 * M), p.get(101).figures());
        assertEquals(List.of(1, 100, 101, 102), pids(r));
        var s = r.sharing();
        assertEquals(4, s.processes());
        assertEquals((10 + 340 + 304 + 79) * M, s.rss());
        assertEquals((5 + 320 + 252 + 45) * M, s.pss());
        assertEquals(M, s.ksm());
    }

    @Test
    void processesAboveTheLimitAreNotWalked() {
        PsReport r = scan(new PsSample.Options(true, 300 * M, false, null, null));
        PsProcess big = byPid(r).get(100);
        assertEquals(PssRead.TOO_BIG, big.sample().pssRead());
        assertNull(big.figures().pss());
        assertEquals(310 * M, big.figures().realCost(), "counted from RSS");
        assertEquals(PssRead.TOO_BIG, byPid(r).get(101).sample().pssRead(), "VmRSS 304 MiB");
        assertEquals(List.of(new PsNote(PsNote.Code.PSS_TOO_BIG, 2, false, List.of(100, 101), 300 * M)), r.notes());
        assertEquals("2 processes above --pss-max-rss 300 MiB not walked for PSS (walking could stall them): "
                + "pids 100, 101", PsSentences.note(r.notes().get(0)));
    }

    @Test
    void byUserNameOrUidAndByCgroup() {
        assertEquals(List.of(100, 101), pids(scan(new PsSample.Options(false, NO_LIMIT, false, "app", null))));
        assertEquals(List.of(100, 101), pids(scan(new PsSample.Options(false, NO_LIMIT, false, "1000", null))));
        assertEquals(List.of(102), pids(scan(new PsSample.Options(false, NO_LIMIT, false, "999", null))));
        assertEquals(List.of(100, 101, 102, 105), pids(scan(new PsSample.Options(false, NO_LIMIT, false, null,
                "/system.slice"))));
        assertEquals(List.of(100, 101), pids(scan(new PsSample.Options(false, NO_LIMIT, false, null,
                "/system.slice/app.service"))));
        assertEquals(List.of(), pids(scan(new PsSample.Options(false, NO_LIMIT, false, null, "/system.slice/app"))),
                "a prefix of a name is not a parent");
        PsCollector.UnknownUser e = assertThrows(PsCollector.UnknownUser.class,
                () -> scan(new PsSample.Options(false, NO_LIMIT, false, "mallory", null)));
        assertEquals("no user 'mallory' in /host/etc/passwd", e.getMessage());
    }

    @Test
    void groupsOfTheFixture() {
        PsReport r = scan(new PsSample.Options(true, NO_LIMIT, false, null, null));
        List<PsGroup> g = ProcessModel.group(r.processes(), GroupBy.program);
        PsGroup java = g.stream().filter(x -> x.name().equals("java")).findFirst().orElseThrow();
        assertEquals(2, java.processes());
        assertEquals(2, java.jvms());
        assertEquals(644 * M, java.figures().rss());
        assertEquals(572 * M, java.figures().pss());
        assertEquals(72 * M, java.figures().shared());
    }

    @Test
    void onV2TheUnifiedPathCounts() {
        Tree t = PsFixtures.write(new Tree());
        t.file("/proc/self/mountinfo",
                "30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n");
        t.file("/sys/fs/cgroup/cgroup.controllers", "memory pids\n");
        PsReport r = scan(t, new PsSample.Options(false, NO_LIMIT, false, null, null), new Warnings());
        assertEquals("/", byPid(r).get(102).sample().cgroup());
        assertEquals("/system.slice/app.service", byPid(r).get(100).sample().cgroup());
    }

    @Test
    void oldRollupWithoutPssAnonSaysSoOnce() {
        Tree t = PsFixtures.write(new Tree());
        for (int pid : new int[] {100, 101}) {
            t.file("/proc/" + pid + "/smaps_rollup", "00400000-ffffffffff601000 ---p 00000000 00:00 0   [rollup]\n"
                    + "Rss:  1024 kB\nPss:  512 kB\nPrivate_Clean:  0 kB\nPrivate_Dirty:  256 kB\nSwapPss:  0 kB");
        }
        PsReport r = scan(t, new PsSample.Options(true, NO_LIMIT, false, null, null), new Warnings());
        PsProcess p = byPid(r).get(100);
        assertNull(p.figures().pssAnon());
        assertEquals(512 * 1024L, p.figures().pss());
        assertEquals(310 * M, p.figures().realCost());
        assertEquals(List.of(new PsNote(PsNote.Code.PSS_UNSPLIT, 2, false, List.of(), null)), r.notes());
        assertEquals("this kernel's smaps_rollup has no Pss_Anon or Pss_Shmem (they came in Linux 5.7): "
                + "real cost is counted from RSS", PsSentences.note(r.notes().get(0)));
    }

    @Test
    void garbledFilesWarnOnceEachAndTheRestStays() {
        Tree t = PsFixtures.write(new Tree());
        t.file("/proc/100/smaps_rollup", "Rss: many kB\n");
        t.file("/proc/101/cgroup", "garbage\n");
        t.file("/proc/102/status", "\n");
        Warnings w = new Warnings();
        PsReport r = scan(t, new PsSample.Options(true, NO_LIMIT, false, null, null), w);
        assertEquals(List.of(
                "/host/proc/100/smaps_rollup: line 1 'Rss: many kB' has no number",
                "/host/proc/100/smaps_rollup: no Rss or Pss line",
                "/host/proc/101/cgroup: 'garbage' must contain at least two colons",
                "/host/proc/102/status: empty file"), w.lines().stream().sorted().toList());
        assertEquals(List.of(1, 100, 101), pids(r));
        assertEquals(PssRead.FAILED, byPid(r).get(100).sample().pssRead());
        assertNull(byPid(r).get(101).sample().cgroup());
        assertNull(byPid(r).get(101).service());
    }

    @Test
    void noProcIsUnreadable() {
        Tree t = new Tree();
        t.file("/etc/passwd", "root:x:0:0::/:\n");
        HostCollector.Unreadable e = assertThrows(HostCollector.Unreadable.class,
                () -> scan(t, new PsSample.Options(false, NO_LIMIT, false, null, null), new Warnings()));
        assertEquals("/host/proc: no processes; is /host a Linux root?", e.getMessage());
    }
}
