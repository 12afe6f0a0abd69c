package dev.numgrad.bench;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One idea: what a full gradient costs in each mode, through the public entry point. The same
 * standard workload at its start point gets a central-difference gradient through
 * {@link NumericGradient} in black-box mode (2P full loss evaluations) and in delta mode (2P
 * changed-terms-only evaluations), and the exact gradient (one backprop), which is what both are
 * judged against.
 *
 * <p>{@code threads}: 0 runs the coordinates in the caller's thread ({@link Execution#serial()}),
 * 1 and 2 on a {@link ForkJoinPool} of that many workers created for the trial, so 1 against 0
 * is the scheduler's own overhead and 2 against 1 its scaling. Backprop is single-threaded and
 * takes no {@code threads}.
 *
 * <p>Black-box is measured only where one gradient takes seconds, not minutes: for
 * {@code mlp(784,128,10,32)} it is 203,540 full forward passes over the batch, several minutes
 * on this machine, so that workload is left out of {@link Affordable}; {@code numgrad gradient
 * --mode blackbox} measures it, or extrapolates it from a fraction of the coordinates.
 *
 * <p>Correctness is checked once per trial in setup, never in the measured method: each mode's
 * serial gradient against the exact one, err_inf ≤ 1e-7 (the tests' bound for central
 * differences). Workloads are written {@code name:sizes} with {@code x} between the sizes,
 * because JMH splits {@code -p} values at commas.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar GradientModeBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * java -jar bench/target/benchmarks.jar 'GradientModeBenchmark.delta' -p workload=mlp:784x1270x10x32 -p threads=2
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GradientModeBenchmark {

    private static final double ERR_INF_BOUND = 1e-7;

    /** A built workload at its start point, with its exact gradient and an output array. */
    abstract static class BuiltWorkload {

        BundledLoss loss;
        double[] x;
        double[] exact;
        double[] gradient;
        ExactGradient backprop;

        void build(String workload) {
            String[] parts = workload.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("workload '" + workload + "' is not name:sizes, e.g. mlp:64x64x10x32");
            }
            loss = WorkloadSpec.parse(parts[0], parts[1].replace('x', ',')).build();
            x = Workloads.start(loss.dimension());
            exact = new double[x.length];
            gradient = new double[x.length];
            backprop = loss.newExactGradient();
            backprop.valueAndGradient(x, exact);
        }

        /** The gradient in this mode, serial, must be within {@link #ERR_INF_BOUND} of the exact one. */
        void check(dev.numgrad.gradient.Mode mode) {
            NumericGradient numeric = NumericGradient.defaults().withMode(mode).withExecution(Execution.serial());
            double error = GradientError.relativeInf(numeric.compute(loss, x, gradient).values(), exact);
            if (!(error <= ERR_INF_BOUND)) {
                throw new IllegalStateException(loss.name() + " " + mode.id() + ": err_inf " + error + " > " + ERR_INF_BOUND);
            }
        }
    }

    /** Workloads where one black-box gradient takes seconds at most. */
    @State(Scope.Benchmark)
    public static class Affordable extends BuiltWorkload {

        @Param({"rosen:10000", "linreg:256x1000", "logreg:256x1000", "mlp:64x64x10x32"})
        public String workload;

        @Setup(Level.Trial)
        public void setUp() {
            build(workload);
            check(dev.numgrad.gradient.Mode.BLACK_BOX);
        }
    }

    /** Every workload of this benchmark, for delta and backprop. */
    @State(Scope.Benchmark)
    public static class All extends BuiltWorkload {

        @Param({"linreg:256x1000", "logreg:256x1000", "mlp:64x64x10x32", "mlp:784x128x10x32"})
        public String workload;

        @Setup(Level.Trial)
        public void setUp() {
            build(workload);
            check(dev.numgrad.gradient.Mode.DELTA);
        }
    }

    /**
     * Where the coordinates run: 0 = the caller's thread (serial path), else that many computing
     * threads, the caller and threads − 1 workers of a pool of parallelism {@code threads} (so 1
     * is the serial path too).
     */
    @State(Scope.Benchmark)
    public static class Workers {

        @Param({"0", "1", "2"})
        public int threads;

        ForkJoinPool pool;
        NumericGradient blackBox;
        NumericGradient delta;

        @Setup(Level.Trial)
        public void setUp() {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be 0 (serial) or a thread count, got " + threads);
            }
            Execution execution = Execution.serial();
            if (threads > 0) {
                pool = new ForkJoinPool(threads);
                execution = Execution.on(pool);
            }
            blackBox = NumericGradient.defaults().withExecution(execution);
            delta = blackBox.withMode(dev.numgrad.gradient.Mode.DELTA);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    @Benchmark
    public double[] blackBox(Affordable w, Workers t) {
        return t.blackBox.compute(w.loss, w.x, w.gradient).values();
    }

    @Benchmark
    public double[] delta(All w, Workers t) {
        return t.delta.compute(w.loss, w.x, w.gradient).values();
    }

    @Benchmark
    public double[] backprop(All w) {
        w.backprop.valueAndGradient(w.x, w.gradient);
        return w.gradient;
    }
}
