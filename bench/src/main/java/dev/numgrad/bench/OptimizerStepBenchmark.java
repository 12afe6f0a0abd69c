package dev.numgrad.bench;

import dev.numgrad.optim.AdaGrad;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.AdamW;
import dev.numgrad.optim.Momentum;
import dev.numgrad.optim.Nesterov;
import dev.numgrad.optim.Optimizer;
import dev.numgrad.optim.OptimizerState;
import dev.numgrad.optim.RmsProp;
import dev.numgrad.optim.Sgd;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One idea: what one optimizer step costs, to set beside the gradient that feeds it. A step is
 * a few streaming passes over n doubles; a numeric gradient is at least n loss evaluations, so
 * the step should be noise in a descent loop at any size. 1 000 003 is not a multiple of any
 * lane count.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar OptimizerStepBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class OptimizerStepBenchmark {

    @Param({"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
    public String optimizer;

    @Param({"1000", "1000003"})
    public int n;

    private OptimizerState state;
    private double[] x;
    private double[] gradient;

    @Setup
    public void setUp() {
        Optimizer chosen = switch (optimizer) {
            case "sgd" -> new Sgd(1e-6);
            case "momentum" -> new Momentum(1e-6);
            case "nesterov" -> new Nesterov(1e-6);
            case "adagrad" -> new AdaGrad(1e-6);
            case "rmsprop" -> new RmsProp(1e-6);
            case "adam" -> new Adam(1e-6);
            case "adamw" -> new AdamW(1e-6, 1e-6);
            default -> throw new IllegalArgumentException("unknown optimizer " + optimizer);
        };
        state = chosen.newState(n);
        x = new double[n];
        gradient = new double[n];
        for (int i = 0; i < n; i++) {
            // The WORKLOADS.md start, and a gradient of the same scale; a tiny rate keeps x
            // from drifting far over the billions of steps JMH may take.
            x[i] = 0.1 * Math.sin(0.37 * i + 0.1);
            gradient[i] = Math.cos(0.37 * i);
        }
        // Correctness once, outside the measurement: a step moves x against the gradient.
        double before = x[1];
        state.step(x, gradient, 1e-6);
        if (!(x[1] < before)) {
            throw new IllegalStateException(optimizer + " did not step downhill: " + before + " -> " + x[1]);
        }
    }

    @Benchmark
    public double step() {
        state.step(x, gradient, 1e-6);
        return x[n - 1];
    }
}
