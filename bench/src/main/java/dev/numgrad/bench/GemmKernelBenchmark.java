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
 * A dense layer over a mini-batch (BLAS level 3), scalar against Panama in separate forks, in
 * the two shapes an MLP runs: the forward pass Z += W·X ({@code rows × size} weights times
 * {@code size × samples} inputs, [unit][sample]) and the weight gradient ∂W += G·Xᵀ
 * ({@code rows × samples} times {@code samples × size}); and, as the control the forward pass
 * replaces, {@code samples} separate {@code gemv} calls.
 *
 * <p>Flops per call (see {@link FlopCounter}): 2·rows·size·samples for all three; the
 * {@code :flops} line reads in MFLOP/s. 128 × 784 × 32 is the first layer of
 * {@code mlp(784,128,10,32)}; 1027 leaves a tail in every lane count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmKernelBenchmark {

    @Param({"scalar", "panama"})
    public String kernels;

    @Param({"128"})
    public int rows;

    @Param({"784", "1027"})
    public int size;

    @Param({"32"})
    public int samples;

    private KernelSupport support;
    private double[] weights;
    /** size × samples: the forward pass's right factor. */
    private double[] inputColumns;
    /** samples × size: the weight gradient's right factor. */
    private double[] inputRows;
    private double[] gradients;
    private double[] z;
    private double[] weightGradient;
    private double[] perSample;

    @Setup
    public void setUp() {
        support = Kernels.byName(kernels);
        Random random = new Random(rows * 31L + size * 7L + samples);
        weights = random.doubles((long) rows * size, -1, 1).toArray();
        inputRows = random.doubles((long) samples * size, -1, 1).toArray();
        inputColumns = new double[size * samples];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < size; c++) {
                inputColumns[c * samples + s] = inputRows[s * size + c];
            }
        }
        gradients = random.doubles((long) rows * samples, -1, 1).toArray();
        z = new double[rows * samples];
        weightGradient = new double[rows * size];
        perSample = new double[samples * rows];

        // gemm is specified to give the scalar reference's bits
        double[] expected = new double[rows * samples];
        Kernels.scalar().gemm(weights, 0, rows, size, inputColumns, 0, samples, expected, 0);
        support.gemm(weights, 0, rows, size, inputColumns, 0, samples, z, 0);
        BenchmarkChecks.checkElements("gemm forward", expected, z, 0);
        double[] expectedGradient = new double[rows * size];
        Kernels.scalar().gemm(gradients, 0, rows, samples, inputRows, 0, size, expectedGradient, 0);
        support.gemm(gradients, 0, rows, samples, inputRows, 0, size, weightGradient, 0);
        BenchmarkChecks.checkElements("gemm weight gradient", expectedGradient, weightGradient, 0);
    }

    /**
     * Z += W·X, 2·rows·size·samples flops. Z grows by a bounded amount per call; finite fmas run at
     * the same speed whatever its values.
     */
    @Benchmark
    public double[] gemmForward(FlopCounter counter) {
        counter.flops += 2L * rows * size * samples;
        support.gemm(weights, 0, rows, size, inputColumns, 0, samples, z, 0);
        return z;
    }

    /** ∂W += G·Xᵀ, 2·rows·size·samples flops. */
    @Benchmark
    public double[] gemmWeightGradient(FlopCounter counter) {
        counter.flops += 2L * rows * size * samples;
        support.gemm(gradients, 0, rows, samples, inputRows, 0, size, weightGradient, 0);
        return weightGradient;
    }

    /** 2·rows·size·samples flops: the per-sample loop that gemmForward replaces. */
    @Benchmark
    public double[] gemvPerSample(FlopCounter counter) {
        counter.flops += 2L * rows * size * samples;
        for (int s = 0; s < samples; s++) {
            support.gemv(weights, 0, rows, size, inputRows, s * size, perSample, s * rows);
        }
        return perSample;
    }
}
