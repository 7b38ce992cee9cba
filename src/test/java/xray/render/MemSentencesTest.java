package xray.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xray.model.PressureMissing;
import xray.model.Verdict;
import xray.model.Verdict.Severity;

/**
 * The sentence of every verdict code, made from the record alone. The expected texts are what xray
 * printed before verdicts became data (the same bytes: the golden files show it end to end).
 */
class MemSentencesTest {
    static final long M = 1L << 20;

    static String say(String code, Object... pairs) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            f.put((String) pairs[i], pairs[i + 1]);
        }
        return MemSentences.verdict(new Verdict(code, Severity.INFO, "/x", f));
    }

    @Test
    void theChargeAndTheRealCost() {
        assertEquals("froth.service is charged 4.3 GiB; its real cost is 1.1 GiB; the other 3.2 GiB is cache and "
                + "reclaimable kernel memory the kernel keeps because it can (500 MiB of it used recently).",
                say("real-cost", "name", "froth.service", "current", 4616880128L, "realCost", 1193279488L,
                        "cache", 3423600640L, "hotCache", 500 * M));
        assertEquals("xray-capture is charged 362 MiB; its real cost is 161 MiB; the other 201 MiB is cache and "
                + "reclaimable kernel memory the kernel keeps because it can.",
                say("real-cost", "name", "xray-capture", "current", 362 * M, "realCost", 161 * M, "cache", 201 * M));
        assertEquals("nearly is charged 101 MiB and nearly all of it is real cost (101 MiB): memory it cannot give back "
                + "without swap or a kill.", say("nearly-all-real-cost", "name", "nearly", "current", 105906176L,
                "realCost", 105381888L));
        assertEquals("unknown is charged 200 MiB; its real cost cannot be computed here (memory.stat lacks anon or "
                + "shmem).", say("real-cost-unknown", "name", "unknown", "current", 200 * M));
    }

    @Test
    void pressure() {
        assertEquals("There is no memory pressure figure for it: cgroup v1 has no memory.pressure, and no cgroup2 group "
                + "of the same path exists.", say("no-pressure-figure", "version", "v1"));
        assertEquals("There is no memory pressure figure for it (no memory.pressure).",
                say("no-pressure-figure", "version", "v2"));
        assertEquals("2.7 GiB of cold cache, and memory pressure some avg10 0.00: the cache costs nobody anything right "
                + "now.", say("cache-not-needed", "coldCache", 2899312640L, "avg10", 0.0, "avg60", 0.0));
        assertEquals("Memory pressure some avg10 0.00: the cache costs nobody anything right now.",
                say("cache-not-needed", "coldCache", null, "avg10", 0.0, "avg60", 0.0));
        assertEquals("Light memory pressure (some avg10 0.31%, avg60 0.12%): tasks here wait on memory now and then.",
                say("light-pressure", "avg10", 0.31, "avg60", 0.12));
        assertEquals("Memory pressure some avg10 = 12.50%: tasks here stall on memory; the cache is being fought over.",
                say("cache-contended", "avg10", 12.5, "avg60", 8.02));
    }

    @Test
    void limits() {
        assertEquals("Real cost 93 MiB is 93% of memory.max 100 MiB: the kernel reclaims cache first, then OOM-kills here.",
                say("close-to-limit", "realCost", 97517568L, "limit", 100 * M, "percent", 93.0, "file", "memory.max"));
        assertEquals("Real cost 96 MiB is 96% of memory.high 100 MiB: the kernel throttles allocations above it.",
                say("close-to-limit", "realCost", 96 * M, "limit", 100 * M, "percent", 96.0, "file", "memory.high"));
        assertEquals("Charged 1.0 GiB, 98% of its memory.limit_in_bytes of 1.0 GiB; reclaim can give back 158 MiB of "
                + "cache before anything is killed, and real cost is 82% of it.",
                say("charge-close-to-limit", "current", 1048576000L, "limit", 1L << 30, "percent", 97.65625,
                        "file", "memory.limit_in_bytes", "reclaimable", 165675008L, "realCostPercent", 82.2265625));
        assertEquals("Charged 95 MiB, 95% of its memory.high of 100 MiB.", say("charge-close-to-limit",
                "current", 95 * M, "limit", 100 * M, "percent", 95.0, "file", "memory.high"));
    }

    @Test
    void theRest() {
        assertEquals("64 MiB is shared memory (tmpfs, /dev/shm, shared anonymous mappings): it cannot be reclaimed "
                + "without swap, so it counts in the real cost.", say("shmem-unreclaimable", "shmem", 64 * M));
        assertEquals("The kernel OOM-killed 1 process in this cgroup (memory.events oom_kill).",
                say("oom-killed", "oomKills", 1L, "file", "memory.events"));
        assertEquals("The kernel OOM-killed 2 processes in this cgroup (memory.oom_control oom_kill).",
                say("oom-killed", "oomKills", 2L, "file", "memory.oom_control"));
        assertEquals("12 MiB of its memory is in swap.", say("swapped", "swap", 12 * M));
        assertEquals("Kernel memory is estimated as usage − rss − cache (no memory.kmem.usage_in_bytes here).",
                say("kernel-approximate", "kernel", 4 * M));
        assertEquals("cgroup v1 does not split reclaimable slab from the rest, so all 12 MiB of kernel memory counts in "
                + "the real cost; some of it (dentries, inodes) could be reclaimed.", say("v1-slab-unsplit", "kernel", 12 * M));
        assertEquals("MGLRU is on: 'active' file pages are the youngest generations, so the hot/cold split is "
                + "approximate.", say("mglru"));
        assertThrows(IllegalArgumentException.class, () -> say("no-such-code"), "a code without a sentence is a bug");
    }

    @Test
    void whyTheHostHasNoPressure() {
        assertEquals("no /proc/pressure/memory: this kernel has no PSI (4.20+ with CONFIG_PSI)",
                MemSentences.pressureMissing(PressureMissing.of(PressureMissing.Reason.NO_FILE)));
        assertEquals("PSI is disabled on this kernel (booted with psi=0)",
                MemSentences.pressureMissing(PressureMissing.of(PressureMissing.Reason.DISABLED)));
        assertEquals("pressure unreadable: permission denied",
                MemSentences.pressureMissing(PressureMissing.of(PressureMissing.Reason.DENIED)));
        assertEquals("pressure unreadable: Input/output error", MemSentences.pressureMissing(
                new PressureMissing(PressureMissing.Reason.UNREADABLE, "Input/output error")));
        assertEquals("/proc/pressure/memory is malformed",
                MemSentences.pressureMissing(PressureMissing.of(PressureMissing.Reason.MALFORMED)));
        assertEquals("memory pressure (PSI) is Linux-only",
                MemSentences.pressureMissing(PressureMissing.of(PressureMissing.Reason.NOT_LINUX)));
    }
}
