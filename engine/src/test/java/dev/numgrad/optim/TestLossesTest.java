package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DifferentiableLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test-local MLP's backpropagation agrees with the engine's central differences, so tests can trust it. */
class TestLossesTest {

    private static final long SEED = 20261123L;

    private static void assertGradientMatches(DifferentiableLoss loss, double scale) {
        Random random = new Random(SEED);
        double[] x = new double[loss.dimension()];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * random.nextGaussian();
        }
        double[] exact = new double[x.length];
        double[] numeric = new double[x.length];
        double f = loss.newExactGradient().valueAndGradient(x, exact);
        double g = GradientSource.numeric(NumericGradient.defaults().withExecution(Execution.serial()), loss)
                .valueAndGradient(x, numeric);
        assertEquals(loss.newEvaluator().value(x), f, 0.0, loss.name() + ": value, seed " + SEED);
        assertEquals(f, g, 0.0);
        double max = 0;
        for (double v : exact) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(exact[i], numeric[i], 1e-7 * Math.max(max, 1), loss.name() + ": ∂f/∂x" + i + ", seed " + SEED);
        }
    }

    @Test
    void mlp() {
        // d = 3, h = 4, k = 3: P = 12 + 4 + 12 + 3 = 31
        DifferentiableLoss mlp = TestLosses.mlp(3, 4, 3, 6);
        assertEquals(31, mlp.dimension());
        assertGradientMatches(mlp, 0.5);
        // All-zero parameters give uniform softmax: the loss is log k.
        assertEquals(Math.log(3), mlp.newEvaluator().value(new double[31]), 1e-15);
    }
}
