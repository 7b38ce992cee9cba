package xray.collect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import xray.analysis.JvmModel;
import xray.jvm.AttachRefused;
import xray.jvm.ClassHistogram;
import xray.jvm.Deadline;
import xray.jvm.HotSpotAttach;
import xray.jvm.JmxSession;
import xray.jvm.NativeMemory;
import xray.jvm.PerfData;
import xray.jvm.ThreadDump;
import xray.jvm.VmFlags;
import xray.jvm.VmInfo;
import xray.kernel.FileProblem;
import xray.kernel.KernelFs;
import xray.kernel.Malformed;
import xray.kernel.Passwd;
import xray.kernel.TaskCpu;
import xray.model.JvmReport;
import xray.model.JvmReport.Collector;
import xray.model.ThreadCpuSample;

/**
 * {@code xray jvm PID}: reads /proc, attaches, runs the diagnostic commands, samples twice an
 * interval apart, and hands what it read to {@link JvmModel}. JMX only when it costs the JVM
 * nothing or is asked for ({@link JmxChannel}).
 *
 * <p>Order matters for what is measured: JMX first (so what starting its agent adds is measured
 * alone), then memory; each sample is a CPU reading from /proc with a thread dump beside it (its
 * {@code allocated=} gives allocation per thread), then a class histogram (which walks the heap,
 * and with --live runs a full GC).
 */
public final class JvmAuditor {
    /**
     * @param interval  time between the two samples (CPU per thread, allocation, listener growth); zero for one
     * @param listeners the --listeners pattern
     * @param live      histograms of live objects only (each runs a full GC)
     * @param jmx       when to use JMX
     */
    public record Options(Duration interval, int top, Pattern listeners, boolean live, Duration timeout, Jmx jmx) {
    }

    /** When to use JMX. */
    public enum Jmx {
        /** --no-jmx: never, not even a connector the JVM runs already. */
        NEVER,
        /** The default: a connector the JVM runs already; nothing is started. */
        IF_RUNNING,
        /** --jmx: start the JVM's local agent when it runs none. */
        START
    }

    /** Threads of the JVM that serve xray's attach requests and its JMX connection, by name. */
    static final String ATTACH_LISTENER = "Attach Listener";
    static final List<String> JMX_THREADS = List.of("RMI TCP ", "RMI Scheduler", "RMI Reaper", "RMI GC Daemon",
            "JMX server connection timeout");

    private final KernelFs fs;
    private final Options o;
    private final Warnings warnings;
    private final Consumer<String> notice;
    /** Thread.print -e prints allocated= on JDK 17 and later; an older JVM refuses the option. */
    private boolean extendedDump = true;

    private JvmAuditor(KernelFs fs, Options o, Warnings warnings, Consumer<String> notice) {
        this.fs = fs;
        this.o = o;
        this.warnings = warnings;
        this.notice = notice;
    }

    /**
     * Audits one JVM.
     *
     * @param myEuid the effective uid xray runs as (a JVM accepts only its own user or root)
     * @param notice prints a line for the person at once (--live and --jmx warn before they act)
     * @throws AttachRefused with one sentence when the audit cannot be done
     */
    public static JvmReport audit(KernelFs fs, int pid, Options o, int myEuid, Warnings warnings,
                                  Consumer<String> notice) {
        return new JvmAuditor(fs, o, warnings, notice).run(pid, myEuid);
    }

    private JvmReport run(int pid, int myEuid) {
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
        Set<Integer> threadsBefore = tids(pid);
        HotSpotAttach attach = HotSpotAttach.open(p.attachTarget(users), deadline);
        try {
            return collect(p, attach, deadline, users, threadsBefore);
        } catch (HotSpotAttach.NoAnswer e) {
            throw new AttachRefused(noAnswer(p, e.getMessage(), deadline));
        }
    }

    private String noAnswer(JvmProcess p, String what, Deadline deadline) {
        JvmProcess now = JvmProcess.read(fs, p.pid(), new PerfIndex(), true, new Warnings());
        if (now == null) {
            return "pid " + p.pid() + " exited while xray was reading it";
        }
        String head = "pid " + p.pid() + " did not answer " + what + " within " + deadline.budget();
        return now.stopped() ? head + ": it is stopped (SIGSTOP or a debugger); continue it with kill -CONT " + p.pid()
                : head + " (is it hung, or in a long pause?)";
    }

