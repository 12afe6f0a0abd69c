package dev.numgrad.bench;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import java.util.Arrays;
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
 * Matrix-vector products (BLAS level 2), scalar against Panama in separate forks: y = A·x and
 * y = Aᵀ·x for a row-major {@code rows × size} matrix.
 *
 * <p>Flops per call (see {@link FlopCounter}): 2·rows·size for both. rows = 128 is the MLP
 * hidden layer; size 784 is its input width (the {@code mlp(784,128,10,32)} first layer),
 * 1024/1027 test the tail, and 8192 (a 8 MiB matrix, beyond L2) shows where the kernel turns
 * memory-bound: 128 × 1024 is 1 MiB and stays in L2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemvKernelBenchmark {

    @Param({"scalar", "panama"})
    public String kernels;

    @Param({"128"})
    public int rows;

    @Param({"784", "1024", "1027", "8192"})
    public int size;

    private KernelSupport support;
    private double[] matrix;
    private double[] x;
    private double[] xTransposed;
    private double[] y;
    private double[] yTransposed;

    @Setup
    public void setUp() {
        support = Kernels.byName(kernels);
        Random random = new Random(rows * 31L + size);
        matrix = random.doubles((long) rows * size, -1, 1).toArray();
        x = random.doubles(size, -1, 1).toArray();
        xTransposed = random.doubles(rows, -1, 1).toArray();
        y = new double[rows];
        yTransposed = new double[size];

        double[] expected = new double[rows];
        Kernels.scalar().gemv(matrix, 0, rows, size, x, 0, expected, 0);
        support.gemv(matrix, 0, rows, size, x, 0, y, 0);
        for (int r = 0; r < rows; r++) {
            double[] row = Arrays.copyOfRange(matrix, r * size, (r + 1) * size);
            BenchmarkChecks.checkSum("gemv row " + r, expected[r], y[r], row, x);
        }
        double[] expectedTransposed = new double[size];
        Kernels.scalar().gemvTransposed(matrix, 0, rows, size, xTransposed, 0, expectedTransposed, 0);
        support.gemvTransposed(matrix, 0, rows, size, xTransposed, 0, yTransposed, 0);
        BenchmarkChecks.checkElements("gemvTransposed", expectedTransposed, yTransposed, 0);
    }

    /** 2·rows·size flops. */
    @Benchmark
    public double[] gemv(FlopCounter counter) {
        counter.flops += 2L * rows * size;
        support.gemv(matrix, 0, rows, size, x, 0, y, 0);
        return y;
    }

    /** 2·rows·size flops. */
    @Benchmark
    public double[] gemvTransposed(FlopCounter counter) {
        counter.flops += 2L * rows * size;
        support.gemvTransposed(matrix, 0, rows, size, xTransposed, 0, yTransposed, 0);
        return yTransposed;
    }
}
