package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.NonFiniteLossException;
import dev.numgrad.UnsupportedModeException;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import dev.numgrad.schedule.CancellationToken;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The adapter from the engine's {@link NumericGradient} to the loop. */
class NumericGradientSourceTest {

    private static final NumericGradient CENTRAL = NumericGradient.defaults().withExecution(Execution.serial());

    /** x₀² + x₁² that counts its evaluations, and is NaN outside |xᵢ| < 10. */
    private static Loss fencedBowl(AtomicLong count) {
        return Loss.of("fenced bowl", 2, x -> {
            count.incrementAndGet();
            if (Math.abs(x[0]) >= 10 || Math.abs(x[1]) >= 10) {
                return Double.NaN;
            }
            return x[0] * x[0] + x[1] * x[1];
        });
    }

    @Test
    void followsTheTextbookRunAndCountsEveryEvaluation() {
        AtomicLong count = new AtomicLong();
        NumericGradientSource source = GradientSource.numeric(CENTRAL, fencedBowl(count));
        assertEquals(OptionalInt.of(2), source.dimension());
        DescentResult result = new DescentLoop(new Sgd(0.1), 100).run(source, new double[] {-3, 4});
        // The central difference of a quadratic is exact up to rounding, so the run is the
        // textbook one: x₁₀₀ = 0.8¹⁰⁰·(−3, 4).
        double shrink = Math.pow(0.8, 100);
        assertArrayEquals(new double[] {-3 * shrink, 4 * shrink}, result.x(), 1e-15);
        // Per call: one value, plus 2 evaluations per coordinate for the central difference.
        assertEquals(101 * (1 + 2 * 2), source.evaluations());
        assertEquals(count.get(), source.evaluations());
    }

    @Test
    void aNonFiniteValueIsDivergenceNotAnException() {
        // SGD at α = 3 multiplies x by −5: (1, 1) → (−5, −5) → (25, 25), where the loss is NaN.
        AtomicLong count = new AtomicLong();
        NumericGradientSource source = GradientSource.numeric(CENTRAL, fencedBowl(count));
        DescentResult result = new DescentLoop(new Sgd(3), 100).run(source, new double[] {1, 1});
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertArrayEquals(new double[] {-5, -5}, result.x(), 0.0);
        assertEquals(2, result.iterations());
        assertTrue(Double.isNaN(result.trace().loss().getLast()));
        assertEquals(2 * (1 + 2 * 2) + 1, count.get(), "no gradient is attempted at the NaN point");
    }

    @Test
    void aNonFiniteValueAtAPerturbedPointIsDivergenceToo() {
        // x₀ = 10 − 1e-7: f(x) is finite but x₀ + h crosses the fence, so the numeric gradient
        // meets a NaN and the loop stops at once with the start as its result.
        NumericGradientSource source = GradientSource.numeric(CENTRAL, fencedBowl(new AtomicLong()));
        double[] start = {10 - 1e-7, 0};
        DescentResult result = new DescentLoop(new Sgd(0.1), 100).run(source, start);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals(0, result.iterations());
        assertArrayEquals(start, result.x(), 0.0);
        // The start's gradient never completed, so no loss is reported for it, not even a best one.
        assertTrue(Double.isNaN(result.loss()));
        assertTrue(Double.isNaN(result.bestLoss()));
        assertEquals(-1, result.bestIteration());
        assertEquals(0, result.trace().size());
        assertInstanceOf(NonFiniteLossException.class, result.failure().orElseThrow());
        assertTrue(result.stopDetail().contains("at iterate 0") && result.stopDetail().contains("coordinate 0"),
                result.stopDetail());
    }

    @Test
    void cancellingTheNumericGradientEndsTheRunOnTheLastEvaluatedIterate() {
        // The listener cancels the token at iterate 3; the gradient of iterate 4 then throws
        // GradientCancelledException, which the loop turns into CANCELLED with x₃ = 0.8³·x₀
        // (to the central difference's rounding error, about 1e-12 here).
        CancellationToken token = CancellationToken.create();
        NumericGradientSource source = GradientSource.numeric(CENTRAL.withCancellation(token),
                fencedBowl(new AtomicLong()));
        DescentListener cancelAtThree = (iteration, loss, norm) -> {
            if (iteration == 3) {
                token.cancel();
            }
        };
        DescentResult result = new DescentLoop(new Sgd(0.1), 100).run(source, new double[] {-3, 4}, cancelAtThree);
        assertEquals(StopReason.CANCELLED, result.stopReason());
        assertEquals(3, result.iterations());
        assertArrayEquals(new double[] {-3 * 0.512, 4 * 0.512}, result.x(), 1e-10);
        assertEquals(25 * 0.512 * 0.512, result.loss(), 1e-9);
        assertEquals(4, result.trace().size());
    }

    @Test
    void cancellingBeforeTheStartIsEvaluatedReturnsTheStart() {
        CancellationToken token = CancellationToken.create();
        token.cancel();
        NumericGradientSource source = GradientSource.numeric(CENTRAL.withCancellation(token),
                fencedBowl(new AtomicLong()));
        DescentResult result = new DescentLoop(new Sgd(0.1), 100).run(source, new double[] {-3, 4});
        assertEquals(StopReason.CANCELLED, result.stopReason());
        assertEquals(0, result.iterations());
        assertArrayEquals(new double[] {-3, 4}, result.x(), 0.0);
        assertTrue(Double.isNaN(result.loss()));
        assertEquals(0, result.trace().size());
    }

    @Test
    void deltaModeOnALossWithoutDeltasFailsBeforeAnyEvaluation() {
        Loss forbidden = new Loss() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public Evaluator newEvaluator() {
                throw new AssertionError("no evaluator may be made");
            }

            @Override
            public String name() {
                return "plain";
            }
        };
        UnsupportedModeException e = assertThrows(UnsupportedModeException.class,
                () -> GradientSource.numeric(CENTRAL.withMode(Mode.DELTA), forbidden));
        assertEquals("mode delta needs a delta evaluator (a DeltaLoss), but loss 'plain' has none", e.getMessage());
    }
}
