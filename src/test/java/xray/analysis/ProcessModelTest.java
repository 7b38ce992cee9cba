package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xray.model.GroupBy;
import xray.model.ProcSmaps;
import xray.model.ProcStatus;
import xray.model.ProcessField;
import xray.model.ProcessFigures;
import xray.model.ProcessSample;
import xray.model.PsGroup;
import xray.model.PsNote;
import xray.model.PsProcess;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.model.PssRead;
import xray.model.Sharing;

class ProcessModelTest {
    private static final long M = 1 << 20;

    static ProcStatus status(int pid, String name, Long rssAnon, Long rssFile, Long rssShmem, Long swap) {
        Long vmRss = rssAnon == null ? null : rssAnon + rssFile + rssShmem;
        return new ProcStatus(pid, name, List.of(0, 0, 0, 0), List.of(pid), vmRss, rssAnon, rssFile, rssShmem,
                swap, null, null, 1, pid, "S");
    }

    static ProcSmaps smaps(long rss, long pss, Long pssAnon, Long pssFile, Long pssShmem, long privClean,
                           long privDirty, long swapPss) {
        return new ProcSmaps(rss, pss, pssAnon, pssFile, pssShmem, null, null, privClean, privDirty, null, swapPss);
    }

    static PsProcess process(int pid, String user, String cgroup, String argv0, ProcStatus st, ProcSmaps sm) {
        return ProcessModel.of(new ProcessSample(st, user, cgroup, List.of(argv0), sm,
                sm == null ? PssRead.NOT_ASKED : PssRead.READ, false), 0);
    }

    @Test
    void realCostFromRssWithoutPss() {
        ProcessFigures f = ProcessModel.figures(status(1, "a", 100 * M, 30 * M, 8 * M, 2 * M), null);
        // realCost = rssAnon + rssShmem + swap
        assertEquals(110 * M, f.realCost());
        assertEquals(138 * M, f.rss());
        assertNull(f.pss());
        assertNull(f.uss());
        assertNull(f.shared());
    }

    @Test
    void realCostFromPssWithPss() {
        ProcessFigures f = ProcessModel.figures(status(1, "a", 100 * M, 30 * M, 8 * M, 2 * M),
                smaps(140 * M, 120 * M, 100 * M, 18 * M, 2 * M, 10 * M, 100 * M, M));
        // realCost = pssAnon + pssShmem + swapPss; uss = Private_Clean + Private_Dirty; shared = Rss − Pss
        assertEquals(103 * M, f.realCost());
        assertEquals(110 * M, f.uss());
        assertEquals(20 * M, f.shared());
        assertEquals(140 * M, f.rss(), "RSS from the same walk as PSS");
    }

    @Test
    void rollupWithoutPssAnonFallsBackToRss() {
        ProcSmaps old = smaps(140 * M, 120 * M, null, null, null, 10 * M, 100 * M, M);
        ProcessFigures f = ProcessModel.figures(status(1, "a", 100 * M, 30 * M, 8 * M, 2 * M), old);
        assertEquals(110 * M, f.realCost());
        assertNull(f.pssAnon(), "absent, not zero");
        assertEquals(120 * M, f.pss());
        assertTrue(ProcessModel.pssUnsplit(new ProcessSample(status(1, "a", M, M, 0L, 0L), "u", "/", List.of(), old,
                PssRead.READ, false)));
    }

    @Test
    void kernelThreadsCostNothingKnown() {
        ProcessFigures f = ProcessModel.figures(status(2, "kthreadd", null, null, null, null), null);
        assertNull(f.realCost());
        assertNull(f.rss());
    }

    @Test
    void programNames() {
        assertEquals("python3", ProcessModel.program(List.of("/usr/bin/python3", "-c", "x"), "python3"));
        assertEquals("sshd", ProcessModel.program(List.of("sshd: root@pts/0"), "sshd"));
        assertEquals("postgres", ProcessModel.program(List.of("postgres: checkpointer "), "postgres"));
        assertEquals("chrome", ProcessModel.program(List.of("/opt/google/chrome/chrome --type=renderer"), "chrome"));
        assertEquals("bash", ProcessModel.program(List.of("-bash"), "bash"));
        assertEquals("java", ProcessModel.program(List.of("/usr/lib/jvm/java-17/bin/java", "-jar", "a.jar"), "java"));
        assertEquals("kworker/0:1", ProcessModel.program(List.of(), "kworker/0:1"));
        assertEquals("a b", ProcessModel.program(List.of("/opt/a b", "--flag"), "x"), "a path with a space and arguments");
        assertEquals("weird", ProcessModel.program(List.of("/"), "weird"));
    }

