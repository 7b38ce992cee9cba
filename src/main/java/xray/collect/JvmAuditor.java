package xray.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import xray.jvm.AttachRefused;
import xray.jvm.ClassHierarchy;
import xray.jvm.ClassHistogram;
import xray.jvm.Deadline;
import xray.jvm.HotSpotAttach;
import xray.jvm.NativeMemory;
import xray.jvm.PerfData;
import xray.jvm.ThreadDump;
import xray.jvm.VmFlags;
import xray.jvm.VmInfo;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.Passwd;
import xray.model.AuditNotice;
import xray.model.AuditTimeout;
import xray.model.ClassHierarchySample;
import xray.model.HistogramSample;
import xray.model.JvmReport.CommandRun;
import xray.model.JvmSample;
import xray.model.NmtSample;
import xray.model.PerfSample;
import xray.model.ThreadCpuSample;
import xray.model.ThreadDumpSample;
import xray.model.VmInfoSample;

/**
 * {@code xray jvm PID}: reads /proc, attaches, runs the diagnostic commands and samples over the
 * interval, and returns what it read ({@link JvmSample}); the analysis makes the report from it.
 * JMX only when it costs the JVM nothing or is asked for ({@link JmxChannel}); the threads from
 * /proc through {@link ThreadSampler}; residency from smaps through {@link ProcessMappings}.
 *
 * <p>Order matters for what is measured: JMX first (so what starting its agent adds is measured
 * alone), then memory (VM.info and smaps close together); each CPU sample from /proc has a thread
 * dump beside it (its {@code allocated=} gives allocation per thread); class histograms (each walks
 * the heap, and with --live runs a full GC) at the start, the middle and the end of the interval.
 */
public final class JvmAuditor {
    /**
     * @param interval    time between the first and last samples (CPU per thread, allocation, listener growth); zero for one
     * @param live        histograms of live objects only (each runs a full GC)
     * @param smapsMaxRss a process larger than this is not walked through smaps
     */
    public record Options(Duration interval, boolean live, Duration timeout, JmxUse jmx, long smapsMaxRss) {
    }

    /** When to use JMX. */
    public enum JmxUse {
        /** --no-jmx: never, not even a connector the JVM runs already. */
        NEVER,
        /** The default: a connector the JVM runs already; nothing is started. */
        IF_RUNNING,
        /** --jmx: start the JVM's local agent when it runs none. */
        START
    }

    /**
     * The audit cannot be done: the refusal of the attach mechanism (not a JVM, another user's, attach
     * disabled, gone…) or a /proc file that could not be read, with its own words.
     */
    public static final class Refused extends RuntimeException {
        private final boolean attach;

        Refused(String message, boolean attach) {
            super(message, null, false, false);
            this.attach = attach;
        }

        /** True when the JVM (or what xray knows of it) refuses the attach; false when /proc could not be read. */
        public boolean attach() {
            return attach;
        }
    }

    /** The JVM took too long; the record says at which step. */
    public static final class TimedOut extends RuntimeException {
        private final transient AuditTimeout timeout;

        TimedOut(AuditTimeout timeout) {
            super(timeout.step(), null, false, false);
            this.timeout = timeout;
        }

        public AuditTimeout timeout() {
            return timeout;
        }
    }

    /**
     * The class hierarchy is asked for only up to this many loaded classes: it is printed at a
     * safepoint, about 3 ms per 1,000 classes (measured on Tomcat 10: 20 ms for 6,800), and its
     * reply grows by about 85 bytes a class.
     */
    static final long HIERARCHY_MAX_CLASSES = 30_000;

    private final KernelFs fs;
    private final Options o;
    private final Warnings warnings;
    private final Consumer<AuditNotice> notice;
    /** Thread.print -e prints allocated= on JDK 17 and later; an older JVM refuses the option. */
    private boolean extendedDump = true;
    /** Steps that are not requests (the sample interval, reading smaps), with how many requests came before. */
    private final List<Map.Entry<Integer, CommandRun>> localSteps = new ArrayList<>();
    private HotSpotAttach attach;

    private JvmAuditor(KernelFs fs, Options o, Warnings warnings, Consumer<AuditNotice> notice) {
        this.fs = fs;
        this.o = o;
        this.warnings = warnings;
        this.notice = notice;
    }

    /**
     * Audits one JVM.
     *
     * @param myEuid the effective uid xray runs as (a JVM accepts only its own user or root)
     * @param notice told at once of what the person must hear before it happens (--live, --jmx)
     * @throws Refused  with one sentence when the audit cannot be done
     * @throws TimedOut when the JVM did not answer within --timeout
     */
    public static JvmSample audit(KernelFs fs, int pid, Options o, int myEuid, Warnings warnings,
                                  Consumer<AuditNotice> notice) {
        try {
            return new JvmAuditor(fs, o, warnings, notice).run(pid, myEuid);
        } catch (AttachRefused e) {
            throw new Refused(e.getMessage(), true);
        } catch (FileProblem e) {
            throw new Refused(e.getMessage(), false);
        }
    }

