package xray.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xray.jvm.VmInfo;
import xray.model.ClassHierarchySample;
import xray.model.HistogramSample;
import xray.model.JvmSample;
import xray.model.Mapping;
import xray.model.NmtSample;
import xray.model.PerfSample;
import xray.model.ProcStatus;
import xray.model.ThreadCpuSample;
import xray.model.ThreadDumpSample;
import xray.model.VmInfoSample;

/** A {@link JvmSample} for the analysis tests, with what a test does not set left absent. */
final class JvmSampleBuilder {
    static final long MIB = 1 << 20;

    ProcStatus status = status(40 * MIB, 20 * MIB);
    Integer tasks;
    JvmSample.Flags flags = new JvmSample.Flags(null, null, "off", null);
    PerfSample perfBefore;
    PerfSample perfAfter;
    VmInfoSample vmInfo = VmInfo.parse("");
    NmtSample nmt;
    JvmSample.Residency residency = new JvmSample.Residency(List.of(), Map.of(), JvmSample.Skipped.UNREADABLE,
            64L << 30, 0);
    JvmSample.Jmx jmx = new JvmSample.Jmx(null, JvmSample.JmxReason.NO_CONNECTOR, null, null);
    JvmSample.Threads threads = new JvmSample.Threads(null, null, new ThreadCpuSample(0, Map.of()), null, Map.of(),
            Set.of(), true);
    List<HistogramSample> histograms = new ArrayList<>();
    boolean live;
    double interval = 1.0;
    ClassHierarchySample hierarchy;
    boolean startedListener = true;

    static ProcStatus status(long rssAnon, long rssFile) {
        return new ProcStatus(1, "java", List.of(0, 0, 0, 0), List.of(1), rssAnon + rssFile, rssAnon, rssFile, 0L,
                0L, 0L, 0x4L, 20, 1, "S");
    }

    JvmSampleBuilder mappings(List<Mapping> maps, Map<Integer, Long> stackPointers) {
        residency = new JvmSample.Residency(maps, stackPointers, null, 64L << 30, 1);
        return this;
    }

    JvmSampleBuilder dumps(ThreadDumpSample first, ThreadDumpSample last, ThreadCpuSample cpu0, ThreadCpuSample cpu1,
                           Map<Integer, String> comms, Set<Integer> own) {
        threads = new JvmSample.Threads(first, last, cpu0, cpu1, comms, own, true);
        return this;
    }

    static PerfSample perf(long live, long daemon, long peak) {
        return new PerfSample("OpenJDK 64-Bit Server VM", "17.0.15", "Debian", 0L, live, daemon, peak, 900L, 2L,
                10L, 4L, 256 * MIB, List.of());
    }

    JvmSample build() {
        return new JvmSample(1, 1, status, "com.example.Main", "root", 0, tasks, flags, perfBefore, perfAfter, vmInfo,
                nmt, residency, jmx, threads, new JvmSample.Histograms(histograms, live, interval, hierarchy, null),
                new JvmSample.Channel(startedListener, List.of(), null));
    }
}
