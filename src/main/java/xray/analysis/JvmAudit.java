package xray.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import xray.model.JmxSample;
import xray.model.JvmReport;
import xray.model.JvmReport.Collector;
import xray.model.JvmReport.Info;
import xray.model.JvmReport.Memory;
import xray.model.JvmSample;
import xray.model.PerfSample;
import xray.model.Verdict;
import xray.model.Verdict.Severity;

/**
 * {@code xray jvm PID}: the report made from what the audit read. Memory, threads and listeners
 * have their own classes ({@link JvmMemory}, {@link JvmThreads}, {@link JvmListeners}); the
 * context, the sources and the verdicts are made here. Pure.
 */
public final class JvmAudit {
    /** Threads blocked behind one holder make a verdict from this many on. */
    static final int BLOCKED_WAITERS = 2;
    /** Untracked native memory is a verdict from this share of the resident memory on (warn from twice it). */
    static final double UNTRACKED_SHARE = 0.10;

    /** What the person asked to see. */
    public record Settings(int top, Pattern listeners) {
    }

    private JvmAudit() {
    }

    /**
     * @param nowMillis the wall clock, for uptime from the perf data's start time
     */
    public static JvmReport report(JvmSample s, Settings settings, long nowMillis) {
        Memory memory = JvmMemory.memory(s);
        JvmReport.Threads threads = JvmThreads.threads(s, settings.top());
        JvmReport.Listeners listeners = JvmListeners.listeners(s.histograms(), settings.listeners());
        Info info = info(s, memory, nowMillis);
        JvmReport.Sources sources = sources(s);
        return new JvmReport(s.pid(), s.nspid(), info, memory, threads, listeners, sources,
                verdicts(s.pid(), memory, threads, listeners));
    }

    // ---------------------------------------------------------------- context

    static Info info(JvmSample s, Memory memory, long nowMillis) {
        PerfSample perf = s.perfAfter() != null ? s.perfAfter() : s.perfBefore();
        JmxSample jmx = s.jmx().sample();
        String name = perf != null ? perf.vmName() : null;
        String version = perf != null ? perf.vmVersion() : null;
        String vendor = perf != null ? perf.vmVendor() : null;
        if (jmx != null) {
            name = name != null ? name : jmx.vmName();
            version = version != null ? version : jmx.vmVersion();
            vendor = vendor != null ? vendor : jmx.vmVendor();
        }
        if (name == null && s.vmInfo().vm() != null) {
            name = s.vmInfo().vm();
        }
        Double uptime = jmx != null && jmx.uptimeMillis() != null ? jmx.uptimeMillis() / 1000.0
                : s.vmInfo().elapsedSeconds() != null ? s.vmInfo().elapsedSeconds()
                : perf != null && perf.startMillis() != null ? (nowMillis - perf.startMillis()) / 1000.0
                : null;
        String gc = s.flags().collector() != null ? s.flags().collector() : s.vmInfo().collector();
        List<Collector> collectors = jmx != null ? jmx.collectors() : perf != null ? perf.collectors() : List.of();
        Long loaded = jmx != null ? jmx.classesLoaded() : perf == null ? null : loadedNow(perf);
        Long unloaded = jmx != null ? jmx.classesUnloaded() : perf == null ? null : perf.classesUnloaded();
        Long directMax = s.flags().maxDirectMemorySize();
        boolean directDefault = directMax == null || directMax == 0;
        if (directDefault) {
            directMax = memory.heapMax(); // the default limit is the heap's maximum (Runtime.maxMemory())
        }
        return new Info(name, version, vendor, s.user(), s.uid(), s.mainClass(), uptime, gc, collectors, loaded,
                unloaded, memory.heapMax(), directMax, directDefault, s.flags().nmt() == null ? "off" : s.flags().nmt());
    }

    /** Classes loaded now: loaded − unloaded (shared ones included), as jstat -class counts them. */
    static Long loadedNow(PerfSample perf) {
        if (perf.classesLoaded() == null) {
            return null;
        }
        return perf.classesUnloaded() == null ? perf.classesLoaded() : perf.classesLoaded() - perf.classesUnloaded();
    }