    @Test
    void serviceIsTheNamePeopleRecognise() {
        PsProcess p = process(7, "app", "/system.slice/docker-1c8fa019b5ed7d6e5f4a8d8c3d4e5f60718293a4b5c6d7e8f9.scope",
                "/usr/bin/app", status(7, "app", M, M, 0L, 0L), null);
        assertEquals("docker 1c8fa019b5ed", p.service());
        assertEquals("app", p.program());
    }

    private static List<PsProcess> three() {
        List<PsProcess> ps = new ArrayList<>();
        // Two java processes of one service sharing 40 MiB (each maps it; PSS splits it).
        ps.add(process(10, "app", "/system.slice/a.service", "/usr/bin/java", status(10, "java", 100 * M, 50 * M, 0L, 0L),
                smaps(150 * M, 130 * M, 100 * M, 30 * M, 0L, 0, 110 * M, 0)));
        ps.add(process(11, "app", "/system.slice/a.service", "java", status(11, "java", 60 * M, 50 * M, 0L, 0L),
                smaps(110 * M, 90 * M, 60 * M, 30 * M, 0L, 0, 70 * M, 0)));
        // One process whose PSS was not read.
        ps.add(process(12, "root", "/system.slice/b.service", "/usr/sbin/b", status(12, "b", 5 * M, 3 * M, 0L, 0L), null));
        return ps;
    }

    @Test
    void groupsByProgramSumWhatIsPresent() {
        List<PsGroup> g = ProcessModel.group(three(), GroupBy.program);
        assertEquals(List.of("java", "b"), g.stream().map(PsGroup::name).toList());
        PsGroup java = g.get(0);
        assertEquals(2, java.processes());
        assertEquals(260 * M, java.figures().rss());
        assertEquals(220 * M, java.figures().pss());
        assertEquals(40 * M, java.figures().shared());
        assertEquals(180 * M, java.figures().uss());
        assertEquals(160 * M, java.figures().realCost());
        PsGroup b = g.get(1);
        assertNull(b.figures().pss(), "no member had PSS: absent, not 0");
        assertEquals(8 * M, b.figures().rss());
        assertEquals(5 * M, b.figures().realCost());
    }

    @Test
    void groupsByServiceAndUser() {
        List<PsGroup> s = ProcessModel.group(three(), GroupBy.service);
        assertEquals(List.of("a.service", "b.service"), s.stream().map(PsGroup::name).toList());
        assertEquals("/system.slice/a.service", s.get(0).cgroup());
        List<PsGroup> u = ProcessModel.group(three(), GroupBy.user);
        assertEquals(List.of("app", "root"), u.stream().map(PsGroup::name).toList());
        assertNull(u.get(0).cgroup());
    }

    @Test
    void sharingCountsOnlyProcessesWithPss() {
        Sharing s = ProcessModel.sharing(three(), 8 * M);
        assertEquals(2, s.processes());
        assertEquals(260 * M, s.rss());
        assertEquals(220 * M, s.pss());
        assertEquals(40 * M, s.shared());
        assertEquals(8 * M, s.ksm());
        Sharing none = ProcessModel.sharing(three().subList(2, 3), null);
        assertNull(none.rss());
        assertNull(none.shared());
    }

    @Test
    void orderLargestFirstAbsentLastNamesAToZ() {
        List<PsProcess> ps = new ArrayList<>(three());
        ps.sort(ProcessModel.order(ProcessField.realCost, false));
        assertEquals(List.of(10, 11, 12), ps.stream().map(PsProcess::pid).toList());
        ps.sort(ProcessModel.order(ProcessField.pss, false));
        assertEquals(List.of(10, 11, 12), ps.stream().map(PsProcess::pid).toList(), "absent PSS sorts last");
        ps.sort(ProcessModel.order(ProcessField.program, false));
        assertEquals(List.of(12, 10, 11), ps.stream().map(PsProcess::pid).toList());
        ps.sort(ProcessModel.order(ProcessField.user, false));
        assertEquals(List.of(10, 11, 12), ps.stream().map(PsProcess::pid).toList());
        List<PsGroup> g = new ArrayList<>(ProcessModel.group(ps, GroupBy.program));
        g.sort(ProcessModel.groupOrder(ProcessField.program, false));
        assertEquals(List.of("b", "java"), g.stream().map(PsGroup::name).toList());
        g.sort(ProcessModel.groupOrder(ProcessField.uss, false));
        assertEquals(List.of("java", "b"), g.stream().map(PsGroup::name).toList());
        g.sort(ProcessModel.groupOrder(ProcessField.rss, true));
        assertEquals(List.of("b", "java"), g.stream().map(PsGroup::name).toList(), "-r: smallest first");
        g.sort(ProcessModel.groupOrder(ProcessField.uss, true));
        assertEquals(List.of("java", "b"), g.stream().map(PsGroup::name).toList(), "-r: b's USS is absent: still last");
        ps.sort(ProcessModel.order(ProcessField.realCost, true));
        assertEquals(List.of(12, 11, 10), ps.stream().map(PsProcess::pid).toList(), "-r: smallest first");
        ps.sort(ProcessModel.order(ProcessField.pss, true));
        assertEquals(List.of(11, 10, 12), ps.stream().map(PsProcess::pid).toList(), "-r: smallest PSS first, absent still last");
        ps.sort(ProcessModel.order(ProcessField.pid, true));
        assertEquals(List.of(12, 11, 10), ps.stream().map(PsProcess::pid).toList());
    }