    private JvmSample run(int pid, int myEuid) {
        Deadline deadline = Deadline.after(o.timeout());
        JvmProcess p = JvmProcess.read(fs, pid, new PerfIndex(), true, warnings);
        if (p == null) {
            throw new AttachRefused("no process with pid " + pid);
        }
        Map<Integer, String> users = Passwd.read(fs);
        String refusal = JvmAccess.refusal(p, myEuid, users);
        if (refusal != null) {
            throw new AttachRefused(refusal);
        }
        ThreadSampler threads = new ThreadSampler(fs, pid);
        Set<Integer> threadsBefore = threads.tids();
        HotSpotAttach attach = HotSpotAttach.open(p.attachTarget(users), deadline);
        this.attach = attach;
        String step;
        double stepMillis = 0;
        try {
            return collect(p, attach, deadline, users, threads, threadsBefore);
        } catch (HotSpotAttach.NoAnswer e) {
            step = e.getMessage();
            stepMillis = e.millis();
        } catch (IntervalOverrun e) {
            step = "the sample interval";
        }
        String state = JvmProcess.stateNow(fs, pid); // only whether it is there and stopped, not the whole process again
        if (state == null) {
            throw new AttachRefused("pid " + pid + " exited while xray was reading it");
        }
        throw new TimedOut(new AuditTimeout(pid, step, stepMillis, o.timeout().toMillis(), stepsDone(),
                JvmProcess.stopped(state)));
    }

    /** The requests answered and the local steps, in the order they ran. */
    private List<CommandRun> stepsDone() {
        List<CommandRun> runs = attach.runs();
        List<CommandRun> out = new ArrayList<>();
        int local = 0;
        for (int i = 0; i <= runs.size(); i++) {
            while (local < localSteps.size() && localSteps.get(local).getKey() == i) {
                out.add(localSteps.get(local++).getValue());
            }
            if (i < runs.size()) {
                out.add(runs.get(i));
            }
        }
        return out;
    }

    private void step(String name, double millis) {
        localSteps.add(Map.entry(attach.runs().size(), new CommandRun(name, millis)));
    }

    private JvmSample collect(JvmProcess p, HotSpotAttach attach, Deadline deadline, Map<Integer, String> users,
                              ThreadSampler threads, Set<Integer> threadsBefore) {
        int pid = p.pid();
        PerfSample perf0 = p.perf() == null ? null : p.perf().sample();
        JvmSample.Jmx jmx = JmxChannel.read(fs, p, attach, deadline, o.jmx(), notice);

        VmFlags vmFlags = command(attach, "VM.flags", text(VmFlags::parse));
        JvmSample.Flags flags = vmFlags == null ? new JvmSample.Flags(null, null, null, null)
                : new JvmSample.Flags(vmFlags.number("MaxHeapSize"), vmFlags.number("MaxDirectMemorySize"),
                vmFlags.get("NativeMemoryTracking") == null ? "off" : vmFlags.get("NativeMemoryTracking"),
                vmFlags.collector());
        NmtSample nmt = flags.nmt() == null || "off".equals(flags.nmt()) ? null
                : command(attach, "VM.native_memory summary scale=B", text(NativeMemory::parse));
        VmInfoSample vmInfo = command(attach, "VM.info", text(VmInfo::parse));
        if (vmInfo == null) {
            vmInfo = VmInfo.parse("");
        }
        JvmSample.Residency residency = ProcessMappings.read(fs, threads, p.status(), o.smapsMaxRss(), deadline);
        step("/proc/" + pid + "/smaps", residency.millis());

        Long classes = perf0 == null ? null : perf0.classesLoaded();
        ClassHierarchySample hierarchy = null;
        Long hierarchySkipped = null;
        if (classes != null && classes > HIERARCHY_MAX_CLASSES) {
            hierarchySkipped = classes;
        } else {
            hierarchy = command(attach, "VM.class_hierarchy -i", text(ClassHierarchy::parse));
        }

        JvmSample.Threads sampled;
        List<HistogramSample> histograms = new ArrayList<>();
        boolean twoSamples = !o.interval().isZero();
        ThreadCpuSample cpu0 = threads.cpu();
        ThreadDumpSample dump0 = twoSamples ? threadDump(attach, false) : null;
        if (o.live()) {
            notice.accept(new AuditNotice(AuditNotice.Kind.FULL_GC, pid));
        }
        add(histograms, histogram(attach));
        ThreadCpuSample cpu1 = null;
        ThreadDumpSample dump;
        if (twoSamples) {
            long end = cpu0.atNanos() + o.interval().toNanos();
            if (!o.live()) {
                // a third histogram halfway: growth of all objects counts only when it rises at every step
                sleepUntil(cpu0.atNanos() + o.interval().toNanos() / 2, deadline);
                add(histograms, histogram(attach));
            }
            sleepUntil(end, deadline);
            cpu1 = threads.cpu();
            dump = threadDump(attach, true);
            add(histograms, histogram(attach));
        } else {
            dump = threadDump(attach, true);
        }
        ThreadCpuSample last = cpu1 != null ? cpu1 : cpu0;
        sampled = new JvmSample.Threads(dump0, dump, cpu0, cpu1, threads.comms(last.cpuNanos().keySet()),
                dump == null ? Set.of() : ThreadSampler.own(dump, threadsBefore), extendedDump);
        PerfSample perf1 = p.perfFile() == null ? null : rereadPerf(p);

        Integer uid = p.status().euid();
        return new JvmSample(pid, p.nspid(), p.status(), p.mainClass(), Passwd.name(users, uid), uid,
                threadsBefore.isEmpty() ? null : threadsBefore.size(), flags, perf0, perf1, vmInfo, nmt, residency,
                jmx, sampled, new JvmSample.Histograms(histograms, o.live(), o.interval().toMillis() / 1000.0,
                hierarchy, hierarchySkipped),
                new JvmSample.Channel(attach.startedListener(), attach.runs(),
                        p.perfFile() == null ? null : p.perfFile().toString()));
    }

