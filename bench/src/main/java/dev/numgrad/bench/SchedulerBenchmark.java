package dev.numgrad.bench;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One idea: what the fork/join scheduler buys on a black-box central-difference gradient.
 * The same Rosenbrock gradient (2n evaluations of an O(n) loss) runs in the caller's thread and
 * on pools of 1 and 2 workers; the 1-worker pool against serial measures the scheduler's own
 * overhead, 2 workers against 1 its scaling.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar SchedulerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SchedulerBenchmark {

    @Param({"1000", "10000"})
    public int n;

    private Loss loss;
    private double[] x;
    private ForkJoinPool onePool;
    private ForkJoinPool twoPool;
    private NumericGradient serial;
    private NumericGradient oneWorker;
    private NumericGradient twoWorkers;

    /** f(x) = Σ_{i<n−1} 100(x_{i+1} − x_i²)² + (1 − x_i)², as WORKLOADS.md's rosen. */
    static final class Rosenbrock implements Loss {

        private final int dimension;

        Rosenbrock(int dimension) {
            this.dimension = dimension;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public Evaluator newEvaluator() {
            return Rosenbrock::value;
        }

        static double value(double[] x) {
            double sum = 0;
            for (int i = 0; i < x.length - 1; i++) {
                double r = x[i + 1] - x[i] * x[i];
                double d = 1 - x[i];
                sum += 100 * r * r + d * d;
            }
            return sum;
        }

        @Override
        public String name() {
            return "rosen";
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        loss = new Rosenbrock(n);
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * Math.sin(0.37 * i + 0.1);
        }
        onePool = new ForkJoinPool(1);
        twoPool = new ForkJoinPool(2);
        NumericGradient central = NumericGradient.defaults();
        serial = central.withExecution(Execution.serial());
        oneWorker = central.withExecution(Execution.on(onePool));
        twoWorkers = central.withExecution(Execution.on(twoPool));
        // Check once, outside the measurement, that every variant computes the same gradient.
        double[] expected = serial.compute(loss, x).values();
        for (NumericGradient variant : new NumericGradient[] {oneWorker, twoWorkers}) {
            if (!java.util.Arrays.equals(expected, variant.compute(loss, x).values())) {
                throw new IllegalStateException("parallel gradient differs from serial for n = " + n);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        onePool.close();
        twoPool.close();
    }

    @Benchmark
    public GradientResult serial() {
        return serial.compute(loss, x);
    }

    @Benchmark
    public GradientResult forkJoinOneWorker() {
        return oneWorker.compute(loss, x);
    }

    @Benchmark
    public GradientResult forkJoinTwoWorkers() {
        return twoWorkers.compute(loss, x);
    }
}
