package dev.numgrad.bench;

import dev.numgrad.check.CheckMode;
import dev.numgrad.check.CheckReport;
import dev.numgrad.check.GradientCheck;
import dev.numgrad.check.Outcome;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.MlpWorkload;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole gradient check of the standard {@code mlp(d, h, k, b)} workload's backprop at its start
 * point, on the common pool: the full check (every coordinate, central differences through delta
 * evaluation, plus backprop twice and the purity evaluations) and the directional check (four
 * random directions, two loss evaluations each). The targets: full mlp(784,128,10,32) ≤ 0.2 s;
 * directional and full mlp(784,1270,10,32) ≤ 1 s each, on two cores.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar GradientCheckBenchmark -f 1
 * java -jar bench/target/benchmarks.jar GradientCheckBenchmark -p size=784x1270x10x32 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GradientCheckBenchmark {

    /** d x h x k x b of WORKLOADS.md ("x", not ",", because JMH splits -p values at commas). */
    @Param({"784x128x10x32", "784x1270x10x32"})
    public String size;

    private Mlp mlp;
    private double[] x;
    private GradientCheck full;
    private GradientCheck directional;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = size.split("x");
        MlpWorkload workload = new MlpWorkload(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
        mlp = workload.loss();
        x = workload.startPoint();
        full = GradientCheck.defaults();
        directional = GradientCheck.defaults().withMode(CheckMode.DIRECTIONAL);
        // correctness once, outside the measurement: the bundled backprop passes both checks
        for (GradientCheck check : new GradientCheck[] {full, directional}) {
            CheckReport report = check.check(mlp, x);
            if (report.outcome() != Outcome.PASSED) {
                throw new IllegalStateException(workload + ": " + report);
            }
        }
    }

    /** Every coordinate, through delta evaluation. */
    @Benchmark
    public CheckReport fullCheck() {
        return full.check(mlp, x);
    }

    /** Four random directions; no coordinate is differenced when they pass. */
    @Benchmark
    public CheckReport directionalCheck() {
        return directional.check(mlp, x);
    }
}
