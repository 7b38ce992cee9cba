package xray.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import xray.jvm.ClassHistogram;
import xray.jvm.NativeMemory;
import xray.jvm.Samples;
import xray.jvm.ThreadDump;
import xray.jvm.VmInfo;
import xray.model.JvmReport.BlockedGroup;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.HotThread;
import xray.model.JvmReport.ListenerClass;
import xray.model.JvmReport.Listeners;
import xray.model.JvmReport.Memory;
import xray.model.JvmReport.Threads;
import xray.model.ProcStatus;
import xray.model.ThreadCpuSample;

class JvmModelTest {
    static final long MIB = 1 << 20;

    static ClassHistogram.Histogram histogram(String rows) {
        return ClassHistogram.parse(rows + "Total 0 0\n");
    }

    static final String BEFORE = """
               1:            10            160  com.example.OrderListener
               2:             4             64  com.example.OrderListener
               3:             5             80  com.example.ui.ClickHandler
               4:           900          14400  java.awt.event.ActionListener (java.desktop@17.0.15)
               5:             7            224  javax.management.NotificationBroadcasterSupport$ListenerInfo (java.management@17.0.15)
               6:             3             48  com.example.Foo$$Lambda$14/0x0000000800c0b1f8
               7:             2             48  [Lcom.example.OrderListener;
               8:            50            800  com.example.handlers.Util
               9:             1             16  com.example.WatcherService
            """;
    static final String AFTER = """
               1:            20            320  com.example.OrderListener
               2:             4             64  com.example.OrderListener
               3:             5             80  com.example.ui.ClickHandler
               4:             3             48  com.example.NewSubscriber
               9:             1             16  com.example.WatcherService
            """;

    @Test
    void growingListenersComeFirstAndJdkClassesAreLeftOut() {
        Listeners l = JvmModel.listeners(histogram(BEFORE), histogram(AFTER),
                JvmModel.listenerPattern(JvmModel.DEFAULT_LISTENERS), "all", 1.0);
        assertEquals(List.of(
                new ListenerClass("com.example.OrderListener", null, 24, 384, 10L, 2),
                new ListenerClass("com.example.NewSubscriber", null, 3, 48, 3L, 1),
                new ListenerClass("com.example.ui.ClickHandler", null, 5, 80, 0L, 1),
                new ListenerClass("com.example.WatcherService", null, 1, 16, 0L, 1)), l.classes());
        assertEquals(JvmModel.DEFAULT_LISTENERS, l.pattern());
    }

    @Test
    void oneHistogramHasNoGrowthAndRanksByCount() {
        Listeners l = JvmModel.listeners(histogram(BEFORE), null,
                JvmModel.listenerPattern(JvmModel.DEFAULT_LISTENERS), "live", 0);
        assertEquals(List.of("com.example.OrderListener", "com.example.ui.ClickHandler", "com.example.WatcherService"),
                l.classes().stream().map(ListenerClass::name).toList());
        assertTrue(l.classes().stream().allMatch(c -> c.growth() == null));
    }

    @Test
    void aCustomPatternMatchesTheSimpleNameOnly() {
        Listeners l = JvmModel.listeners(histogram(BEFORE), null, JvmModel.listenerPattern("util|example"), "all", 0);
        assertEquals(List.of("com.example.handlers.Util"), l.classes().stream().map(ListenerClass::name).toList());
    }

