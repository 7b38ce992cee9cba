package xray.collect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code xray jvm PID}: reads /proc, attaches, runs the diagnostic commands, reads JMX where it
 * can, samples twice an interval apart, and hands what it read to {@link JvmModel}.
 *
 * <p>Order matters for what is measured: memory is read first; the class histograms (which walk
 * the heap, and with --live run a full GC) come after; the thread dump last. JMX is connected on
 * a second thread while the diagnostic commands run.
 */
public final class JvmAuditor {
    /**
     * @param interval  time between the two samples (CPU per thread, listener growth); zero for one
     * @param listeners the --listeners pattern
     * @param live      histograms of live objects only (each runs a full GC)
     * @param jmx       try the local JMX connector
     */
    public record Options(Duration interval, int top, Pattern listeners, boolean live, Duration timeout,
                          boolean jmx) {
    }

    /** The longest xray waits for the JMX connection before going on without it. */
    static final long JMX_WAIT_MS = 5000;

    private final KernelFs fs;
    private final Options o;
    private final Warnings warnings;
    private final Consumer<String> notice;

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
     * @param notice prints a line for the person at once (the --live warning, before the GC runs)
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
        HotSpotAttach attach = HotSpotAttach.open(p.attachTarget(), deadline);
        try {
            return collect(p, attach, deadline, users);
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

    private JvmReport collect(JvmProcess p, HotSpotAttach attach, Deadline deadline, Map<Integer, String> users) {
        int pid = p.pid();
        PerfData perf0 = p.perf();
        CompletableFuture<Jmx> jmxFuture = CompletableFuture.supplyAsync(() -> jmx(p, attach, deadline), daemon());

        VmFlags flags = command(attach, "VM.flags", VmFlags::parse);
        String nmtMode = flags == null || flags.get("NativeMemoryTracking") == null
                ? "off" : flags.get("NativeMemoryTracking");
        NativeMemory.Summary nmt = "off".equals(nmtMode) ? null
                : command(attach, "VM.native_memory summary scale=B", NativeMemory::parse);
        VmInfo vmInfo = command(attach, "VM.info", VmInfo::parse);
        if (vmInfo == null) {
            vmInfo = VmInfo.parse("");
        }

        Jmx jmx = await(jmxFuture, deadline);
        JmxSession.Snapshot snap = null;
        if (jmx.session != null) {
            try {
                snap = jmx.session.snapshot();
            } catch (JmxSession.Unavailable e) {
                jmx = jmx.failed(e.getMessage());
            }
        }
        try {
            ThreadCpuSample cpu0 = cpuSample(pid);
            Map<Long, Long> alloc0 = allocated(jmx);
            if (o.live()) {
                notice.accept("running a full GC in pid " + pid + " for a histogram of live objects (--live): "
                        + "the application pauses for it");
            }
            String histogram = o.live() ? "GC.class_histogram" : "GC.class_histogram -all";
            ClassHistogram.Histogram h0 = command(attach, histogram, ClassHistogram::parse);
            ThreadCpuSample cpu1 = null;
            Map<Long, Long> alloc1 = null;
            ClassHistogram.Histogram h1 = null;
            if (!o.interval().isZero()) {
                sleepUntil(cpu0.atNanos() + o.interval().toNanos(), deadline);
                cpu1 = cpuSample(pid);
                alloc1 = allocated(jmx);
                h1 = command(attach, histogram, ClassHistogram::parse);
            }
            ThreadDump.Dump dump = command(attach, "Thread.print -l", ThreadDump::parse);
            PerfData perf1 = p.perfFile() == null ? null : rereadPerf(p.perfFile());

            JvmReport.Memory memory = JvmModel.memory(p.status(), vmInfo, nmt, snap,
                    flags == null ? null : flags.number("MaxHeapSize"));
            Integer peak = snap != null ? snap.peakThreads()
                    : perf1 != null ? toInt(perf1.number("java.threads.livePeak")) : null;
            JvmReport.Threads threads = dump == null ? null : JvmModel.threads(dump, cpu0, cpu1, alloc0, alloc1, peak,
                    o.top(), comms(pid, cpu1 != null ? cpu1 : cpu0));
            double seconds = o.interval().toMillis() / 1000.0;
            JvmReport.Listeners listeners = h0 == null ? null : JvmModel.listeners(h0, h1, o.listeners(),
                    o.live() ? "live" : "all", seconds);
            JvmReport.Info info = info(p, flags, nmtMode, vmInfo, snap, perf1 != null ? perf1 : perf0, memory, users);
            JvmReport.Sources sources = sources(p, attach, jmx, snap != null, nmt != null, perf0, perf1);
            return new JvmReport(pid, p.nspid(), info, memory, threads, listeners, sources);
        } finally {
            if (jmx.session != null) {
                jmx.session.close();
            }
        }
    }

    // ---------------------------------------------------------------- JMX

    /** The JMX side: a session, or why there is none; and whether xray started the agent. */
    private record Jmx(JmxSession session, String note, boolean agentStarted) {
        Jmx failed(String why) {
            if (session != null) {
                session.close();
            }
            return new Jmx(null, why, agentStarted);
        }
    }

    private Jmx jmx(JvmProcess p, HotSpotAttach attach, Deadline deadline) {
        if (!o.jmx()) {
            return new Jmx(null, "turned off with --no-jmx", false);
        }
        String mine = null;
        try {
            mine = fs.readLink(fs.path("/proc/self/ns/net")).orElse(null);
        } catch (FileProblem e) {
            // unknown: try anyway
        }
        if (p.netNs() == null || mine == null || !p.netNs().equals(mine)) {
            return new Jmx(null, "the JVM is in another network namespace (a container): its JMX agent would "
                    + "listen on a loopback xray cannot reach", false);
        }
        JmxSession.Address address;
        try {
            address = JmxSession.localAddress(attach);
        } catch (JmxSession.Unavailable | HotSpotAttach.CommandFailed e) {
            return new Jmx(null, e.getMessage(), false);
        } catch (HotSpotAttach.NoAnswer | AttachRefused e) {
            return new Jmx(null, "the attach channel did not answer for JMX (" + e.getMessage() + ")", false);
        }
        try {
            return new Jmx(JmxSession.connect(address.url(), deadline), null, address.started());
        } catch (JmxSession.Unavailable e) {
            return new Jmx(null, e.getMessage(), address.started());
        }
    }

    /**
     * Waits for the JMX side, at most half of what is left of the timeout (and {@value #JMX_WAIT_MS}
     * ms): a slow JMX must not leave the diagnostic commands without time.
     */
    private Jmx await(CompletableFuture<Jmx> f, Deadline deadline) {
        long wait = Math.max(1, Math.min(JMX_WAIT_MS, deadline.remainingMillis() / 2));
        try {
            return f.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.thenAccept(j -> {
                if (j.session != null) {
                    j.session.close();
                }
            });
            return new Jmx(null, "JMX did not connect within " + wait + " ms", false);
        } catch (ExecutionException e) {
            return new Jmx(null, "JMX failed: " + e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Jmx(null, "interrupted", false);
        }
    }

    private Map<Long, Long> allocated(Jmx jmx) {
        if (jmx.session == null) {
            return null;
        }
        try {
            return jmx.session.allocatedBytes();
        } catch (JmxSession.Unavailable e) {
            warnings.add("JMX: " + e.getMessage());
            return null;
        }
    }

    private static java.util.concurrent.Executor daemon() {
        return r -> {
            Thread t = new Thread(r, "xray-jmx-connect");
            t.setDaemon(true);
            t.start();
        };
    }

    // ---------------------------------------------------------------- diagnostic commands

    /** Runs a command and parses it; a failed or garbled reply is a warning and null. */
    private <T> T command(HotSpotAttach attach, String line, Function<String, T> parse) {
        String text;
        try {
            text = attach.jcmd(line);
        } catch (HotSpotAttach.CommandFailed e) {
            warnings.add("the JVM refused " + e.getMessage());
            return null;
        }
        try {
            return parse.apply(text);
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

    // ---------------------------------------------------------------- /proc

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

    private PerfData rereadPerf(Path file) {
        try {
            return fs.readBytes(file).map(PerfData::parse).orElse(null);
        } catch (FileProblem | Malformed e) {
            return null;
        }
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

    private JvmReport.Sources sources(JvmProcess p, HotSpotAttach attach, Jmx jmx, boolean jmxRead, boolean nmt,
                                      PerfData perf0, PerfData perf1) {
        Map<String, String> sections = new LinkedHashMap<>();
        String rss = "/proc/" + p.pid() + "/status (resident)";
        sections.put("memory", (jmxRead ? "JMX (heap and pools, buffer pools), VM.info (malloc)"
                : "VM.info (heap, metaspace, code cache, malloc)") + (nmt ? ", VM.native_memory (NMT)" : "")
                + ", " + rss);
        sections.put("threads", "Thread.print -l (states, frames, locks, deadlocks), /proc/" + p.pid()
                + "/task/*/schedstat (CPU)" + (jmxRead ? ", JMX (allocation, peak)" : ""));
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
                jmxRead ? null : jmx.note, jmx.agentStarted,
                p.perfFile() == null ? null : p.perfFile().toString(), sections, attach.runs(), spMillis, sp);
    }

    private static Integer toInt(Long v) {
        return v == null ? null : v.intValue();
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
