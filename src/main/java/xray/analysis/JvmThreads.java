package xray.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import xray.model.JvmReport.BlockedGroup;
import xray.model.JvmReport.Deadlock;
import xray.model.JvmReport.DeadlockLink;
import xray.model.JvmReport.HotThread;
import xray.model.JvmReport.Threads;
import xray.model.JvmSample;
import xray.model.PerfSample;
import xray.model.ThreadCpuSample;
import xray.model.ThreadDumpSample;

/**
 * Threads (JVM-AUDIT.md, section 2): how many as the JDK counts them, CPU per thread over the
 * interval, allocation, threads blocked behind one owner, and deadlocks. Pure.
 */
final class JvmThreads {
    /** Frames kept per hot thread. */
    static final int FRAMES = 5;
    /**
     * Threads HotSpot hides from Thread.getAllStackTraces and leaves out of java.threads.live, though
     * the thread dump lists them with a Java id (JDK 17 to 25).
     */
    static final List<String> HIDDEN = List.of("C1 CompilerThread", "C2 CompilerThread", "JVMCI CompilerThread",
            "Sweeper thread", "Service Thread", "Monitor Deflation Thread");

    private JvmThreads() {
    }

    /**
     * Counts as the JDK defines them: Java threads and their peak from the perf data read before
     * xray attached (java.threads.live, livePeak), the rest of /proc/PID/task as JVM-internal;
     * states from the dump, of the threads the JDK counts. Without perf data, counts from the dump.
     */
    static Threads threads(JvmSample s, int top) {
        JvmSample.Threads t = s.threads();
        ThreadDumpSample dump = t.last();
        if (dump == null) {
            return null;
        }
        // xray's own: the JMX threads of its connection, and the attach listener when xray started it
        Set<Integer> notCounted = new HashSet<>();
        for (ThreadDumpSample.Thread th : dump.threads()) {
            if (t.own().contains(th.nid()) && (s.channel().startedListener() || !th.name().equals("Attach Listener"))) {
                notCounted.add(th.nid());
            }
        }
        Map<String, Integer> states = new TreeMap<>();
        int visible = 0;
        int daemon = 0;
        for (ThreadDumpSample.Thread th : dump.threads()) {
            if (th.isJava() && !hidden(th.name()) && !notCounted.contains(th.nid())) {
                visible++;
                daemon += th.daemon() ? 1 : 0;
                states.merge(th.state() == null ? "UNKNOWN" : th.state(), 1, Integer::sum);
            }
        }
        PerfSample perf = s.perfBefore();
        Integer total = perf != null && perf.threadsLive() != null ? toInt(perf.threadsLive()) : Integer.valueOf(visible);
        Integer daemons = perf != null && perf.threadsDaemon() != null ? toInt(perf.threadsDaemon()) : Integer.valueOf(daemon);
        Integer peak = perf != null ? toInt(perf.threadsLivePeak()) : null;
        if (peak == null && s.jmx().sample() != null) {
            peak = s.jmx().sample().peakThreads();
        }
        int internal = s.tasks() != null && total != null ? Math.max(0, s.tasks() - total)
                : dump.threads().size() - visible - notCounted.size();
        return withSamples(t, total, daemons, peak, states, internal, top);
    }

    static boolean hidden(String name) {
        return HIDDEN.stream().anyMatch(name::startsWith);
    }

    /**
     * Threads from the dumps and one or two CPU samples (with one, when the interval is 0, CPU is
     * the average over each thread's life, from the dump's cpu= and elapsed=). Allocation during the
     * interval is the difference of the {@code allocated=} of two dumps taken with the samples.
     * Threads busy with xray's own requests are left out of the hot threads and listed apart.
     */
    private static Threads withSamples(JvmSample.Threads samples, Integer total, Integer daemon, Integer peak,
                               Map<String, Integer> states, int internal, int top) {
        ThreadDumpSample first = samples.first();
        ThreadDumpSample dump = samples.last();
        ThreadCpuSample s0 = samples.cpu0();
        ThreadCpuSample s1 = samples.cpu1();
        Map<Integer, String> comm = samples.comms();
        Set<Integer> own = samples.own();
        Map<Integer, ThreadDumpSample.Thread> byNid = new HashMap<>();
        for (ThreadDumpSample.Thread t : dump.threads()) {
            byNid.put(t.nid(), t);
        }
        Map<Integer, Long> alloc0 = new HashMap<>();
        if (first != null) {
            for (ThreadDumpSample.Thread t : first.threads()) {
                if (t.allocatedBytes() != null) {
                    alloc0.put(t.nid(), t.allocatedBytes());
                }
            }
        }
        List<HotThread> busy = new ArrayList<>();
        double interval = 0;
        String basis;
        if (s0 != null && s1 != null && s1.atNanos() > s0.atNanos()) {
            long dt = s1.atNanos() - s0.atNanos();
            interval = dt / 1e9;
            basis = "interval";
            for (Map.Entry<Integer, Long> e : s1.cpuNanos().entrySet()) {
                Long before = s0.cpuNanos().get(e.getKey());
                if (before == null) {
                    continue; // born during the interval: no baseline
                }
                // cpuPercent = Δ CPU ns / Δ wall ns × 100 (100 = one core)
                double pct = (e.getValue() - before) * 100.0 / dt;
                if (pct > 0) {
                    busy.add(hotThread(e.getKey(), pct, byNid.get(e.getKey()), comm, alloc0));
                }
            }
        } else {
            basis = "lifetime";
            for (ThreadDumpSample.Thread t : dump.threads()) {
                if (t.cpuMillis() != null && t.elapsedSeconds() != null && t.elapsedSeconds() > 0) {
                    // cpuPercent = cpu ms / (elapsed s × 1000) × 100: the average since the thread started
                    double pct = t.cpuMillis() / (t.elapsedSeconds() * 1000) * 100;
                    if (pct > 0) {
                        busy.add(hotThread(t.nid(), pct, t, comm, Map.of()));
                    }
                }
            }
        }
        busy.sort(Comparator.comparingDouble(HotThread::cpuPercent).reversed().thenComparing(HotThread::name));
        List<HotThread> hot = new ArrayList<>();
        List<HotThread> mine = new ArrayList<>();
        for (HotThread h : busy) {
            if (own.contains(h.tid())) {
                mine.add(h);
            } else if (hot.size() < top) {
                hot.add(h);
            }
        }
        return new Threads(total, daemon, peak, states, internal, interval, basis, hot, blocked(dump),
                deadlocks(dump), mine);
    }

