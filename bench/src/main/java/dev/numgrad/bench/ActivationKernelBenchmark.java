package dev.numgrad.bench;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import java.util.Random;
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
 * The element-wise kernels and log-sum-exp, scalar against Panama in separate forks.
 *
 * <p>A transcendental function has no meaningful flop count, so {@link FlopCounter} counts
 * elements here: the {@code :flops} line reads in million elements per second (1000 / it =
 * nanoseconds per element). Inputs are uniform in [−8, 8), where tanh and sigmoid are not yet
 * saturated and softplus takes both of its regimes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ActivationKernelBenchmark {

    @Param({"scalar", "panama"})
    public String kernels;

    @Param({"1024", "1027", "65536"})
    public int size;

    private KernelSupport support;
    private double[] in;
    private double[] out;

    @Setup
    public void setUp() {
        support = Kernels.byName(kernels);
        in = new Random(size).doubles(size, -8, 8).toArray();
        out = new double[size];
        KernelSupport scalar = Kernels.scalar();
        double[] expected = new double[size];
        scalar.tanh(in, expected, 0, size);
        support.tanh(in, out, 0, size);
        BenchmarkChecks.checkElements("tanh", expected, out, 4);
        scalar.softplus(in, expected, 0, size);
        support.softplus(in, out, 0, size);
        BenchmarkChecks.checkElements("softplus", expected, out, 4);
        scalar.sigmoid(in, expected, 0, size);
        support.sigmoid(in, out, 0, size);
        BenchmarkChecks.checkElements("sigmoid", expected, out, 4);
        double lse = scalar.logSumExp(in, 0, size);
        if (!(Math.abs(lse - support.logSumExp(in, 0, size)) <= 1e-12 * Math.abs(lse))) {
            throw new IllegalStateException("logSumExp disagrees with the scalar reference");
        }
    }

    /** n elements. */
    @Benchmark
    public double[] tanh(FlopCounter counter) {
        counter.flops += size;
        support.tanh(in, out, 0, size);
        return out;
    }

    /** n elements. */
    @Benchmark
    public double[] softplus(FlopCounter counter) {
        counter.flops += size;
        support.softplus(in, out, 0, size);
        return out;
    }

    /** n elements. */
    @Benchmark
    public double[] sigmoid(FlopCounter counter) {
        counter.flops += size;
        support.sigmoid(in, out, 0, size);
        return out;
    }

    /** n elements. */
    @Benchmark
    public double[] relu(FlopCounter counter) {
        counter.flops += size;
        support.relu(in, out, 0, size);
        return out;
    }

    /** n elements (one exp each, plus a max pass). */
    @Benchmark
    public double logSumExp(FlopCounter counter) {
        counter.flops += size;
        return support.logSumExp(in, 0, size);
    }
}
