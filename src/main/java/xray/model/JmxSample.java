package xray.model;

import java.util.List;
import xray.model.JvmReport.Buffers;
import xray.model.JvmReport.Collector;
import xray.model.JvmReport.Pool;

/** What a JVM's platform MBeans said over JMX, read in one go; null where an MBean gave nothing. */
public record JmxSample(Pool heap, List<Pool> heapPools, List<Pool> nonHeapPools, Buffers direct, Buffers mapped,
                        Integer peakThreads, List<Collector> collectors, Long classesLoaded, Long classesUnloaded,
                        String vmName, String vmVendor, String vmVersion, Long uptimeMillis) {
    public JmxSample {
        heapPools = List.copyOf(heapPools);
        nonHeapPools = List.copyOf(nonHeapPools);
        collectors = List.copyOf(collectors);
    }
}