    /** For each section, the commands and files its numbers came from; and what the audit cost the JVM. */
    static JvmReport.Sources sources(JvmSample s) {
        boolean jmx = s.jmx().sample() != null;
        boolean nmt = s.nmt() != null;
        String proc = "/proc/" + s.pid();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> memory = new ArrayList<>();
        if (jmx) {
            memory.add("JMX");
        }
        memory.add("VM.info");
        if (nmt) {
            memory.add("VM.native_memory");
        }
        if (!jmx) {
            memory.add("GC.class_histogram");
        }
        memory.add(proc + "/status");
        if (s.residency().skipped() == null) {
            memory.add(proc + "/smaps");
        }
        sections.put("memory", memory);
        List<String> threads = new ArrayList<>(List.of(s.threads().extended() ? "Thread.print -l -e" : "Thread.print -l",
                proc + "/task/*/schedstat"));
        if (s.residency().skipped() == null) {
            threads.add(proc + "/task/*/syscall");
        }
        if (s.perfBefore() != null) {
            threads.add("hsperfdata");
        } else if (jmx) {
            threads.add("JMX");
        }
        sections.put("threads", threads);
        List<String> listeners = new ArrayList<>(List.of(s.histograms().live() ? "GC.class_histogram"
                : "GC.class_histogram -all"));
        if (s.histograms().hierarchy() != null) {
            listeners.add("VM.class_hierarchy -i");
        }
        sections.put("listeners", listeners);
        List<String> jvm = new ArrayList<>();
        if (jmx) {
            jvm.add("JMX");
        }
        jvm.add("VM.flags");
        jvm.add("VM.info");
        if (s.perfBefore() != null) {
            jvm.add("hsperfdata");
        }
        sections.put("jvm", jvm);
        Long spMillis = null;
        Long sp = null;
        PerfSample p0 = s.perfBefore();
        PerfSample p1 = s.perfAfter();
        if (p0 != null && p1 != null) {
            spMillis = p0.safepointMillis() == null || p1.safepointMillis() == null ? null
                    : p1.safepointMillis() - p0.safepointMillis();
            sp = p0.safepoints() == null || p1.safepoints() == null ? null : p1.safepoints() - p0.safepoints();
        }
        JvmSample.Jmx j = s.jmx();
        return new JvmReport.Sources(s.channel().startedListener() ? "started" : "socket", jmx,
                j.reason() == null ? null : j.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                jmx ? null : j.problem(), j.agent() != null, j.agent(), s.channel().perfFile(), sections,
                s.channel().commands(), spMillis, sp);
    }

    // ---------------------------------------------------------------- verdicts

    /**
     * The findings, as data: deadlocks (crit), threads blocked behind one holder, threads that use
     * half a core or more, listener classes that grow steadily (crit when retained, with --live), and
     * untracked native memory from a tenth of the resident memory on (warn from a fifth).
     */
    static List<Verdict> verdicts(int pid, Memory m, JvmReport.Threads t, JvmReport.Listeners l) {
        List<Verdict> out = new ArrayList<>();
        if (t != null) {
            for (JvmReport.Deadlock d : t.deadlocks()) {
                out.add(new Verdict("deadlock", Severity.CRIT,
                        String.join(", ", d.cycle().stream().map(JvmReport.DeadlockLink::thread).toList()),
                        Verdict.figuresOf("threads", (long) d.cycle().size())));
            }
            for (JvmReport.BlockedGroup g : t.blocked()) {
                if (g.waiters().size() >= BLOCKED_WAITERS) {
                    out.add(new Verdict("blocked-group", Severity.WARN, g.owner(), Verdict.figuresOf(
                            "waiters", (long) g.waiters().size(), "lock", g.lock(), "ownerState", g.ownerState())));
                }
            }
            for (JvmReport.HotThread h : t.hot()) {
                if (h.hot()) {
                    out.add(new Verdict("hot-thread", Severity.WARN, h.name(), Verdict.figuresOf("cpuPercent",
                            h.cpuPercent(), "tid", (long) h.tid(), "basis", t.cpuBasis(), "intervalSeconds",
                            t.intervalSeconds())));
                }
            }
        }
        if (l != null) {
            for (JvmReport.ListenerClass c : l.classes()) {
                if (c.growing()) {
                    out.add(new Verdict("listener-growth", l.mode().equals("live") ? Severity.CRIT : Severity.WARN,
                            c.name(), Verdict.figuresOf("growth", c.growth(), "count", c.count(), "intervalSeconds",
                                    l.intervalSeconds(), "histograms", (long) l.histograms(), "mode", l.mode())));
                }
            }
        }
        JvmReport.Resident r = m.resident();
        if (r.untracked() != null && r.total() != null && r.total() > 0) {
            double share = (double) r.untracked() / r.total();
            if (share >= UNTRACKED_SHARE) {
                out.add(new Verdict("untracked-native", share >= 2 * UNTRACKED_SHARE ? Severity.WARN : Severity.INFO,
                        "pid " + pid, Verdict.figuresOf("untracked", r.untracked(), "resident", r.total(), "percent",
                                Math.round(share * 1000) / 10.0, "mallocOutstanding", m.mallocOutstanding(),
                                "mallocRetained", m.mallocRetained())));
            }
        }
        return out;
    }
}