    /**
     * A thread by CPU; its allocation is the growth of {@code allocated=} since the first dump
     * (null without one), never below zero: the JVM rounds it down to its unit.
     */
    private static HotThread hotThread(int tid, double pct, ThreadDumpSample.Thread t, Map<Integer, String> comm,
                                       Map<Integer, Long> alloc0) {
        String name = t != null ? t.name() : comm.getOrDefault(tid, "tid " + tid);
        Long a0 = alloc0.get(tid);
        Long alloc = t == null || t.allocatedBytes() == null || a0 == null ? null : Math.max(0, t.allocatedBytes() - a0);
        List<String> frames = t == null ? List.of() : t.frames().subList(0, Math.min(FRAMES, t.frames().size()));
        return new HotThread(name, tid, t == null ? null : t.javaId(), Math.round(pct * 10) / 10.0,
                t == null ? null : t.state(), frames, alloc);
    }

    /**
     * Threads waiting for a lock that another thread holds, grouped by holder and lock, largest
     * first. Deadlocked threads are left to the deadlocks.
     */
    static List<BlockedGroup> blocked(ThreadDumpSample dump) {
        Set<String> deadlocked = new HashSet<>();
        for (ThreadDumpSample.Deadlock d : dump.deadlocks()) {
            d.cycle().forEach(e -> deadlocked.add(e.thread()));
        }
        Map<String, ThreadDumpSample.Thread> holder = new HashMap<>();
        for (ThreadDumpSample.Thread t : dump.threads()) {
            for (ThreadDumpSample.Lock l : t.held()) {
                holder.put(l.address(), t);
            }
        }
        Map<String, List<String>> waiters = new LinkedHashMap<>();
        Map<String, ThreadDumpSample.Thread> owners = new HashMap<>();
        Map<String, ThreadDumpSample.Lock> locks = new HashMap<>();
        for (ThreadDumpSample.Thread t : dump.threads()) {
            ThreadDumpSample.Lock l = t.blockedOn();
            ThreadDumpSample.Thread h = l == null ? null : holder.get(l.address());
            if (h != null && h != t && !deadlocked.contains(t.name())) {
                String key = h.nid() + " " + l.address();
                waiters.computeIfAbsent(key, k -> new ArrayList<>()).add(t.name());
                owners.put(key, h);
                locks.put(key, l);
            }
        }
        List<BlockedGroup> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : waiters.entrySet()) {
            ThreadDumpSample.Thread h = owners.get(e.getKey());
            List<String> names = new ArrayList<>(e.getValue());
            names.sort(null);
            out.add(new BlockedGroup(h.name(), h.state(), locks.get(e.getKey()).toString(), names));
        }
        out.sort(Comparator.comparingInt((BlockedGroup g) -> g.waiters().size()).reversed()
                .thenComparing(BlockedGroup::owner));
        return out;
    }

    static List<Deadlock> deadlocks(ThreadDumpSample dump) {
        List<Deadlock> out = new ArrayList<>();
        for (ThreadDumpSample.Deadlock d : dump.deadlocks()) {
            List<DeadlockLink> links = new ArrayList<>();
            for (ThreadDumpSample.Edge e : d.cycle()) {
                links.add(new DeadlockLink(e.thread(), e.lock() == null ? null : e.lock().toString(), e.heldBy()));
            }
            out.add(new Deadlock(links));
        }
        return out;
    }

    private static Integer toInt(Long v) {
        return v == null || v < 0 || v > Integer.MAX_VALUE ? null : v.intValue();
    }
}
