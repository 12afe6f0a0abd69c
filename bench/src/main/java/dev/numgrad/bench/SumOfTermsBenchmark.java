package dev.numgrad.bench;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.terms.SumOfTerms;
import dev.numgrad.model.ResidualChain;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One idea: what {@link SumOfTerms}' derived delta evaluation buys on a sparse problem too large
 * for black-box differencing. The loss is {@link ResidualChain}, n − 1 coupled residuals plus a
 * ridge, so every coordinate is read by at most three terms.
 *
 * <p>{@code deltaFullGradient}: the whole central-difference gradient, 2n delta probes of about
 * three terms each. {@code blackBoxSample}: the black-box central difference of {@value #SAMPLE}
 * evenly spaced coordinates only (2·{@value #SAMPLE} evaluations of all 2n − 1 terms); the full
 * black-box gradient is that time · n / {@value #SAMPLE}, an extrapolation (every coordinate
 * costs the same two full evaluations), reported as such in docs/library-guide.md.
 *
 * <p>Correctness is checked once in setup: the delta gradient against the analytic one,
 * err_inf ≤ 1e-8.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar SumOfTermsBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class SumOfTermsBenchmark {

    /** Black-box coordinates measured; the full gradient is extrapolated from them. */
    static final int SAMPLE = 16;

    @Param({"1000000"})
    int n;

    /** 0: the caller's thread; otherwise a fork/join pool of this many workers. */
    @Param({"0", "2"})
    int threads;

    private SumOfTerms chain;
    private double[] x;
    private int[] sample;
    private NumericGradient delta;
    private NumericGradient blackBox;
    private ForkJoinPool pool;

    @Setup(Level.Trial)
    public void setUp() {
        chain = ResidualChain.of(n);
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.5 * Math.sin(0.37 * i + 0.1);
        }
        sample = new int[SAMPLE];
        for (int k = 0; k < SAMPLE; k++) {
            sample[k] = (int) ((long) k * (n - 1) / (SAMPLE - 1));
        }
        Execution execution = threads == 0 ? Execution.serial() : Execution.on(pool = new ForkJoinPool(threads));
        delta = NumericGradient.defaults().withMode(Mode.DELTA).withExecution(execution);
        blackBox = NumericGradient.defaults().withExecution(execution);
        check();
    }

    private void check() {
        double error = GradientError.relativeInf(delta.compute(chain, x).values(), ResidualChain.gradient(x));
        if (!(error <= 1e-8)) {
            throw new IllegalStateException("delta gradient err_inf " + error + " > 1e-8");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    @Benchmark
    public GradientResult deltaFullGradient() {
        return delta.compute(chain, x);
    }

    @Benchmark
    public GradientResult blackBoxSample() {
        return blackBox.computeCoordinates(chain, x, sample);
    }
}
