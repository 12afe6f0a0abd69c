package dev.numgrad.bench;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.terms.SumOfTerms;
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
 * for black-box differencing. The loss is a chain of n − 1 coupled residuals plus a ridge,
 * f(x) = Σ_k (x[k+1] − x[k]²)² + 0.01·Σ_k x[k]², so every coordinate is read by at most three
 * terms.
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
        chain = SumOfTerms.builder("chain", n)
                .terms("link", n - 1, 2, (k, s) -> {
                    s[0] = k;
                    s[1] = k + 1;
                }, (k, v) -> {
                    double r = v[1] - v[0] * v[0];
                    return r * r;
                })
                .terms("ridge", n, 1, (k, s) -> s[0] = k, (k, v) -> 0.01 * v[0] * v[0])
                .build();
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
        double[] g = delta.compute(chain, x).values();
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double exact = 0.02 * x[i];
            if (i + 1 < n) {
                exact += -4 * x[i] * (x[i + 1] - x[i] * x[i]);
            }
            if (i > 0) {
                exact += 2 * (x[i] - x[i - 1] * x[i - 1]);
            }
            worst = Math.max(worst, Math.abs(g[i] - exact));
            scale = Math.max(scale, Math.abs(exact));
        }
        if (!(worst / scale <= 1e-8)) {
            throw new IllegalStateException("delta gradient err_inf " + worst / scale + " > 1e-8");
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
