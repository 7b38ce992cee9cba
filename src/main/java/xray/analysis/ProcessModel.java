package xray.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import xray.model.SortOrder;
import xray.model.Attach;
import xray.model.GroupBy;
import xray.model.ProcSmaps;
import xray.model.ProcStatus;
import xray.model.ProcessField;
import xray.model.ProcessFigures;
import xray.model.ProcessSample;
import xray.model.PsGroup;
import xray.model.PsProcess;
import xray.model.PsReport;
import xray.model.PsSample;
import xray.model.PssRead;
import xray.model.Sharing;

/**
 * The per-process formulas of MEMORY-MODEL.md ("Per process"), the names a process goes by,
 * and sums over groups of processes.
 */
public final class ProcessModel {
    private ProcessModel() {
    }

    /** {@code xray ps}'s report: every process with its names and figures, what sharing saves, the notes. */
    public static PsReport report(PsSample s) {
        List<PsProcess> processes = new ArrayList<>(s.processes().size());
        for (ProcessSample p : s.processes()) {
            processes.add(of(p, s.selfEuid()));
        }
        return new PsReport(s.options().pss(), processes, sharing(processes, s.ksm()),
                PsNotes.of(processes, s.selfEuid(), s.options().pssMaxRss()));
    }

    /**
     * A process with its names and figures.
     *
     * @param selfEuid the effective uid xray runs as, or null when unknown (a snapshot)
     */
    public static PsProcess of(ProcessSample s, Integer selfEuid) {
        String service = s.cgroup() == null ? null : Names.of(s.cgroup()).name();
        boolean auditable = s.jvm() && Attach.permitted(s.status().euid(), selfEuid);
        return new PsProcess(s, service, program(s.argv(), s.status().name()), figures(s.status(), s.smaps()),
                auditable);
    }

    static ProcessFigures figures(ProcStatus st, ProcSmaps sm) {
        if (sm == null) {
            return new ProcessFigures(st.vmRss(), st.rssAnon(), st.rssFile(), st.rssShmem(), st.vmSwap(),
                    null, null, null, null, null, null, null, realCost(st, null));
        }
        // uss = Private_Clean + Private_Dirty: the pages no other process maps
        Long uss = Sum.of(sm.privateClean(), sm.privateDirty());
        // shared = Rss − Pss: the part of this process's RSS that other processes pay for too
        Long shared = Sum.atLeastZero(sm.rss(), sm.pss());
        return new ProcessFigures(sm.rss(), st.rssAnon(), st.rssFile(), st.rssShmem(), st.vmSwap(), sm.pss(),
                sm.pssAnon(), sm.pssFile(), sm.pssShmem(), uss, sm.swapPss(), shared, realCost(st, sm));
    }

    /**
     * realCost = pssAnon + pssShmem + swapPss when PSS was read, else rssAnon + rssShmem + swap.
     * Before 5.7 smaps_rollup has no Pss_Anon or Pss_Shmem: then the RSS formula is used.
     */
    static Long realCost(ProcStatus st, ProcSmaps sm) {
        if (sm != null && sm.pssAnon() != null && sm.pssShmem() != null) {
            return Sum.present(sm.pssAnon(), sm.pssShmem(), sm.swapPss());
        }
        return realCost(st);
    }

    /** realCost = rssAnon + rssShmem + swap (MEMORY-MODEL "Per process", without PSS); null without rssAnon. */
    public static Long realCost(ProcStatus st) {
        if (st.rssAnon() == null) {
            return null; // a kernel thread or a zombie (or a kernel before 4.5, which has no RssAnon)
        }
        return Sum.present(st.rssAnon(), st.rssShmem(), st.vmSwap());
    }

    /** True when PSS was read but the kernel's smaps_rollup cannot split it (before 5.7). */
    public static boolean pssUnsplit(ProcessSample s) {
        return s.smaps() != null && (s.smaps().pssAnon() == null || s.smaps().pssShmem() == null);
    }

    /**
     * The program a process runs: argv[0] without its directory ("/usr/bin/python3" → "python3",
     * "-bash" → "bash"); a title the process set for itself ("sshd: root@pts/0", "postgres:
     * checkpointer") up to its first space or colon; the kernel's name (comm) when there is no
     * command line (kernel threads, zombies) or nothing is left.
     */
    public static String program(List<String> argv, String comm) {
        if (argv.isEmpty()) {
            return comm;
        }
        String a0 = argv.get(0);
        if (argv.size() == 1) {
            int sp = a0.indexOf(' ');
            if (sp > 0) {
                a0 = a0.substring(0, sp); // a rewritten title: everything in argv[0]
            }
        }
        while (a0.endsWith(":")) {
            a0 = a0.substring(0, a0.length() - 1);
        }
        a0 = a0.substring(a0.lastIndexOf('/') + 1);
        if (a0.startsWith("-")) {
            a0 = a0.substring(1); // a login shell
        }
        return a0.isEmpty() ? comm : a0;
    }