    private JvmReport collect(JvmProcess p, HotSpotAttach attach, Deadline deadline, Map<Integer, String> users,
                              Set<Integer> threadsBefore) {
        int pid = p.pid();
        PerfData perf0 = p.perf();
        JmxChannel.Result jmx = JmxChannel.read(fs, p, attach, deadline, o.jmx(), notice);
        JmxSession.Snapshot snap = jmx.snapshot();

        VmFlags flags = command(attach, "VM.flags", text(VmFlags::parse));
        String nmtMode = flags == null || flags.get("NativeMemoryTracking") == null
                ? "off" : flags.get("NativeMemoryTracking");
        NativeMemory.Summary nmt = "off".equals(nmtMode) ? null
                : command(attach, "VM.native_memory summary scale=B", text(NativeMemory::parse));
        VmInfo vmInfo = command(attach, "VM.info", text(VmInfo::parse));
        if (vmInfo == null) {
            vmInfo = VmInfo.parse("");
        }

        boolean twoSamples = !o.interval().isZero();
        ThreadCpuSample cpu0 = cpuSample(pid);
        ThreadDump.Dump dump0 = twoSamples ? threadDump(attach, false) : null;
        if (o.live()) {
            notice.accept("running a full GC in pid " + pid + " for a histogram of live objects (--live): "
                    + "the application pauses for it");
        }
        ClassHistogram.Histogram h0 = histogram(attach);
        ThreadCpuSample cpu1 = null;
        ClassHistogram.Histogram h1 = null;
        ThreadDump.Dump dump;
        if (twoSamples) {
            sleepUntil(cpu0.atNanos() + o.interval().toNanos(), deadline);
            cpu1 = cpuSample(pid);
            dump = threadDump(attach, true);
            h1 = histogram(attach);
        } else {
            dump = threadDump(attach, true);
        }
        PerfData perf1 = p.perfFile() == null ? null : rereadPerf(p);

        JvmReport.Memory memory = JvmModel.memory(p.status(), vmInfo, nmt, snap,
                flags == null ? null : flags.number("MaxHeapSize"), h1 != null ? h1 : h0);
        Integer peak = snap != null ? snap.peakThreads()
                : perf1 != null ? toInt(perf1.number("java.threads.livePeak")) : null;
        JvmReport.Threads threads = dump == null ? null : JvmModel.threads(dump0, dump, cpu0, cpu1, peak, o.top(),
                comms(pid, cpu1 != null ? cpu1 : cpu0), own(dump, threadsBefore));
        double seconds = o.interval().toMillis() / 1000.0;
        JvmReport.Listeners listeners = h0 == null ? null : JvmModel.listeners(h0, h1, o.listeners(),
                o.live() ? "live" : "all", seconds);
        JvmReport.Info info = info(p, flags, nmtMode, vmInfo, snap, perf1 != null ? perf1 : perf0, memory, users);
        JvmReport.Sources sources = sources(p, attach, jmx, nmt != null, perf0, perf1);
        return new JvmReport(pid, p.nspid(), info, memory, threads, listeners, sources);
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
    private ClassHistogram.Histogram histogram(HotSpotAttach attach) {
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
    private ThreadDump.Dump threadDump(HotSpotAttach attach, boolean locks) {
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

    // ---------------------------------------------------------------- /proc

    /** The thread ids of the process now. */
    private Set<Integer> tids(int pid) {
        Set<Integer> out = new HashSet<>();
        try {
            for (String tid : fs.list(fs.path("/proc/" + pid + "/task"))) {
                out.add(Integer.parseInt(tid));
            }
        } catch (FileProblem | NumberFormatException e) {
            // unreadable: no thread is taken for xray's own
        }
        return out;
    }

    /**
     * The threads busy with xray itself: the attach listener (it runs every diagnostic command xray
     * asks for), and RMI and JMX threads born since the audit began (xray's JMX connection).
     */
    static Set<Integer> own(ThreadDump.Dump dump, Set<Integer> before) {
        Set<Integer> out = new HashSet<>();
        for (ThreadDump.Thread t : dump.threads()) {
            if (t.name().equals(ATTACH_LISTENER)
                    || !before.contains(t.nid()) && JMX_THREADS.stream().anyMatch(t.name()::startsWith)) {
                out.add(t.nid());
            }
        }
        return out;
    }

    /** CPU time of every thread, from /proc/PID/task/TID/schedstat (stat where there is none). */
    private ThreadCpuSample cpuSample(int pid) {
        Map<Integer, Long> cpu = new HashMap<>();
        Path tasks = fs.path("/proc/" + pid + "/task");
        for (String tid : fs.list(tasks)) {
            try {
                Optional<String> s = fs.read(tasks.resolve(tid).resolve("schedstat"));
                if (s.isPresent()) {
                    cpu.put(Integer.parseInt(tid), TaskCpu.parseSchedstat(s.get()));
                    continue;
                }
                Optional<String> stat = fs.read(tasks.resolve(tid).resolve("stat"));
                if (stat.isPresent()) {
                    cpu.put(Integer.parseInt(tid), TaskCpu.parseStat(stat.get()));
                }
            } catch (FileProblem | Malformed | NumberFormatException e) {
                // a thread that ended while being read, or an odd entry: leave it out
            }
        }
        return new ThreadCpuSample(System.nanoTime(), cpu);
    }

    /** Names from /proc/PID/task/TID/comm, for threads the dump does not name (JNI-created threads). */
    private Map<Integer, String> comms(int pid, ThreadCpuSample sample) {
        Map<Integer, String> out = new HashMap<>();
        for (int tid : sample.cpuNanos().keySet()) {
            try {
                fs.read("/proc/" + pid + "/task/" + tid + "/comm").ifPresent(c -> out.put(tid, c.strip()));
            } catch (FileProblem e) {
                // gone
            }
        }
        return out;
    }

    /** The perf data again, read as carefully as the first time; null when it cannot be. */
    private PerfData rereadPerf(JvmProcess p) {
        return JvmProcess.perfData(fs, p.perfFile(), p.status().euid()).perf();
    }

    private static void sleepUntil(long nanos, Deadline deadline) {
        long ms = (nanos - System.nanoTime()) / 1_000_000;
        if (ms > deadline.remainingMillis()) {
            throw new AttachRefused("the --interval does not fit in the --timeout of " + deadline.budget());
        }
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttachRefused("interrupted during the sample interval");
            }
        }
    }

    // ---------------------------------------------------------------- context and sources

    private JvmReport.Info info(JvmProcess p, VmFlags flags, String nmtMode, VmInfo vi, JmxSession.Snapshot snap,
                                PerfData perf, JvmReport.Memory memory, Map<Integer, String> users) {
        String name = perf != null ? perf.string("java.property.java.vm.name") : null;
        String version = perf != null ? perf.string("java.property.java.vm.version") : null;
        String vendor = perf != null ? perf.string("java.property.java.vm.vendor") : null;
        if (snap != null) {
            name = name != null ? name : snap.vmName();
            version = version != null ? version : snap.vmVersion();
            vendor = vendor != null ? vendor : snap.vmVendor();
        }
        if (name == null && vi.vm() != null) {
            name = vi.vm();
        }
        Double uptime = snap != null && snap.uptimeMillis() != null ? snap.uptimeMillis() / 1000.0
                : vi.elapsedSeconds() != null ? vi.elapsedSeconds()
                : perf != null && perf.startMillis() != null ? (System.currentTimeMillis() - perf.startMillis()) / 1000.0
                : null;
        String gc = flags != null && flags.collector() != null ? flags.collector() : vi.collector();
        List<Collector> collectors = snap != null ? snap.collectors() : perfCollectors(perf);
        Long loaded = snap != null ? snap.classesLoaded() : perfClasses(perf, true);
        Long unloaded = snap != null ? snap.classesUnloaded() : perfClasses(perf, false);
        Long directMax = flags == null ? null : flags.number("MaxDirectMemorySize");
        boolean directDefault = directMax == null || directMax == 0;
        if (directDefault) {
            directMax = memory.heapMax(); // the default limit is the heap's maximum (Runtime.maxMemory())
        }
        Integer uid = p.status().euid();
        return new JvmReport.Info(name, version, vendor, Passwd.name(users, uid), uid, p.mainClass(), uptime, gc,
                collectors, loaded, unloaded, memory.heapMax(), directMax, directDefault, nmtMode);
    }

    /** sun.gc.collector.N.{name,invocations,time}: the hsperfdata view of the collectors. */
    private static List<Collector> perfCollectors(PerfData perf) {
        List<Collector> out = new ArrayList<>();
        if (perf == null) {
            return out;
        }
        for (int i = 0; i < 8; i++) {
            String n = perf.string("sun.gc.collector." + i + ".name");
            Long count = perf.number("sun.gc.collector." + i + ".invocations");
            if (n == null || count == null) {
                continue;
            }
            out.add(new Collector(n, count, perf.ticksToMillis(perf.number("sun.gc.collector." + i + ".time"))));
        }
        return out;
    }

    /** Classes loaded now (loaded − unloaded, shared included, as jstat -class adds them) or unloaded. */
    private static Long perfClasses(PerfData perf, boolean loadedNow) {
        if (perf == null || perf.number("java.cls.loadedClasses") == null) {
            return null;
        }
        long unloaded = orZero(perf.number("java.cls.unloadedClasses"))
                + orZero(perf.number("java.cls.sharedUnloadedClasses"));
        long loaded = perf.number("java.cls.loadedClasses") + orZero(perf.number("java.cls.sharedLoadedClasses"));
        return loadedNow ? loaded - unloaded : unloaded;
    }

    private JvmReport.Sources sources(JvmProcess p, HotSpotAttach attach, JmxChannel.Result jmx, boolean nmt,
                                      PerfData perf0, PerfData perf1) {
        boolean jmxRead = jmx.snapshot() != null;
        Map<String, String> sections = new LinkedHashMap<>();
        String rss = "/proc/" + p.pid() + "/status (resident)";
        sections.put("memory", (jmxRead ? "JMX (heap and pools, buffer pools), VM.info (malloc)"
                : "VM.info (heap, metaspace, code cache, malloc)")
                + (nmt ? ", VM.native_memory (NMT" + (jmxRead ? ")" : "; its Other for direct buffers)") : "")
                + (jmxRead ? "" : ", GC.class_histogram (DirectByteBuffer objects)") + ", " + rss);
        sections.put("threads", "Thread.print" + (extendedDump ? " -l -e (states, frames, locks, deadlocks, "
                + "allocation)" : " -l (states, frames, locks, deadlocks)") + ", /proc/" + p.pid()
                + "/task/*/schedstat (CPU)" + (jmxRead ? ", JMX (peak)" : perf1 != null ? ", hsperfdata (peak)" : ""));
        sections.put("listeners", o.live() ? "GC.class_histogram (live objects, after a full GC)"
                : "GC.class_histogram -all (all objects, unreachable ones too; no GC)");
        sections.put("jvm", (jmxRead ? "JMX, " : "") + "VM.flags, VM.info"
                + (perf0 != null ? ", hsperfdata" : ""));
        Long spMillis = null;
        Long sp = null;
        if (perf0 != null && perf1 != null) {
            Long t0 = perf0.number("sun.rt.safepointTime");
            Long t1 = perf1.number("sun.rt.safepointTime");
            Long c0 = perf0.number("sun.rt.safepoints");
            Long c1 = perf1.number("sun.rt.safepoints");
            spMillis = t0 == null || t1 == null ? null : perf1.ticksToMillis(t1 - t0);
            sp = c0 == null || c1 == null ? null : c1 - c0;
        }
        return new JvmReport.Sources(attach.startedListener() ? "started" : "socket", jmxRead,
                jmxRead ? null : jmx.note(), jmx.started() != null, jmx.started(),
                p.perfFile() == null ? null : p.perfFile().toString(), sections, attach.runs(), spMillis, sp);
    }

    private static Integer toInt(Long v) {
        return v == null || v < 0 || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
