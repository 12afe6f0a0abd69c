package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.NonFiniteParameterException;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.junit.jupiter.api.Test;

/** The loop's contract: validation, stopping rules, divergence, trace and listener. */
class DescentLoopTest {

    private static final double[] START = {-3, 4};
    private static final Quadratic BOWL = new Quadratic(1, 1);

    private static GradientSource bowl() {
        return GradientSource.exact(BOWL);
    }

    // --- validation before any evaluation ---

    @Test
    void startOfTheWrongLengthIsRejectedBeforeAnyEvaluation() {
        DescentLoop loop = new DescentLoop(new Sgd(0.1), 10);
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> loop.run(new ForbiddenSource(OptionalInt.of(2)), new double[] {1, 2, 3}));
        assertEquals("start dimension 3 != loss dimension 2", e.getMessage());
    }

    @Test
    void theExactSourceReportsItsLossDimension() {
        DifferentiableLoss forbidden = new DifferentiableLoss() {
            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public Evaluator newEvaluator() {
                throw new AssertionError("no evaluator may be made");
            }

            @Override
            public ExactGradient newExactGradient() {
                return (x, g) -> {
                    throw new AssertionError("the gradient must not be evaluated");
                };
            }

            @Override
            public String name() {
                return "forbidden";
            }
        };
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> new DescentLoop(new Adam(0.1), 10).run(GradientSource.exact(forbidden), new double[3]));
        assertEquals("start dimension 3 != loss dimension 4", e.getMessage());
    }

    @Test
    void nonFiniteStartIsRejectedBeforeAnyEvaluation() {
        DescentLoop loop = new DescentLoop(new Adam(0.1), 10);
        ForbiddenSource source = new ForbiddenSource(OptionalInt.empty());
        NonFiniteParameterException nan = assertThrows(NonFiniteParameterException.class,
                () -> loop.run(source, new double[] {0, Double.NaN}));
        assertEquals("x[1] is NaN", nan.getMessage());
        assertEquals(1, nan.index());
        NonFiniteParameterException inf = assertThrows(NonFiniteParameterException.class,
                () -> loop.run(source, new double[] {Double.NEGATIVE_INFINITY, 0}));
        assertEquals("x[0] is -Infinity", inf.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> loop.run(source, new double[0]));
        assertEquals("start is empty", empty.getMessage());
        assertThrows(NullPointerException.class, () -> loop.run(source, null));
    }

    @Test
    void theCallersStartIsNeverModified() {
        double[] start = START.clone();
        new DescentLoop(new Momentum(0.1), 20).run(bowl(), start);
        assertArrayEquals(START, start, 0.0);
        new DescentLoop(new Sgd(10), 20).run(bowl(), start); // diverges
        assertArrayEquals(START, start, 0.0);
    }

    // --- stopping rules ---

    @Test
    void gradientToleranceStopsAtTheFirstSmallEnoughGradient() {
        // ‖∇f(x_k)‖ = 2‖x_k‖ = 10·0.8^k; the first k with 10·0.8^k ≤ 1e-6 is 73 (0.8⁷² = 1.05e-7).
        int expected = 0;
        while (10 * Math.pow(0.8, expected) > 1e-6) {
            expected++;
        }
        DescentResult result = new DescentLoop(new Sgd(0.1), 1000)
                .withStopping(StoppingRules.iterations(1000).withGradientTolerance(1e-6))
                .run(bowl(), START);
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason());
        assertTrue(result.stopReason().converged());
        assertEquals(73, expected);
        assertEquals(expected, result.iterations());
        assertTrue(result.gradientNorm() <= 1e-6);
    }

    @Test
    void lossChangeToleranceUsesTheRelativeTestWithAFloorOfOne() {
        // f_k = 25·0.64^k, so f_{k−1} − f_k = 0.36·f_{k−1}: relative to f (≥ 1) that is 0.36
        // forever; once f < 1 the scale is 1 and the rule holds when 0.36·f_{k−1} ≤ 1e-6.
        int expected = 1;
        while (0.36 * 25 * Math.pow(0.64, expected - 1) > 1e-6) {
            expected++;
        }
        DescentResult result = new DescentLoop(new Sgd(0.1), 1000)
                .withStopping(StoppingRules.iterations(1000).withLossChangeTolerance(1e-6))
                .run(bowl(), START);
        assertEquals(StopReason.LOSS_TOLERANCE, result.stopReason());
        assertEquals(37, expected);
        assertEquals(expected, result.iterations());
    }

    @Test
    void zeroTimeBudgetStopsAfterEvaluatingTheStart() {
        DescentResult result = new DescentLoop(new Sgd(0.1), 1000)
                .withStopping(StoppingRules.iterations(1000).withTimeBudget(Duration.ZERO))
                .run(bowl(), START);
        assertEquals(StopReason.TIME_BUDGET, result.stopReason());
        assertEquals(0, result.iterations());
        assertEquals(1, result.gradientEvaluations());
        assertArrayEquals(START, result.x(), 0.0);
        assertEquals(25, result.loss(), 0.0);
    }

    @Test
    void timeBudgetCountsTheClockItIsGiven() {
        // A fake clock that advances one second per gradient evaluation: evaluation k ends at
        // (k + 1) s, so a 5.5 s budget is spent at the check after evaluation 5 (6 s).
        long[] clock = {0};
        GradientSource inner = bowl();
        GradientSource slow = (x, g) -> {
            clock[0] += 1_000_000_000L;
            return inner.valueAndGradient(x, g);
        };
        DescentResult result = new DescentLoop(new Sgd(0.1), 1000)
                .withStopping(StoppingRules.iterations(1000).withTimeBudget(Duration.ofMillis(5500)))
                .run(slow, START, DescentListener.none(), () -> clock[0]);
        assertEquals(StopReason.TIME_BUDGET, result.stopReason());
        assertEquals(5, result.iterations());
        assertEquals(6, result.gradientEvaluations());
        assertEquals(Duration.ofSeconds(6), result.elapsed());
        for (int k = 0; k < result.trace().size(); k++) {
            assertEquals((k + 1) * 1_000_000_000L, result.trace().elapsedNanos().get(k), "row " + k);
        }
    }

    @Test
    void zeroIterationsEvaluatesTheStartOnly() {
        DescentResult result = new DescentLoop(new Adam(0.1), 0).run(bowl(), START);
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason());
        assertEquals(1, result.gradientEvaluations());
        assertEquals(10, result.gradientNorm(), 0.0);
    }

    @Test
    void interruptingTheThreadCancelsTheRunAndKeepsTheInterrupt() {
        DescentListener interruptAtFour = (iteration, loss, norm) -> {
            if (iteration == 4) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            DescentResult result = new DescentLoop(new Sgd(0.1), 1000).run(bowl(), START, interruptAtFour);
            assertEquals(StopReason.CANCELLED, result.stopReason());
            assertEquals(4, result.iterations());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is left for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    // --- divergence ---

    @Test
    void nonFiniteGradientStopsWithTheIterateBefore() {
        // The source answers NaN in one gradient component at its fourth call (iterate 3).
        int[] calls = {0};
        GradientSource inner = bowl();
        GradientSource faulty = (x, g) -> {
            double f = inner.valueAndGradient(x, g);
            if (++calls[0] == 4) {
                g[1] = Double.NaN;
            }
            return f;
        };
        DescentResult result = new DescentLoop(new Sgd(0.1), 100).run(faulty, START);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals(3, result.iterations());
        assertArrayEquals(new double[] {-3 * 0.64, 4 * 0.64}, result.x(), 1e-15);
        assertEquals(25 * 0.64 * 0.64, result.loss(), 1e-13);
        assertEquals(Double.NaN, result.trace().gradientNorm().getLast());
    }

    @Test
    void aNonFiniteIterateIsNeverEvaluated() {
        // x₁ = 1e10 − 1e300·2e10 overflows to −∞; the loop must not pass it to the source.
        RecordingSource source = new RecordingSource(GradientSource.exact(new Quadratic(1)));
        DescentResult result = new DescentLoop(new Sgd(1e300), 10).run(source, new double[] {1e10});
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals(1, source.points.size());
        assertArrayEquals(new double[] {1e10}, result.x(), 0.0);
        assertEquals(1, result.trace().size());
    }

    @Test
    void aStartWithNonFiniteLossIsReportedNotInvented() {
        GradientSource nan = (x, g) -> Double.NaN;
        DescentResult result = new DescentLoop(new Sgd(0.1), 100).run(nan, START);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals(0, result.iterations());
        assertArrayEquals(START, result.x(), 0.0);
        assertTrue(Double.isNaN(result.loss()));
    }

    @Test
    void bestIterateIsKeptWhenTheLossRisesSlowly() {
        // α = 1.05 gives x ← −1.1x: the loss grows by 1.21 per step, far below the explosion
        // limit in ten steps, so the run ends normally with the start as its best iterate.
        DescentResult result = new DescentLoop(new Sgd(1.05), 10).run(bowl(), START);
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason());
        assertEquals(0, result.bestIteration());
        assertArrayEquals(START, result.best(), 0.0);
        assertEquals(25 * Math.pow(1.21, 10), result.loss(), 1e-10);
    }

    // --- trace, listener, clipping, schedule inside the loop ---

    @Test
    void traceRowsMatchTheClosedFormAndTheListener() {
        MutableDoubleList heardLoss = new DoubleArrayList();
        MutableDoubleList heardNorm = new DoubleArrayList();
        DescentListener listener = (iteration, loss, norm) -> {
            assertEquals(heardLoss.size(), iteration);
            heardLoss.add(loss);
            heardNorm.add(norm);
        };
        DescentResult result = new DescentLoop(new Sgd(0.1), 5).run(bowl(), START, listener);
        DescentTrace trace = result.trace();
        assertEquals(6, trace.size());
        for (int k = 0; k < 6; k++) {
            assertEquals(25 * Math.pow(0.64, k), trace.loss().get(k), 1e-13, "loss " + k);
            assertEquals(10 * Math.pow(0.8, k), trace.gradientNorm().get(k), 1e-13, "norm " + k);
            assertEquals(0.1, trace.learningRate().get(k), 0.0);
        }
        assertEquals(trace.loss(), heardLoss);
        assertEquals(trace.gradientNorm(), heardNorm);
    }

    @Test
    void traceCsvRoundTripsExactly() throws IOException {
        DescentTrace trace = new DescentLoop(new Adam(0.3), 7).run(bowl(), START).trace();
        StringBuilder text = new StringBuilder();
        trace.writeCsv(text);
        List<String> lines = text.toString().lines().toList();
        assertEquals(DescentTrace.CSV_HEADER, lines.getFirst());
        assertEquals(trace.size() + 1, lines.size());
        for (int k = 0; k < trace.size(); k++) {
            String[] cells = lines.get(k + 1).split(",");
            assertEquals(5, cells.length);
            assertEquals(k, Integer.parseInt(cells[0]));
            assertEquals(trace.loss().get(k), Double.parseDouble(cells[1]), 0.0);
            assertEquals(trace.gradientNorm().get(k), Double.parseDouble(cells[2]), 0.0);
            assertEquals(trace.learningRate().get(k), Double.parseDouble(cells[3]), 0.0);
            assertEquals(trace.elapsedNanos().get(k) / 1e9, Double.parseDouble(cells[4]), 0.0);
        }
        assertTrue(text.toString().endsWith("\n"), "every row ends with a newline");
    }

    @Test
    void clippingByNormShortensTheStepButNotTheRecordedNorm() {
        // ‖g₀‖ = 10 is clipped to 1: x₁ = (−3, 4) − 0.1·(−6, 8)/10 = (−2.94, 3.92).
        RecordingSource source = new RecordingSource(bowl());
        DescentResult result = new DescentLoop(new Sgd(0.1), 1)
                .withClipping(GradientClipping.byNorm(1))
                .run(source, START);
        assertArrayEquals(new double[] {-2.94, 3.92}, source.points.get(1), 1e-15);
        assertEquals(10, result.trace().gradientNorm().get(0), 0.0);
    }

    @Test
    void scheduledRatesReachTheOptimizerAndTheTrace() {
        // Step decay halving every 2 steps from α = 0.1: x_{k+1} = (1 − 2α_k)·x_k with
        // α = 0.1, 0.1, 0.05, 0.05, so x₄ = 0.8·0.8·0.9·0.9·x₀.
        DescentResult result = new DescentLoop(new Sgd(0.1), 4)
                .withSchedule(LearningRateSchedule.stepDecay(2, 0.5))
                .run(bowl(), START);
        double shrink = 0.8 * 0.8 * 0.9 * 0.9;
        assertArrayEquals(new double[] {-3 * shrink, 4 * shrink}, result.x(), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025}, result.trace().learningRate().toArray(), 1e-17);
    }

    @Test
    void loopConfigurationIsValidated() {
        Sgd sgd = new Sgd(0.1);
        assertThrows(IllegalArgumentException.class, () -> new DescentLoop(sgd, -1));
        IllegalArgumentException factor = assertThrows(IllegalArgumentException.class,
                () -> new DescentLoop(sgd, 10).withDivergenceFactor(0));
        assertEquals("divergence factor must be positive, got 0.0", factor.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DescentLoop(sgd, 10).withDivergenceFactor(Double.NaN));
        assertThrows(NullPointerException.class, () -> new DescentLoop(sgd, 10).withSchedule(null));
        assertThrows(IllegalArgumentException.class,
                () -> StoppingRules.iterations(10).withTimeBudget(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> StoppingRules.iterations(10).withGradientTolerance(-1e-9));
        assertThrows(IllegalArgumentException.class,
                () -> StoppingRules.iterations(10).withLossChangeTolerance(Double.NaN));
        assertFalse(StopReason.MAX_ITERATIONS.converged());
    }
}