    static ProcessSample sample(int pid, int euid, boolean jvm, PssRead read) {
        ProcStatus st = new ProcStatus(pid, "java", List.of(euid, euid, euid, euid), List.of(pid), 3 * M, M, 2 * M, 0L,
                0L, null, null, 20, pid, "S");
        return new ProcessSample(st, "u" + euid, "/", List.of("java"), null, read, jvm);
    }

    static PsReport report(Integer selfEuid, ProcessSample... ps) {
        return ProcessModel.report(new PsSample(new PsSample.Options(true, 64L << 30, false, null, null), List.of(ps), null,
                selfEuid));
    }

    @Test
    void pssDeniedIsOneNoteNamingWhoToAsk() {
        PsReport asUser = report(1000, sample(1, 0, false, PssRead.DENIED), sample(2, 0, false, PssRead.DENIED),
                sample(3, 1000, false, PssRead.READ));
        assertEquals(List.of(new PsNote(PsNote.Code.PSS_NEEDS_ROOT, 2, false, List.of(), null)), asUser.notes());
        PsReport asRoot = report(0, sample(1, 0, false, PssRead.DENIED), sample(3, 1000, false, PssRead.READ));
        assertEquals(List.of(new PsNote(PsNote.Code.PSS_KEPT_FROM_ROOT, 1, false, List.of(1), null)), asRoot.notes(),
                "root is refused only by a process holding capabilities root's xray lacks: name it");
        List<ProcessSample> many = new ArrayList<>();
        for (int pid = 1; pid <= 10; pid++) {
            many.add(sample(pid, 0, false, PssRead.DENIED));
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), report(0, many.toArray(ProcessSample[]::new)).notes().get(0).pids(),
                "the first eight");
    }

    @Test
    void noRollupConcernsAllOrSome() {
        assertEquals(List.of(new PsNote(PsNote.Code.NO_SMAPS_ROLLUP, 2, true, List.of(), null)),
                report(0, sample(1, 0, false, PssRead.NO_ROLLUP), sample(2, 0, false, PssRead.NO_ROLLUP)).notes(),
                "none had one: the kernel has none");
        assertEquals(List.of(new PsNote(PsNote.Code.NO_SMAPS_ROLLUP, 1, false, List.of(), null)),
                report(0, sample(1, 0, false, PssRead.NO_ROLLUP), sample(2, 0, false, PssRead.READ)).notes());
        assertEquals(List.of(), report(0, sample(1, 0, false, PssRead.READ)).notes());
    }

    /** The `xray jvm PID` hint: a JVM xray may attach to, as the user it runs as (Attach.permitted). */
    @Test
    void auditableJvmsAreTheOnesXrayMayAttachTo() {
        PsReport asUser = report(1000, sample(1, 0, true, PssRead.READ), sample(2, 1000, true, PssRead.READ),
                sample(3, 1000, false, PssRead.READ));
        assertEquals(List.of(false, true, false), asUser.processes().stream().map(PsProcess::auditable).toList());
        assertEquals(List.of(true, true, false), report(0, sample(1, 0, true, PssRead.READ),
                sample(2, 1000, true, PssRead.READ), sample(3, 1000, false, PssRead.READ)).processes().stream()
                .map(PsProcess::auditable).toList(), "root may attach to any");
        assertEquals(List.of(true, true), report(null, sample(1, 0, true, PssRead.READ), sample(2, 1000, true,
                PssRead.READ)).processes().stream().map(PsProcess::auditable).toList(), "a snapshot: who runs it later is unknown");
    }

    @Test
    void topCuts() {
        assertEquals(List.of(1, 2), ProcessModel.top(List.of(1, 2, 3), 2));
        assertEquals(List.of(1, 2, 3), ProcessModel.top(List.of(1, 2, 3), 0));
        assertEquals(List.of(1, 2, 3), ProcessModel.top(List.of(1, 2, 3), 9));
        assertFalse(ProcessField.realCost.fromPss());
    }
}
