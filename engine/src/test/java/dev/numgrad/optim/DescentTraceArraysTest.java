package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.loss.DifferentiableLoss;
import org.junit.jupiter.api.Test;

class DescentTraceArraysTest {

    @Test
    void theArrayViewsHoldTheListsContentsAndAreCopies() {
        DifferentiableLoss line = DifferentiableLoss.of("line", 1, x -> x[0] * x[0], (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        });
        DescentTrace trace = new DescentLoop(new Sgd(0.25), 3).run(GradientSource.exact(line), new double[] {1}).trace();
        // x halves every step: 1, 0.5, 0.25, 0.125; f = x², |f'| = 2|x|.
        assertArrayEquals(new double[] {1, 0.25, 0.0625, 0.015625}, trace.lossArray());
        assertArrayEquals(new double[] {2, 1, 0.5, 0.25}, trace.gradientNormArray());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, trace.learningRateArray());
        assertEquals(4, trace.elapsedNanosArray().length);
        trace.lossArray()[0] = 42;
        assertEquals(1, trace.loss().get(0));
    }
}
