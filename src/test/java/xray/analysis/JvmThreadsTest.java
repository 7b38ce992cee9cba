package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import xray.jvm.Samples;
import xray.jvm.ThreadDump;
import xray.model.JvmReport.BlockedGroup;
import xray.model.JvmReport.HotThread;
import xray.model.JvmReport.Threads;
import xray.model.ThreadCpuSample;

class JvmThreadsTest {
    @Test
    void blockedGroupsFromARealDumpLeaveDeadlocksAlone() {
        List<BlockedGroup> groups = JvmThreads.blocked(ThreadDump.parse(Samples.text("jdk17", "thread-print.txt")));
        assertEquals(1, groups.size(), groups.toString());
        BlockedGroup g = groups.get(0);
        assertEquals("gate-holder", g.owner());
        assertEquals("TIMED_WAITING", g.ownerState());
        assertEquals(List.of("gate-waiter-1", "gate-waiter-2", "gate-waiter-3"), g.waiters());
    }

    static final String DUMP = """
            "worker" #12 prio=5 os_prio=0 cpu=900.00ms elapsed=1.00s allocated=150K defined_classes=3 tid=0x1 nid=0x64 runnable  [0x0]
               java.lang.Thread.State: RUNNABLE
            \tat com.example.Work.spin(Work.java:10)
            \tat com.example.Work.run(Work.java:5)

            "sleeper" #13 daemon prio=5 os_prio=0 cpu=10.00ms elapsed=2.00s allocated=64B defined_classes=0 tid=0x2 nid=0x65 waiting on condition  [0x0]
               java.lang.Thread.State: TIMED_WAITING (sleeping)
            \tat java.lang.Thread.sleep(java.base@17/Native Method)

            "C2 CompilerThread0" #7 daemon prio=9 os_prio=0 cpu=2.81ms elapsed=94.90s tid=0x5 nid=0x6f waiting on condition  [0x0]
               java.lang.Thread.State: RUNNABLE

            "Attach Listener" #14 daemon prio=9 os_prio=0 cpu=40.00ms elapsed=2.00s allocated=2048B defined_classes=0 tid=0x4 nid=0x6e waiting on condition  [0x0]
               java.lang.Thread.State: RUNNABLE

            "GC Thread#0" os_prio=0 cpu=30.00ms elapsed=3.00s tid=0x3 nid=0x66 runnable
            """;

    /** The same threads a moment earlier: the worker had allocated 100 KiB less. */
    static final String FIRST_DUMP = DUMP.replace("allocated=150K", "allocated=50K");

    @Test
    void cpuAndAllocationPerThreadOverTheIntervalAndCountsAsTheJdkCountsThem() {
        ThreadCpuSample s0 = new ThreadCpuSample(1_000_000_000L, Map.of(100, 0L, 101, 0L, 102, 0L, 103, 5L, 0x6e, 0L));
        ThreadCpuSample s1 = new ThreadCpuSample(3_000_000_000L,
                Map.of(100, 1_000_000_000L, 101, 20_000_000L, 102, 0L, 103, 5L, 104, 900_000_000L, 0x6e, 80_000_000L));
        JvmSampleBuilder b = new JvmSampleBuilder().dumps(ThreadDump.parse(FIRST_DUMP), ThreadDump.parse(DUMP), s0, s1,
                Map.of(103, "jni-thread"), Set.of(0x6e));
        b.perfBefore = JvmSampleBuilder.perf(2, 1, 7);
        b.tasks = 9;
        Threads t = JvmThreads.threads(b.build(), 5);
        assertEquals("interval", t.cpuBasis());
        assertEquals(2.0, t.intervalSeconds());
        // 1 s of CPU over 2 s is 50 %; tid 104 was born during the interval; 102 and 103 did nothing;
        // the worker allocated 150K − 50K; the attach listener served xray: left out, listed apart
        assertEquals(List.of(
                new HotThread("worker", 100, 12L, 50.0, "RUNNABLE",
                        List.of("com.example.Work.spin(Work.java:10)", "com.example.Work.run(Work.java:5)"), 100L << 10),
                new HotThread("sleeper", 101, 13L, 1.0, "TIMED_WAITING",
                        List.of("java.lang.Thread.sleep(java.base@17/Native Method)"), 0L)), t.hot());
        assertEquals(List.of(new HotThread("Attach Listener", 0x6e, 14L, 4.0, "RUNNABLE", List.of(), 0L)), t.own());
        // Counts from the perf data read before xray attached: 2 live (worker, sleeper), peak 7; the
        // compiler thread is hidden as the JDK hides it; /proc's 9 threads less the 2 are JVM-internal
        assertEquals(2, t.total());
        assertEquals(1, t.daemon());
        assertEquals(7, t.peak());
        assertEquals(7, t.vmThreads());
        assertEquals(Map.of("RUNNABLE", 1, "TIMED_WAITING", 1), t.states());
    }

    @Test
    void withoutPerfDataCountsComeFromTheDump() {
        JvmSampleBuilder b = new JvmSampleBuilder().dumps(null, ThreadDump.parse(DUMP), new ThreadCpuSample(0, Map.of()),
                null, Map.of(), Set.of(0x6e));
        Threads t = JvmThreads.threads(b.build(), 2);
        assertEquals("lifetime", t.cpuBasis());
        // xray started the attach listener: not counted; the compiler thread is the JVM's own
        assertEquals(2, t.total());
        assertEquals(1, t.daemon());
        assertEquals(2, t.vmThreads(), "GC Thread#0 and C2 CompilerThread0");
        assertNull(t.peak());
        assertEquals(List.of("worker", "Attach Listener"), List.of(t.hot().get(0).name(), t.own().get(0).name()));
        assertEquals(90.0, t.hot().get(0).cpuPercent());
        assertNull(t.hot().get(0).allocatedBytes(), "one dump: no allocation over an interval");
    }

    @Test
    void anAttachListenerThatWasThereAlreadyIsTheJvmsOwn() {
        JvmSampleBuilder b = new JvmSampleBuilder().dumps(null, ThreadDump.parse(DUMP), new ThreadCpuSample(0, Map.of()),
                null, Map.of(), Set.of(0x6e));
        b.startedListener = false;
        Threads t = JvmThreads.threads(b.build(), 2);
        assertEquals(3, t.total());
        assertEquals(Map.of("RUNNABLE", 2, "TIMED_WAITING", 1), t.states());
    }
}
