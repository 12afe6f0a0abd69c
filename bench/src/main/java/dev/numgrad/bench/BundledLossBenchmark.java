package dev.numgrad.bench;

import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
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
 * What one call of each view of a bundled loss costs, at the standard start point: a full value,
 * one delta (one coordinate, one step: half of a central-difference coordinate), and the exact
 * gradient. The ratio value / delta is the speed-up delta evaluation can give per coordinate.
 *
 * <p>Kernels are chosen per fork: add {@code -jvmArgsAppend -Dnumgrad.kernels=scalar} (or
 * {@code panama}) to compare providers in separate JVMs. {@link LossRooflineBenchmark} gives
 * {@code value} as a rate, with its flop and byte rates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class BundledLossBenchmark {

    /** A workload and its sizes, colon-separated ({@code -p} splits values on commas). */
    @Param({"sumsq:1000000", "rosen:100000", "linreg:256:1000", "logreg:256:1000"})
    public String workload;

    private double[] theta;
    private double[] gradient;
    private Evaluator evaluator;
    private DeltaEvaluator delta;
    private ExactGradient exact;
    private int dimension;
    private int coordinate;

    @Setup
    public void setUp() {
        int colon = workload.indexOf(':');
        BundledLoss loss = WorkloadSpec.parse(workload.substring(0, colon), workload.substring(colon + 1).replace(':', ',')).build();
        dimension = loss.dimension();
        theta = Workloads.start(dimension);
        gradient = new double[dimension];
        evaluator = loss.newEvaluator();
        delta = loss.newDeltaEvaluator();
        exact = loss.newExactGradient();
        double value = delta.prepare(theta);
        if (Math.abs(value - evaluator.value(theta)) > 1e-12 * Math.abs(value)) {
            throw new IllegalStateException(workload + ": delta evaluator's f(x) differs from the value");
        }
    }

    @Benchmark
    public double value() {
        return evaluator.value(theta);
    }

    /** One delta; the coordinate walks through all of them so no single column stays in L1. */
    @Benchmark
    public double delta() {
        int i = coordinate;
        coordinate = i + 1 == dimension ? 0 : i + 1;
        return delta.delta(i, 1e-6);
    }

    @Benchmark
    public double exactGradient() {
        exact.valueAndGradient(theta, gradient);
        return gradient[coordinate];
    }
}
