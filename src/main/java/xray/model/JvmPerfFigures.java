package xray.model;

import java.util.List;

/**
 * What one JVM's hsperfdata counters say, without attaching: the heap, the collectors, threads
 * and classes. Null where the file lacks the counter. Computed only by
 * {@code xray.analysis.PerfFigures}.
 *
 * @param heapUsed      bytes in use in every heap space (updated only at GC by G1)
 * @param heapCommitted bytes the heap's generations have committed
 * @param heapMax       the largest the heap may grow
 * @param collectors    each collector's name, collections and time spent, as counted since start
 * @param threadsLive   live Java threads now
 * @param threadsDaemon live daemon threads now
 * @param classesLoaded classes loaded since start (shared ones included)
 * @param classesUnloaded classes unloaded since start (shared ones included)
 */
public record JvmPerfFigures(Long heapUsed, Long heapCommitted, Long heapMax, List<Collector> collectors,
                             Long threadsLive, Long threadsDaemon, Long classesLoaded, Long classesUnloaded) {

    /** sun.gc.collector.N: its name, invocations and time (seconds, from ticks), or null. */
    public record Collector(String name, Long collections, Double seconds) {
    }

    public JvmPerfFigures {
        collectors = List.copyOf(collectors);
    }
}
