package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Plain gradient descent on f(x) = x₀² + x₁² from (−3, 4), f₀ = 25. The gradient is 2x, so one
 * step with rate α multiplies x by (1 − 2α): after k steps x = (1 − 2α)^k · (−3, 4) and
 * f = 25·(1 − 2α)^{2k}.
 */
class TextbookDescentTest {

    private static final double[] START = {-3, 4};

    private static DescentResult descend(double learningRate, int steps) {
        return new DescentLoop(new Sgd(learningRate), steps).run(GradientSource.exact(new Quadratic(1, 1)), START);
    }

    @Test
    void learningRateOneTenthConvergesInAHundredSteps() {
        // x₁₀₀ = 0.8¹⁰⁰·(−3, 4) = (−6.1e-10, 8.1e-10): within 1e-9 of the origin in each
        // coordinate. (The Euclidean distance is 5·0.8¹⁰⁰ = 1.02e-9.)
        DescentResult result = descend(0.1, 100);
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason());
        assertEquals(100, result.iterations());
        assertEquals(101, result.gradientEvaluations());
        double shrink = Math.pow(0.8, 100);
        double[] x = result.x();
        for (int i = 0; i < 2; i++) {
            assertTrue(Math.abs(x[i]) < 1e-9, "x[" + i + "] = " + x[i]);
            assertEquals(START[i] * shrink, x[i], 1e-12 * Math.abs(START[i] * shrink), "x[" + i + "]");
        }
        assertEquals(25 * shrink * shrink, result.loss(), 1e-12 * 25 * shrink * shrink);
        assertEquals(100, result.bestIteration(), "every step lowers the loss");
    }

    @Test
    void learningRateTenDivergesAndKeepsTheLastHealthyIterate() {
        // x_k = (−19)^k·(−3, 4), f_k = 25·361^k: 25, 9025, 3 258 025, 1.18e9. The default limit is
        // f₀ + 1e6·f₀ = 25 000 025, so step 3 is the explosion and x₂ = 361·(−3, 4) the result.
        DescentResult result = descend(10, 100);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals(3, result.iterations());
        assertArrayEquals(new double[] {-1083, 1444}, result.x(), 0.0);
        assertEquals(3_258_025, result.loss(), 0.0);
        assertArrayEquals(START, result.best(), 0.0);
        assertEquals(25, result.bestLoss(), 0.0);
        assertEquals(4, result.trace().size(), "the exploding iterate is the trace's last row");
        assertEquals(25.0 * 361 * 361 * 361, result.trace().loss().get(3), 0.0);
    }

    @Test
    void learningRateTenWithoutTheExplosionTestRunsUntilTheLossOverflows() {
        DescentResult result = new DescentLoop(new Sgd(10), 10_000)
                .withDivergenceFactor(Double.POSITIVE_INFINITY)
                .run(GradientSource.exact(new Quadratic(1, 1)), START);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        double[] x = result.x();
        int k = result.iterations() - 1;
        double factor = Math.pow(-19, k);
        for (int i = 0; i < 2; i++) {
            assertEquals(START[i] * factor, x[i], 1e-12 * Math.abs(START[i] * factor), "x[" + i + "] at step " + k);
        }
        assertTrue(Double.isFinite(result.loss()), "the result's loss is finite: " + result.loss());
        // One more step multiplies x by −19 and the loss by 361, past the largest double.
        double next = 361 * result.loss();
        assertEquals(Double.POSITIVE_INFINITY, next);
        assertEquals(Double.POSITIVE_INFINITY, result.trace().loss().getLast());
    }

    @Test
    void learningRateOneTenBillionthBarelyMoves() {
        // x₁₀₀ = (1 − 2e-10)¹⁰⁰·(−3, 4) ≈ (1 − 2e-8)·(−3, 4) = (−2.99999994, 3.99999992)
        DescentResult result = descend(1e-10, 100);
        double shrink = Math.pow(1 - 2e-10, 100);
        double[] x = result.x();
        assertArrayEquals(new double[] {-3 * shrink, 4 * shrink}, x, 1e-14);
        assertArrayEquals(new double[] {-2.99999994, 3.99999992}, x, 1e-12);
    }
}
