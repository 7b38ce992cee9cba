package xray.analysis;

import java.util.ArrayList;
import java.util.List;
import xray.jvm.PerfData;
import xray.model.JvmPerfFigures;

/** A JVM's figures from its hsperfdata counters alone (what jstat reads), each formula here. */
public final class PerfFigures {
    private PerfFigures() {
    }

    public static JvmPerfFigures of(PerfData perf) {
        Long used = null;
        Long committed = null;
        for (int g = 0; g < 4; g++) {
            // heapCommitted = Σ sun.gc.generation.G.capacity (a file any user writes: never wraps, see Sum)
            committed = Sum.ofPresent(committed, perf.number("sun.gc.generation." + g + ".capacity"));
            // heapUsed = Σ sun.gc.generation.G.space.S.used
            for (int s = 0; s < 8; s++) {
                used = Sum.ofPresent(used, perf.number("sun.gc.generation." + g + ".space." + s + ".used"));
            }
        }
        List<JvmPerfFigures.Collector> collectors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = perf.string("sun.gc.collector." + i + ".name");
            Long count = perf.number("sun.gc.collector." + i + ".invocations");
            if (name == null || count == null) {
                continue;
            }
            // seconds = sun.gc.collector.N.time / sun.os.hrt.frequency
            Long millis = perf.ticksToMillis(perf.number("sun.gc.collector." + i + ".time"));
            collectors.add(new JvmPerfFigures.Collector(name, count, millis == null ? null : millis / 1000.0));
        }
        // loaded = java.cls.loadedClasses + java.cls.sharedLoadedClasses (as jstat -class adds them); unloaded alike
        Long loaded = Sum.ofPresent(perf.number("java.cls.loadedClasses"), perf.number("java.cls.sharedLoadedClasses"));
        Long unloaded = Sum.ofPresent(perf.number("java.cls.unloadedClasses"),
                perf.number("java.cls.sharedUnloadedClasses"));
        // G1 adds a few bytes of bookkeeping to each generation's capacity; the heap is page-aligned.
        return new JvmPerfFigures(used, committed == null ? null : committed & ~4095L, perf.heapMax(),
                collectors, perf.number("java.threads.live"), perf.number("java.threads.daemon"), loaded, unloaded);
    }
}
