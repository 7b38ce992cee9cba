package xray.model;

import java.util.List;

/**
 * The hsperfdata counters {@code xray jvm} uses, read at one moment (null where the file lacks one).
 *
 * @param threadsLive     {@code java.threads.live}: the Java threads the JDK counts (as
 *                        Thread.getAllStackTraces sees them; compiler and service threads hidden)
 * @param threadsLivePeak {@code java.threads.livePeak}
 * @param classesLoaded   {@code java.cls.loadedClasses} + {@code sharedLoadedClasses}, as jstat -class adds them
 * @param classesUnloaded {@code java.cls.unloadedClasses} + {@code sharedUnloadedClasses}
 * @param safepointMillis {@code sun.rt.safepointTime}, in milliseconds since the JVM started
 * @param collectors      {@code sun.gc.collector.N.{name,invocations,time}}
 */
public record PerfSample(String vmName, String vmVersion, String vmVendor, Long startMillis, Long threadsLive,
                         Long threadsDaemon, Long threadsLivePeak, Long classesLoaded, Long classesUnloaded,
                         Long safepointMillis, Long safepoints, Long heapMax, List<JvmReport.Collector> collectors) {
    public PerfSample {
        collectors = List.copyOf(collectors);
    }
}
