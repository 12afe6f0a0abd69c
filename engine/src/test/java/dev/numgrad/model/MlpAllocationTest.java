package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate nothing per call: all scratch belongs to the evaluator. Measured with the
 * JVM's per-thread allocation counter over many calls; the slack covers the counter's own
 * bookkeeping, far below one double[] of the batch per call.
 */
class MlpAllocationTest {

    private static final int CALLS = 20_000;

    @Test
    void deltaBackpropAndValueAllocateNothingPerCall() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter not supported");
        MlpReference reference = MlpReference.random(9000, 6, 3, 8,
                List.of(HiddenLayer.tanh(5), new HiddenLayer(4, Activation.SIGMOID)));
        // Scalar kernels: the Panama ones allocate a box per vector operation until C2 has
        // compiled them (the Vector API's Java fallback), which a unit test's warm-up cannot
        // force; PanamaReproducibilityTest checks that they allocate nothing once compiled.
        Mlp mlp = reference.mlp(Kernels.scalar());
        double[] theta = reference.randomPoint(9001, 0.5);
        DeltaEvaluator delta = mlp.newDeltaEvaluator();
        ExactGradient backprop = mlp.newExactGradient();
        Evaluator evaluator = mlp.newEvaluator();
        double[] gradient = new double[theta.length];
        double sink = delta.prepare(theta);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            sink += sweep(delta, theta.length) + backprop.valueAndGradient(theta, gradient) + evaluator.value(theta);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        sink += sweep(delta, theta.length);
        long afterDelta = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < CALLS / 10; call++) {
            sink += backprop.valueAndGradient(theta, gradient) + evaluator.value(theta);
        }
        long afterRest = threads.getCurrentThreadAllocatedBytes();

        assertTrue(afterDelta - before < 4096, (afterDelta - before) + " bytes over " + CALLS + " delta calls (sink " + sink + ")");
        assertTrue(afterRest - afterDelta < 4096, (afterRest - afterDelta) + " bytes over " + CALLS / 10
                + " backprop and value calls");
    }

    private static double sweep(DeltaEvaluator delta, int dimension) {
        double sum = 0;
        for (int call = 0; call < CALLS; call++) {
            int i = call % dimension;
            sum += delta.delta(i, (call & 1) == 0 ? 1e-6 : -0.3);
        }
        return sum;
    }
}
