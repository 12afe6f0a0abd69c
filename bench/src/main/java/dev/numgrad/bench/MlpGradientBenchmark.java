package dev.numgrad.bench;

import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
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
 * The three ways to get an {@code mlp(d, h, k, b)} gradient, single thread: one loss evaluation
 * (the unit of a black-box numeric gradient, which costs 2P of them), one backprop gradient,
 * and a full delta central-difference sweep over all P coordinates. Divide {@code deltaGradient}
 * by P for the cost per coordinate. The kernels are those of {@code -Dnumgrad.kernels}
 * (pass it with {@code -jvmArgsAppend}).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MlpGradientBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * java -jar bench/target/benchmarks.jar MlpGradientBenchmark.deltaGradient -p size=784x1270x10x32 -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MlpGradientBenchmark {

    /**
     * d x h x k x b of WORKLOADS.md ("x", not ",", because JMH splits -p values at commas). The
     * million-parameter size is opt-in: {@code -p size=784x1270x10x32}.
     */
    @Param({"64x64x10x32", "784x128x10x32"})
    public String size;

    /** The central-difference step for the delta sweep. */
    private static final double STEP = 1e-5;

    private double[] x;
    private double[] gradient;
    private Evaluator evaluator;
    private ExactGradient backprop;
    private DeltaEvaluator delta;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = size.split("x");
        MlpWorkload workload = new MlpWorkload(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
        Mlp mlp = workload.loss();
        x = workload.startPoint();
        gradient = new double[x.length];
        evaluator = mlp.newEvaluator();
        backprop = mlp.newExactGradient();
        delta = mlp.newDeltaEvaluator();
        // correctness once, outside the measurement: the delta sweep must match backprop
        double[] exact = new double[x.length];
        backprop.valueAndGradient(x, exact);
        deltaGradient();
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs(gradient[i] - exact[i]));
            scale = Math.max(scale, Math.abs(exact[i]));
        }
        if (!(diff <= 1e-6 * scale)) {
            throw new IllegalStateException(workload + ": delta gradient err_inf " + diff / scale + " > 1e-6");
        }
    }

    @Benchmark
    public double lossValue() {
        return evaluator.value(x);
    }

    @Benchmark
    public double[] backpropGradient() {
        backprop.valueAndGradient(x, gradient);
        return gradient;
    }

    /** prepare(x) once, then (delta(i, +h) − delta(i, −h)) / 2h for every coordinate. */
    @Benchmark
    public double[] deltaGradient() {
        delta.prepare(x);
        double twoStep = 2 * STEP;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (delta.delta(i, STEP) - delta.delta(i, -STEP)) / twoStep;
        }
        return gradient;
    }
}
