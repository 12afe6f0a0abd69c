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
 * The vector kernels (BLAS level 1): dot, sum of squares, axpy, scalar against Panama.
 *
 * <p>Flops per call (see {@link FlopCounter}): dot 2n, sumOfSquares 2n, axpy 2n. Each
 * {@code kernels} value runs in its own fork, so neither implementation's JIT profile sees
 * the other. Sizes: 1024 and 1027 (a 3-element scalar tail), 64 (call overhead), and
 * 1024 → 4096 → 65536 as the linear-scaling control (all in L2: 65536 doubles × 2 arrays is
 * 1 MiB); a kernel whose time per element changes with the size is limited by something other
 * than arithmetic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Level1KernelBenchmark {

    @Param({"scalar", "panama"})
    public String kernels;

    @Param({"64", "1024", "1027", "4096", "65536"})
    public int size;

    private KernelSupport support;
    private double[] a;
    private double[] b;
    private double[] y;
    private double alpha;

    @Setup
    public void setUp() {
        support = Kernels.byName(kernels);
        Random random = new Random(size);
        a = random.doubles(size, -1, 1).toArray();
        b = random.doubles(size, -1, 1).toArray();
        y = random.doubles(size, -1, 1).toArray();
        alpha = 1e-9; // y drifts by 1e-9·x per call: stays bounded over any run
        BenchmarkChecks.checkSum("dot", Kernels.scalar().dot(a, 0, b, 0, size), support.dot(a, 0, b, 0, size), a, b);
        BenchmarkChecks.checkSum("sumOfSquares", Kernels.scalar().sumOfSquares(a, 0, size),
                support.sumOfSquares(a, 0, size), a, a);
    }

    /** 2n flops. */
    @Benchmark
    public double dot(FlopCounter counter) {
        counter.flops += 2L * size;
        return support.dot(a, 0, b, 0, size);
    }

    /** 2n flops. */
    @Benchmark
    public double sumOfSquares(FlopCounter counter) {
        counter.flops += 2L * size;
        return support.sumOfSquares(a, 0, size);
    }

    /** 2n flops; also 3n memory accesses (two loads, one store), so it is bandwidth-bound first. */
    @Benchmark
    public double[] axpy(FlopCounter counter) {
        counter.flops += 2L * size;
        support.axpy(alpha, a, 0, y, 0, size);
        return y;
    }
}
