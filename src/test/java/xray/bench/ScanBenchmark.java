package xray.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import xray.analysis.CgroupTree;
import xray.collect.MemCollector;
import xray.collect.Warnings;
import xray.kernel.KernelFs;
import xray.model.MemReport;

/**
 * The in-process cost of {@code xray mem}: reading a host and all its cgroups from a --root tree, and
 * the numbers of each
 * (bench/mem.sh generates the trees and passes their directory as {@code root}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {
    @Param("")
    public String root;

    @Benchmark
    public MemReport scan() {
        return CgroupTree.report(MemCollector.collect(KernelFs.at(Path.of(root)), new Warnings(), false));
    }
}