    @Test
    void blockedGroupsFromARealDumpLeaveDeadlocksAlone() {
        ThreadDump.Dump d = ThreadDump.parse(Samples.text("jdk17", "thread-print.txt"));
        List<BlockedGroup> groups = JvmModel.blocked(d);
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

            "Attach Listener" #14 daemon prio=9 os_prio=0 cpu=40.00ms elapsed=2.00s allocated=2048B defined_classes=0 tid=0x4 nid=0x6e waiting on condition  [0x0]
               java.lang.Thread.State: RUNNABLE

            "GC Thread#0" os_prio=0 cpu=30.00ms elapsed=3.00s tid=0x3 nid=0x66 runnable
            """;

    /** The same threads a moment earlier: the worker had allocated 100 KiB less. */
    static final String FIRST_DUMP = DUMP.replace("allocated=150K", "allocated=50K");

    @Test
    void cpuAndAllocationPerThreadOverTheInterval() {
        ThreadCpuSample s0 = new ThreadCpuSample(1_000_000_000L, Map.of(100, 0L, 101, 0L, 102, 0L, 103, 5L, 0x6e, 0L));
        ThreadCpuSample s1 = new ThreadCpuSample(3_000_000_000L,
                Map.of(100, 1_000_000_000L, 101, 20_000_000L, 102, 0L, 103, 5L, 104, 900_000_000L, 0x6e, 80_000_000L));
        Threads t = JvmModel.threads(ThreadDump.parse(FIRST_DUMP), ThreadDump.parse(DUMP), s0, s1, 7, 5,
                Map.of(103, "jni-thread"), Set.of(0x6e));
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
        assertEquals(3, t.total());
        assertEquals(2, t.daemon());
        assertEquals(1, t.vmThreads());
        assertEquals(7, t.peak());
        assertEquals(Map.of("RUNNABLE", 2, "TIMED_WAITING", 1), t.states());
    }

    @Test
    void withOneSampleCpuIsTheLifetimeAverage() {
        Threads t = JvmModel.threads(null, ThreadDump.parse(DUMP), new ThreadCpuSample(0, Map.of()), null, null, 2,
                Map.of(), Set.of());
        assertEquals("lifetime", t.cpuBasis());
        assertEquals(List.of("worker", "Attach Listener"), t.hot().stream().map(HotThread::name).toList());
        assertEquals(90.0, t.hot().get(0).cpuPercent());
        assertNull(t.hot().get(0).allocatedBytes(), "one dump: no allocation over an interval");
        assertNull(t.peak());
    }

    @Test
    void directBufferObjectsFromEveryLoader() {
        ClassHistogram.Histogram h = ClassHistogram.parse("""
                   1:             7            448  java.nio.DirectByteBuffer (java.base@17.0.15)
                   2:             2            128  java.nio.DirectByteBufferR (java.base@17.0.15)
                   3:             1             64  java.nio.DirectByteBuffer
                   4:             5             80  java.nio.HeapByteBuffer (java.base@17.0.15)
                Total            15            720
                """);
        assertEquals(10L, JvmModel.directBufferObjects(h));
        assertNull(JvmModel.directBufferObjects(null));
    }

    static ProcStatus status(long rssAnon, long rssFile) {
        return new ProcStatus(1, "java", List.of(0, 0, 0, 0), List.of(1), rssAnon + rssFile, rssAnon, rssFile, 0L,
                0L, 0L, 0x4L, 20);
    }

    @Test
    void untrackedNativeWithNmtIsMallocOutsideIt() {
        VmInfo vi = VmInfo.parse(Samples.text("jdk17", "vm-info.txt"));
        NativeMemory.Summary nmt = NativeMemory.parse(Samples.text("jdk17", "nmt-summary.txt"));
        Memory m = JvmModel.memory(status(40 * MIB, 20 * MIB), vi, nmt, null, 6320816128L, ClassHistogram.parse("""
                   1:             3            192  java.nio.DirectByteBuffer (java.base@17.0.15)
                Total             3            192
                """));
        // C-Heap outstanding 17931K − NMT malloc 13450271 + retained 1528K
        assertEquals(17931L * 1024 - 13450271L + 1528L * 1024, m.untrackedNative());
        assertEquals(1904640L, m.threadStacks());
        assertEquals(7626L * 1024, m.heapUsed());
        assertEquals(397312L * 1024, m.heapCommitted());
        assertEquals(6320816128L, m.heapMax());
        assertEquals(1138L * 1024, m.metaspaceUsed());
        // NMT's Other gives the bytes of direct buffers, the histogram their objects; JMX would give the count
        assertEquals(new Buffers(null, 5244928L), m.directBuffers());
        assertEquals(3L, m.directBufferObjects());
        assertTrue(m.directBuffersBasis().startsWith("NMT Other"), m.directBuffersBasis());
        assertNull(m.mappedBuffers());
        assertTrue(m.gap().startsWith("Resident 60 MiB is less than the 388 MiB of heap committed"), m.gap());
    }

    @Test
    void withoutNmtUntrackedIsALowerBoundFromResidentAnon() {
        VmInfo vi = VmInfo.parse("""
                Heap:
                 garbage-first heap   total 102400K, used 51200K [0x0, 0x0)
                 Metaspace       used 20480K, committed 25600K, reserved 1114112K

                CodeHeap 'non-nmethods': size=5692Kb used=10240Kb max_used=1135Kb free=4570Kb
                """);
        Memory m = JvmModel.memory(status(300 * MIB, 20 * MIB), vi, null, null, 200 * MIB, null);
        // 300 MiB anon − (100 heap + 25 metaspace + 10 code cache)
        assertEquals(165 * MIB, m.untrackedNative());
        assertTrue(m.untrackedBasis().startsWith("at least"), m.untrackedBasis());
        assertEquals("Resident 320 MiB is 220 MiB more than the 100 MiB of heap committed: the largest parts are "
                + "untracked native memory 165 MiB, metaspace 25 MiB, code cache 10 MiB (NMT is off: thread stacks and "
                + "GC structures are not told apart).", m.gap());
    }
}
