package dev.numgrad.bench;

import dev.numgrad.loss.Evaluator;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The roofline of one value evaluation of each bundled loss: {@link BundledLossBenchmark#value()}
 * as a rate, with the evaluation's flops and bytes of data ({@link EvaluationCost}) counted
 * beside it. The score is evaluations per µs (small numbers: {@code BundledLossBenchmark.value}
 * gives the same as ns per evaluation); the {@code :flops} line reads in MFLOP/s and the
 * {@code :bytes} line in MB/s (divide by 1000 for GFLOP/s and GB/s), the units of
 * {@link FmaPeakBenchmark} and {@link MemoryBandwidthBenchmark}, so the figures compare directly. (A sibling class rather than
 * counters on {@code BundledLossBenchmark}: JMH reports counters as rates only in throughput
 * mode, and that benchmark's ns/op figures are quoted as they are.)
 *
 * <p>Which bound applies: a loss near the fma peak in MFLOP/s is compute-bound; one near the
 * {@code read} bandwidth of the level its data fits in (e.g. linreg(256,1000)'s 2 MB of X: L3 on
 * one core of the development machine) is bandwidth-bound; one far from both is bound by
 * something else (latency, the transcendentals counted as one flop, call overhead at small sizes).
 *
 * <p>Like the engine's workers, threads share one loss and each has its own evaluator, so
 * {@code -t 2} puts both cores on the same data.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class LossRooflineBenchmark {

    /** The loss and its cost, built once and shared by every thread, as the engine shares a loss. */
    @State(Scope.Benchmark)
    public static class SharedLoss {

        /** A workload and its sizes, colon-separated ({@code -p} splits values on commas). */
        @Param({"sumsq:1000000", "rosen:10000", "rosen:100000", "linreg:256:1000", "linreg:256:4000",
                "logreg:256:1000", "logreg:256:4000", "mlp:64:64:10:32", "mlp:784:128:10:32"})
        public String workload;

        BundledLoss loss;
        EvaluationCost cost;

        @Setup
        public void setUp() {
            int colon = workload.indexOf(':');
            WorkloadSpec spec = WorkloadSpec.parse(workload.substring(0, colon), workload.substring(colon + 1).replace(':', ','));
            loss = spec.build();
            cost = EvaluationCost.of(spec);
        }
    }

    private double[] theta;
    private Evaluator evaluator;
    private long flops;
    private long bytes;

    @Setup
    public void setUp(SharedLoss shared) {
        theta = Workloads.start(shared.loss.dimension());
        evaluator = shared.loss.newEvaluator();
        flops = shared.cost.flops();
        bytes = shared.cost.bytes();
        double value = evaluator.value(theta);
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(shared.workload + ": value at the start point is " + value);
        }
    }

    @Benchmark
    public double value(FlopCounter flopCounter, ByteCounter byteCounter) {
        flopCounter.flops += flops;
        byteCounter.bytes += bytes;
        return evaluator.value(theta);
    }
}
