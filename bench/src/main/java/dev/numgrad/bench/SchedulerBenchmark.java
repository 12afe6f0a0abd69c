package dev.numgrad.bench;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Loss;
import dev.numgrad.workload.Workloads;
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
 * One idea: what the coordinate scheduler buys on a black-box central-difference gradient.
 * The same Rosenbrock gradient (2n evaluations of an O(n) loss) runs in the caller's thread
 * alone and on two threads (the caller and one helper of a pool of parallelism 2); two against
 * serial is the scheduler's scaling, its claims and end-of-run wait included. (A pool of
 * parallelism 1 has no helper: it is the serial path.)
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
    private ForkJoinPool twoPool;
    private NumericGradient serial;
    private NumericGradient twoThreads;

    @Setup(Level.Trial)
    public void setUp() {
        loss = Workloads.rosen(n);
        x = Workloads.start(n);
        twoPool = new ForkJoinPool(2);
        NumericGradient central = NumericGradient.defaults();
        serial = central.withExecution(Execution.serial());
        twoThreads = central.withExecution(Execution.on(twoPool));
        // Check once, outside the measurement, that every variant computes the same gradient.
        double[] expected = serial.compute(loss, x).values();
        if (!java.util.Arrays.equals(expected, twoThreads.compute(loss, x).values())) {
            throw new IllegalStateException("parallel gradient differs from serial for n = " + n);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        twoPool.close();
    }

    @Benchmark
    public GradientResult serial() {
        return serial.compute(loss, x);
    }

    @Benchmark
    public GradientResult twoThreads() {
        return twoThreads.compute(loss, x);
    }
}
