package xray.jvm;

import xray.model.ThreadDumpSample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xray.kernel.Malformed;

class ThreadDumpTest {
    static ThreadDumpSample.Thread named(ThreadDumpSample d, String name) {
        return d.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aJvmInAGermanLocalePrintsDecimalCommas() {
        // HotSpot prints cpu= and elapsed= with printf in the target's locale (seen under LANG=de_DE.UTF-8).
        String german = Samples.text("jdk17", "thread-print.txt").replace("cpu=415.86ms elapsed=0.66s",
                "cpu=415,86ms elapsed=0,66s");
        assertTrue(german.contains("cpu=415,86ms"));
        ThreadDumpSample.Thread spinner = named(ThreadDump.parse(german), "xray-spinner");
        assertEquals(415.86, spinner.cpuMillis());
        assertEquals(0.66, spinner.elapsedSeconds());
    }

    @Test
    void jdk17HeaderWithHexNid() {
        ThreadDumpSample d = ThreadDump.parse(Samples.text("jdk17", "thread-print.txt"));
        assertEquals(29, d.threads().size(), "the deadlock report names threads again; they are not counted twice");
        ThreadDumpSample.Thread spinner = named(d, "xray-spinner");
        assertEquals(12L, spinner.javaId());
        assertEquals(0x55cd, spinner.nid());
        assertTrue(spinner.daemon());
        assertEquals("RUNNABLE", spinner.state());
        assertEquals(415.86, spinner.cpuMillis());
        assertEquals(0.66, spinner.elapsedSeconds());
        assertEquals("xray.jvm.AuditTarget.lambda$main$0(AuditTarget.java:89)", spinner.frames().get(0));
        ThreadDumpSample.Thread vm = named(d, "VM Thread");
        assertNull(vm.javaId());
        assertNull(vm.state());
        assertEquals(0x55b3, vm.nid());
        assertFalse(vm.isJava());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void extendedDumpsCarryAllocatedBytes(String jdk) {
        ThreadDumpSample d = ThreadDump.parse(Samples.text(jdk, "thread-print-e.txt"));
        ThreadDumpSample plain = ThreadDump.parse(Samples.text(jdk, "thread-print.txt"));
        assertEquals(plain.threads().size(), d.threads().size(), "the same threads, captured from another run of the target");
        assertEquals(2, d.deadlocks().size());
        boolean jdk17 = jdk.equals("jdk17");
        assertEquals(jdk17 ? 1034L << 10 : 2486L << 10, named(d, "main").allocatedBytes(), "allocated=...K");
        assertEquals(jdk17 ? 9080L : 15944L, named(d, "handler-leak").allocatedBytes(), "allocated=...B");
        assertEquals(jdk17 ? 740.69 : 1102.11, named(d, "xray-spinner").cpuMillis(), "cpu= still read after -e");
        assertNull(named(d, "VM Thread").allocatedBytes(), "VM threads print no allocated=");
        assertNull(named(plain, "main").allocatedBytes(), "no -e, no allocated=");
    }

    @Test
    void allocatedUnitsArePowersOf1024() {
        assertEquals(100L, ThreadDump.unit(100, 'B'));
        assertEquals(2000L << 20, ThreadDump.unit(2000, 'M'));
        assertEquals(3L << 30, ThreadDump.unit(3, 'G'));
        assertEquals(Long.MAX_VALUE, ThreadDump.unit(Long.MAX_VALUE / 2, 'G'), "no overflow");
    }

    @Test
    void jdk25HeaderWithDecimalNid() {
        ThreadDumpSample d = ThreadDump.parse(Samples.text("jdk25", "thread-print.txt"));
        assertEquals(28, d.threads().size());
        ThreadDumpSample.Thread spinner = named(d, "xray-spinner");
        assertEquals(21L, spinner.javaId());
        assertEquals(22120, spinner.nid());
        assertEquals(265.57, spinner.cpuMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void locksJoinWaitersToHolders(String jdk) {
        ThreadDumpSample d = ThreadDump.parse(Samples.text(jdk, "thread-print.txt"));
        ThreadDumpSample.Thread holder = named(d, "gate-holder");
        ThreadDumpSample.Lock gate = named(d, "gate-waiter-1").blockedOn();
        assertEquals("xray.jvm.AuditTarget$Gate", gate.className());
        assertTrue(holder.held().contains(gate), holder.held() + " holds " + gate);
        assertEquals("BLOCKED", named(d, "gate-waiter-2").state());
        // j.u.c.: a parked thread and the owner's "Locked ownable synchronizers"
        ThreadDumpSample.Lock rl = named(d, "rl-deadlock-1").blockedOn();
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync", rl.className());
        assertTrue(named(d, "rl-deadlock-2").held().contains(rl));
        // Object.wait() released its monitor though the frame says "locked"
        ThreadDumpSample.Thread finalizer = named(d, "Finalizer");
        assertEquals("WAITING", finalizer.state());
        assertEquals(List.of(), finalizer.held());
        assertNull(finalizer.blockedOn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void deadlocksOfMonitorsAndOfReentrantLocks(String jdk) {
        ThreadDumpSample d = ThreadDump.parse(Samples.text(jdk, "thread-print.txt"));
        assertEquals(2, d.deadlocks().size());
        Set<Set<String>> pairs = d.deadlocks().stream()
                .map(dl -> dl.cycle().stream().map(ThreadDumpSample.Edge::thread).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(Set.of("deadlock-a", "deadlock-b"), Set.of("rl-deadlock-1", "rl-deadlock-2")), pairs);
        for (ThreadDumpSample.Deadlock dl : d.deadlocks()) {
            for (ThreadDumpSample.Edge e : dl.cycle()) {
                // each waits for what the other holds
                assertTrue(named(d, e.heldBy()).held().contains(e.lock()), e.toString());
            }
        }
        // the stacks repeated under "Java stack information" are not threads again
        assertEquals(1, d.threads().stream().filter(t -> t.name().equals("deadlock-a")).count());
    }

    @Test
    void aNameWithQuotesAndNoCpuField() {
        String text = """
                "pool "x" worker" #31 daemon prio=5 os_prio=0 tid=0x00007f0 nid=0x1a2b waiting on condition  [0x0]
                   java.lang.Thread.State: WAITING (parking)
                \tat jdk.internal.misc.Unsafe.park(java.base@11/Native Method)
                """;
        ThreadDumpSample.Thread t = ThreadDump.parse(text).threads().get(0);
        assertEquals("pool \"x\" worker", t.name());
        assertEquals(0x1a2b, t.nid());
        assertNull(t.cpuMillis());
        assertEquals("WAITING", t.state());
    }

    @Test
    void noThreadIsMalformed() {
        assertThrows(Malformed.class, () -> ThreadDump.parse(""));
        assertThrows(Malformed.class, () -> ThreadDump.parse("Full thread dump\n\ngarbage\n"));
    }
}
