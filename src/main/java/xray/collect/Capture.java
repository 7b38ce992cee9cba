package xray.collect;

import java.nio.file.Path;
import xray.kernel.KernelFs;
import xray.kernel.ReadLog;
import xray.model.HostIdentity;
import xray.model.MemSample;
import xray.model.PsSample;

/**
 * What {@code xray capture} records: the readers of {@code xray mem} and {@code xray ps} run over
 * the live host as they would run over a snapshot (a {@code --root} of "/": the same files, the
 * same checks), through a KernelFs that records every read. So a bundle holds exactly the files
 * {@code --root} reads, whatever the readers come to read as they change.
 *
 * <p>What runs: {@code xray mem} with a drill-down's detail (memory.low, memory.min),
 * {@code xray ps} with kernel threads (status, cgroup and cmdline of every process) and, with
 * {@code pss}, every process's smaps_rollup (as {@code xray ps --pss}, up to the same RSS limit).
 *
 * @param log every read
 * @param mem what xray mem read
 * @param ps  what xray ps read
 */
public record Capture(ReadLog log, MemSample mem, PsSample ps) {
    /**
     * @param pssMaxRss with {@code pss}, processes with more RSS are not walked (xray ps
     *                  --pss-max-rss's default)
     */
    public static Capture record(Path root, boolean pss, long pssMaxRss, Warnings warnings) {
        ReadLog log = new ReadLog(root);
        KernelFs fs = KernelFs.at(root).recording(log);
        MemSample mem = MemCollector.collect(fs, warnings, true);
        PsSample ps = PsCollector.collect(fs, mem.layout(), new PsSample.Options(pss, pssMaxRss, true, null, null),
                warnings);
        return new Capture(log, mem, ps);
    }

    public HostIdentity identity() {
        return mem.host().identity();
    }
}