    /** Processes summed by program, service (its cgroup) or user, in order of first appearance. */
    public static List<PsGroup> group(List<PsProcess> processes, GroupBy by) {
        Map<String, List<PsProcess>> groups = new LinkedHashMap<>();
        for (PsProcess p : processes) {
            String key = switch (by) {
                case program -> p.program();
                case service -> p.sample().cgroup();
                case user -> p.sample().user();
            };
            groups.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(p);
        }
        List<PsGroup> out = new ArrayList<>(groups.size());
        for (Map.Entry<String, List<PsProcess>> e : groups.entrySet()) {
            List<PsProcess> ps = e.getValue();
            PsProcess first = ps.get(0);
            String name = switch (by) {
                case program -> first.program();
                case service -> first.service();
                case user -> first.sample().user();
            };
            int jvms = (int) ps.stream().filter(p -> p.sample().jvm()).count();
            out.add(new PsGroup(by, name == null ? "-" : name, by == GroupBy.service ? first.sample().cgroup() : null,
                    ps.size(), jvms, sum(ps)));
        }
        return out;
    }

    /** Each figure summed over the processes that have it; null where none has it (or the sum overflows). */
    static ProcessFigures sum(List<PsProcess> ps) {
        List<ProcessFigures> figures = new ArrayList<>(ps.size());
        for (PsProcess p : ps) {
            figures.add(p.figures());
        }
        return sumFigures(figures);
    }

    private static ProcessFigures sumFigures(List<ProcessFigures> fs) {
        return new ProcessFigures(sum(fs, ProcessFigures::rss), sum(fs, ProcessFigures::rssAnon),
                sum(fs, ProcessFigures::rssFile), sum(fs, ProcessFigures::rssShmem), sum(fs, ProcessFigures::swap),
                sum(fs, ProcessFigures::pss), sum(fs, ProcessFigures::pssAnon), sum(fs, ProcessFigures::pssFile),
                sum(fs, ProcessFigures::pssShmem), sum(fs, ProcessFigures::uss), sum(fs, ProcessFigures::swapPss),
                sum(fs, ProcessFigures::shared), sum(fs, ProcessFigures::realCost));
    }

    private static Long sum(List<ProcessFigures> fs, Function<ProcessFigures, Long> f) {
        Long[] terms = new Long[fs.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = f.apply(fs.get(i));
        }
        return Sum.ofPresent(terms);
    }

    /**
     * What sharing saves: Σ Rss − Σ Pss over the processes whose smaps_rollup was read (both from
     * the same walk), and KSM's pages_sharing × page size.
     */
    public static Sharing sharing(List<PsProcess> processes, Long ksm) {
        Long rss = 0L;
        Long pss = 0L;
        int n = 0;
        for (PsProcess p : processes) {
            if (p.sample().pssRead() == PssRead.READ) {
                rss = Sum.of(rss, p.figures().rss());
                pss = Sum.of(pss, p.figures().pss());
                n++;
            }
        }
        return n == 0 ? new Sharing(0, null, null, ksm) : new Sharing(n, rss, pss, ksm);
    }

    /**
     * Largest first for sizes (absent last), A to Z for names, pid ascending; {@code reverse} the
     * other way (absent still last); ties by pid. Only for sortable fields.
     */
    public static Comparator<PsProcess> order(ProcessField f, boolean reverse) {
        if (!f.sortable()) {
            throw new IllegalArgumentException(f + " is no sort key");
        }
        Comparator<PsProcess> byPid = (a, b) -> Integer.compare(a.pid(), b.pid());
        if (f == ProcessField.pid) {
            return reverse ? byPid.reversed() : byPid;
        }
        return f.unit() == xray.model.Unit.TEXT ? SortOrder.texts(p -> (String) f.value(p), reverse, byPid)
                : SortOrder.numbers(p -> f.of(p.figures()), reverse, byPid);
    }

    /**
     * As {@link #order}, for groups: sizes and the process count largest first, anything else by the
     * group's name.
     */
    public static Comparator<PsGroup> groupOrder(ProcessField f, boolean reverse) {
        Comparator<PsGroup> byName = (a, b) -> a.name().compareTo(b.name());
        if (f == ProcessField.processes || f == ProcessField.jvms) {
            return SortOrder.numbers(g -> (Long) f.value(g), reverse, byName);
        }
        if (!f.isBytes()) {
            return reverse ? byName.reversed() : byName;
        }
        return SortOrder.numbers(g -> f.of(g.figures()), reverse, byName);
    }

    /** The sums over every group: the totals line of {@code xray ps --by}. */
    public static PsGroup total(List<PsGroup> groups, GroupBy by) {
        int processes = 0;
        int jvms = 0;
        List<ProcessFigures> figures = new ArrayList<>(groups.size());
        for (PsGroup g : groups) {
            processes += g.processes();
            jvms += g.jvms();
            figures.add(g.figures());
        }
        return new PsGroup(by, "TOTAL", null, processes, jvms, sumFigures(figures));
    }

    /** The first {@code n} (all when n ≤ 0). */
    public static <T> List<T> top(List<T> sorted, int n) {
        return n <= 0 || n >= sorted.size() ? sorted : sorted.subList(0, n);
    }

}
