package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.InputModifiedException;
import dev.numgrad.InvalidStepException;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Execution;
import dev.numgrad.loss.Loss;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A descent that cannot go on never loses the run: the result holds the last good iterate, the
 * trace and a stop reason that says what happened.
 */
class DescentFailureTest {

    /**
     * f = ½‖x‖² with its exact gradient; call {@code throwAt} (from 0) throws, and call
     * {@code nanAt} returns a NaN in the gradient's second component; -1 for never.
     */
    private static GradientSource bowl(int throwAt, int nanAt) {
        int[] calls = new int[1];
        return (x, gradient) -> {
            int call = calls[0]++;
            if (call == throwAt) {
                throw new IllegalStateException("the loss's data file vanished");
            }
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * x[i] * x[i];
                gradient[i] = x[i];
            }
            if (call == nanAt) {
                gradient[1] = Double.NaN;
            }
            return f;
        };
    }

    private static final double[] START = {4, -2};

    @Test
    void aLossThatThrowsEndsTheRunOnTheLastGoodIterateWithItsTrace() {
        DescentResult result = new DescentLoop(new Sgd(0.5), 100).run(bowl(3, -1), START);
        assertEquals(StopReason.FAILED, result.stopReason());
        assertEquals(2, result.iterations(), "iterates 0, 1, 2 were evaluated; 3 threw");
        assertArrayEquals(new double[] {1, -0.5}, result.x(), 0.0, "iterate 2 = 0.5² · start");
        assertEquals(3, result.trace().size());
        assertInstanceOf(IllegalStateException.class, result.failure().orElseThrow());
        assertTrue(result.stopDetail().startsWith("the gradient source failed at iterate 3: the loss's data file"
                + " vanished (after step 3 with learning rate 0.5)"), result.stopDetail());
        assertEquals(2, result.bestIteration());
    }

    @Test
    void aLossThatThrowsAtTheStartReportsNoLossAtAll() {
        DescentResult result = new DescentLoop(new Sgd(0.5), 100).run(bowl(0, -1), START);
        assertEquals(StopReason.FAILED, result.stopReason());
        assertArrayEquals(START, result.x(), 0.0);
        assertTrue(Double.isNaN(result.loss()) && Double.isNaN(result.bestLoss()), result.toString());
        assertEquals(-1, result.bestIteration());
        assertEquals(0, result.trace().size());
    }

    @Test
    void aNaNGradientWithAFiniteLossIsNamedAsSuchNotAsALossThatBlewUp() {
        DescentResult result = new DescentLoop(new Sgd(0.5), 100).run(bowl(-1, 2), START);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals("the gradient is NaN at x[1] at iterate 2 although the loss 0.625 is finite (after step 2"
                + " with learning rate 0.5)", result.stopDetail());
        assertArrayEquals(new double[] {2, -1}, result.x(), 0.0, "iterate 1");
    }

    @Test
    void aStepThatBecomesInvalidEndsTheRunWithTheLastGoodIterate() {
        // f = −x₀ + x₁²: the loss is finite everywhere, but x₀ grows by 1e13 per step until the
        // absolute step 1e-3 no longer changes it (x + h == x): the numeric gradient refuses.
        Loss slope = Loss.of("slope", 2, x -> -x[0] + x[1] * x[1]);
        NumericGradient numeric = NumericGradient.defaults().withSteps(StepPolicy.absolute(1e-3))
                .withExecution(Execution.serial());
        DescentResult result = new DescentLoop(new Sgd(1e13), 100)
                .withDivergenceFactor(Double.POSITIVE_INFINITY)
                .run(GradientSource.numeric(numeric, slope), new double[] {0, 0});
        assertEquals(StopReason.FAILED, result.stopReason(), result.toString());
        InvalidStepException e = assertInstanceOf(InvalidStepException.class, result.failure().orElseThrow());
        assertEquals(0, e.coordinate());
        assertTrue(result.iterations() > 0 && Double.isFinite(result.loss()), result.toString());
        assertEquals(result.iterations() + 1, result.trace().size(), "every good iterate is in the trace");
    }

    @Test
    void aSourceThatWritesIntoTheIterateIsCaught() {
        GradientSource scribbler = (x, gradient) -> {
            gradient[0] = x[0];
            gradient[1] = x[1];
            x[1] = 0; // "normalises" the caller's iterate in place
            return x[0] * x[0];
        };
        DescentResult result = new DescentLoop(new Sgd(0.1), 10).run(scribbler, START);
        assertEquals(StopReason.FAILED, result.stopReason());
        InputModifiedException e = assertInstanceOf(InputModifiedException.class, result.failure().orElseThrow());
        assertEquals(1, e.index());
        assertEquals(-2, e.before());
        assertArrayEquals(START, result.x(), 0.0, "the iterate as it was, not as the source left it");
    }

    @Test
    void aRunStoppedBeforeItsFirstGradientReportsNoBestLoss() {
        Thread.currentThread().interrupt();
        try {
            DescentResult result = new DescentLoop(new Sgd(0.1), 10).run(bowl(-1, -1), START);
            // The start is evaluated before the interrupt is checked.
            assertEquals(StopReason.CANCELLED, result.stopReason());
            assertEquals(0, result.bestIteration());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aLongRunKeepsABoundedEvenlyThinnedTraceEndingAtItsLastIterate() {
        int steps = 2 * DescentTrace.MAX_ROWS + 12_345;
        GradientSource flat = (x, gradient) -> {
            gradient[0] = 1e-300;
            return 1;
        };
        DescentResult result = new DescentLoop(new Sgd(1e-300), steps).run(flat, new double[] {0});
        DescentTrace trace = result.trace();
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason());
        assertTrue(trace.thinned());
        assertTrue(trace.size() <= DescentTrace.MAX_ROWS + 1, "rows " + trace.size());
        assertTrue(trace.size() > DescentTrace.MAX_ROWS / 4, "rows " + trace.size());
        assertEquals(0, trace.iteration().get(0));
        assertEquals(steps, trace.iteration().getLast(), "the last iterate is always kept");
        int stride = trace.iteration().get(1);
        for (int row = 1; row < trace.size() - 1; row++) {
            assertEquals((long) row * stride, trace.iteration().get(row), "row " + row);
        }
    }
}