    private static void add(List<HistogramSample> to, HistogramSample h) {
        if (h != null) {
            to.add(h);
        }
    }

    // ---------------------------------------------------------------- diagnostic commands

    /** Runs a command and parses it; a failed or garbled reply is a warning and null, a cut one a warning. */
    private <T> T command(HotSpotAttach attach, String line, Function<HotSpotAttach.Answer, T> parse) {
        HotSpotAttach.Answer answer;
        try {
            answer = attach.jcmd(line);
        } catch (HotSpotAttach.CommandFailed e) {
            warnings.add("the JVM refused " + e.getMessage());
            return null;
        }
        if (answer.cut()) {
            warnings.add(line + ": the reply was longer than " + (HotSpotAttach.cap(line) >> 20) + " MiB; xray read "
                    + "that much and left the rest unread");
        }
        try {
            return parse.apply(answer);
        } catch (Malformed e) {
            warnings.add(line + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            if (e instanceof HotSpotAttach.NoAnswer || e instanceof AttachRefused) {
                throw e;
            }
            warnings.add(line + ": could not read the reply (" + e + ")");
            return null;
        }
    }

    /** A class histogram (of all objects; with --live, of live ones after a full GC); one cut short keeps its rows. */
    private HistogramSample histogram(HotSpotAttach attach) {
        String line = o.live() ? "GC.class_histogram" : "GC.class_histogram -all";
        return command(attach, line, a -> ClassHistogram.parse(a.text(), a.cut()));
    }

    /** A parser of the reply's text (a cut reply is parsed as far as it goes). */
    private static <T> Function<HotSpotAttach.Answer, T> text(Function<String, T> parse) {
        return a -> parse.apply(a.text());
    }

    /**
     * A thread dump with {@code -e} (allocated bytes per thread), and with {@code -l} (locks) for
     * the one the report is built from. A JVM older than 17 that refuses -e is asked without it.
     */
    private ThreadDumpSample threadDump(HotSpotAttach attach, boolean locks) {
        String line = "Thread.print" + (locks ? " -l" : "") + (extendedDump ? " -e" : "");
        try {
            HotSpotAttach.Answer a = attach.jcmd(line);
            if (a.cut()) {
                warnings.add(line + ": the reply was longer than " + (HotSpotAttach.cap(line) >> 20) + " MiB; the "
                        + "threads after that are not shown");
            }
            return ThreadDump.parse(a.text());
        } catch (HotSpotAttach.CommandFailed e) {
            if (extendedDump) {
                extendedDump = false;
                return threadDump(attach, locks);
            }
            warnings.add("the JVM refused " + e.getMessage());
        } catch (Malformed e) {
            warnings.add(line + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            warnings.add(line + ": could not read the reply (" + e + ")");
        }
        return null;
    }

    // ---------------------------------------------------------------- waiting

    /** The interval would end after the deadline: the requests before it took the time. */
    private static final class IntervalOverrun extends RuntimeException {
        IntervalOverrun() {
            super(null, null, false, false);
        }
    }

    private void sleepUntil(long nanos, Deadline deadline) {
        long ms = (nanos - System.nanoTime()) / 1_000_000;
        if (ms > deadline.remainingMillis()) {
            throw new IntervalOverrun();
        }
        if (ms > 0) {
            long t0 = System.nanoTime();
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttachRefused("interrupted during the sample interval");
            }
            step("the sample interval", (System.nanoTime() - t0) / 1e6);
        }
    }

    /** The perf data again, read as carefully as the first time; null when it cannot be. */
    private PerfSample rereadPerf(JvmProcess p) {
        PerfData perf = JvmProcess.perfData(fs, p.perfFile(), p.status().euid()).perf();
        return perf == null ? null : perf.sample();
    }
}
