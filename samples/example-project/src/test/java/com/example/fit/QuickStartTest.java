package com.example.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.check.GradientAssertions;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Loss;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import dev.numgrad.optim.StopReason;
import dev.numgrad.optim.StoppingRules;
import org.junit.jupiter.api.Test;

/** A loss that is only a value: numgrad supplies the gradient and the descent. */
class QuickStartTest {

    @Test
    void aValueOnlyLossGetsItsGradientAndIsMinimised() {
        // tag::value-only[]
        Loss rosenbrock = Loss.of("rosenbrock", 2,
                x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2));

        GradientResult g = NumericGradient.defaults().compute(rosenbrock, new double[] {-1.2, 1});
        // g.values() ≈ {-215.6, -88.0}: central differences, one per coordinate, on the common pool

        DescentResult fit = new DescentLoop(new Adam(0.02), 20_000)
                .withStopping(StoppingRules.iterations(20_000).withGradientTolerance(1e-6))
                .run(GradientSource.numeric(NumericGradient.defaults(), rosenbrock), new double[] {-1.2, 1});
        // end::value-only[]

        assertArrayEquals(new double[] {-215.6, -88.0}, g.values(), 1e-6);
        assertEquals(StopReason.GRADIENT_TOLERANCE, fit.stopReason(), fit.toString());
        assertArrayEquals(new double[] {1, 1}, fit.x(), 1e-4);
    }

    @Test
    void aLossWithItsOwnGradientFromTwoLambdas() {
        // tag::value-and-gradient[]
        DifferentiableLoss bowl = DifferentiableLoss.of("bowl", 2,
                x -> x[0] * x[0] + 10 * x[1] * x[1],
                (x, g) -> {
                    g[0] = 2 * x[0];
                    g[1] = 20 * x[1];
                    return x[0] * x[0] + 10 * x[1] * x[1];
                });
        DescentResult fit = new DescentLoop(new Adam(0.1), 2_000).run(GradientSource.exact(bowl), new double[] {3, -1});
        // end::value-and-gradient[]

        GradientAssertions.assertGradientCorrect(bowl, new double[] {3, -1});
        assertArrayEquals(new double[] {0, 0}, fit.x(), 1e-6);
    }
}
