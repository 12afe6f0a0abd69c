package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.GradientError;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.workload.Workloads;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delta evaluators against f(x + s·eᵢ) − f(x) computed exactly (BigDecimal; 60 digits through
 * softplus), for every coordinate of tiny workloads, steps of both signs from 1e-12 to 2.
 *
 * <p>Tolerance 1e-12·(|Δ*| + |s|·(1 + ‖∇f(x)‖∞)): the error must shrink with the step. A
 * black-box difference of two totals has an error near ε·|f| whatever the step, so at
 * s = 1e-8 it would miss this bound by four orders of magnitude or more.
 */
class DeltaEvaluatorTest {

    private static final long SEED = 4242L;
    private static final double[] STEPS = {1e-12, -1e-12, 1e-8, -1e-8, 1e-4, -1e-3, 0.5, -2.0, 0.0};

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#tinyCases")
    void deltaEqualsTheExactChangeOfTheLoss(LossCase c) {
        for (LossCase.NamedPoint point : LossCase.points(c.dimension(), SEED)) {
            double[] x = point.x();
            double[][] expected = exactDeltas(c, x);
            for (KernelSupport kernels : LossCase.kernels()) {
                BundledLoss loss = c.build().apply(kernels);
                double[] copy = x.clone();
                DeltaEvaluator delta = loss.newDeltaEvaluator();
                double base = delta.prepare(x);
                assertArrayEquals(copy, x, () -> c + ": prepare modified x");
                assertEquals(loss.newEvaluator().value(x), base, 1e-14 * Math.abs(base), () -> c + ": prepare's f(x)");
                double[] gradient = new double[c.dimension()];
                loss.newExactGradient().valueAndGradient(x, gradient);
                double scale = 1 + maxAbs(gradient);
                for (int i = 0; i < c.dimension(); i++) {
                    for (int k = 0; k < STEPS.length; k++) {
                        double s = STEPS[k];
                        double tolerance = 1e-12 * (Math.abs(expected[i][k]) + Math.abs(s) * scale);
                        int coordinate = i;
                        assertEquals(expected[i][k], delta.delta(i, s), tolerance, () -> c + " at " + point.name()
                                + " on " + kernels.name() + ": delta(" + coordinate + ", " + s + ")");
                    }
                }
            }
        }
    }

    /** f(x + s·eᵢ) − f(x) for every coordinate i and every step, in exact arithmetic, rounded once. */
    private static double[][] exactDeltas(LossCase c, double[] x) {
        BigDecimal exactBase = c.exact().apply(ReferenceLosses.exactPoint(x, 0, 0.0));
        double[][] deltas = new double[c.dimension()][STEPS.length];
        for (int i = 0; i < c.dimension(); i++) {
            for (int k = 0; k < STEPS.length; k++) {
                deltas[i][k] = c.exact().apply(ReferenceLosses.exactPoint(x, i, STEPS[k])).subtract(exactBase).doubleValue();
            }
        }
        return deltas;
    }

    @Test
    void sumOfSquaresDeltaIsCorrectlyRoundedToAFewUlps() {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] x = random.doubles(16, -3, 3).toArray();
        x[3] = 0.0;
        x[4] = -0.0;
        x[5] = 1e-300;
        DeltaEvaluator delta = new SumOfSquares(x.length, Kernels.scalar()).newDeltaEvaluator();
        delta.prepare(x);
        for (int trial = 0; trial < 2000; trial++) {
            int i = random.nextInt(x.length);
            double s = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-12, 1));
            if (trial % 7 == 0) {
                s = -2 * x[i]; // (x + s)² = x²: the exact change is 0
            }
            BigDecimal xi = new BigDecimal(x[i]);
            BigDecimal moved = xi.add(new BigDecimal(s));
            double expected = moved.multiply(moved).subtract(xi.multiply(xi)).doubleValue();
            double actual = delta.delta(i, s);
            String where = "seed " + SEED + " trial " + trial + ": delta(" + i + ", " + s + ") at x = " + x[i];
            assertEquals(expected, actual, 4 * Math.ulp(expected), where);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#tinyCases")
    void callsInAnyOrderNeverDisturbTheCache(LossCase c) {
        SplittableRandom random = new SplittableRandom(SEED);
        BundledLoss loss = c.build().apply(Kernels.get());
        double[] x = random.doubles(c.dimension(), -2, 2).toArray();
        DeltaEvaluator reused = loss.newDeltaEvaluator();
        reused.prepare(x);
        for (int call = 0; call < 300; call++) {
            int i = random.nextInt(c.dimension());
            double s = STEPS[random.nextInt(STEPS.length)] * (random.nextBoolean() ? 3 : 1);
            DeltaEvaluator fresh = loss.newDeltaEvaluator();
            fresh.prepare(x);
            double expected = fresh.delta(i, s);
            int callNumber = call;
            assertEquals(expected, reused.delta(i, s), 0.0,
                    () -> c + " seed " + SEED + ": call " + callNumber + " delta(" + i + ", " + s + ") differs from a fresh evaluator's");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#tinyCases")
    void prepareAgainMovesTheBasePoint(LossCase c) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        BundledLoss loss = c.build().apply(Kernels.get());
        double[] first = random.doubles(c.dimension(), -2, 2).toArray();
        double[] second = random.doubles(c.dimension(), -2, 2).toArray();
        DeltaEvaluator reused = loss.newDeltaEvaluator();
        reused.prepare(first);
        reused.delta(0, 0.5);
        reused.prepare(second);
        DeltaEvaluator fresh = loss.newDeltaEvaluator();
        fresh.prepare(second);
        for (int i = 0; i < c.dimension(); i++) {
            assertEquals(fresh.delta(i, -0.25), reused.delta(i, -0.25), 0.0, c + ": coordinate " + i);
        }
    }

    /**
     * The three views of a loss tied together: a central difference of deltas matches the exact
     * gradient more tightly than the 1e-7 asked of black-box differences, because the delta
     * carries no ε·|f|/h rounding term — only the truncation h²·|f'''|/6.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#valueCases")
    void centralDifferenceOfDeltasMatchesTheExactGradient(LossCase c) {
        BundledLoss loss = c.build().apply(Kernels.get());
        double[] x = Workloads.start(c.dimension());
        double[] exact = new double[c.dimension()];
        loss.newExactGradient().valueAndGradient(x, exact);
        DeltaEvaluator delta = loss.newDeltaEvaluator();
        delta.prepare(x);
        double h = 1e-6;
        double[] numeric = new double[c.dimension()];
        for (int i = 0; i < c.dimension(); i++) {
            numeric[i] = (delta.delta(i, h) - delta.delta(i, -h)) / (2 * h);
        }
        double error = GradientError.relativeInf(numeric, exact);
        assertTrue(error <= 1e-9, () -> c + ": err_inf " + error);
    }

    /** Evaluators of one loss share only immutable data: two threads get the serial answers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#valueCases")
    void evaluatorsOfOneLossAreIndependentAcrossThreads(LossCase c) throws Exception {
        BundledLoss loss = c.build().apply(Kernels.get());
        double[] x = Workloads.start(c.dimension());
        double[] serial = deltaSweep(loss, x);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> deltaSweep(loss, x));
            var second = pool.submit(() -> deltaSweep(loss, x));
            assertArrayEquals(serial, first.get(), c.label());
            assertArrayEquals(serial, second.get(), c.label());
        }
    }

    private static double[] deltaSweep(BundledLoss loss, double[] x) {
        DeltaEvaluator delta = loss.newDeltaEvaluator();
        delta.prepare(x);
        double[] result = new double[loss.dimension()];
        for (int repeat = 0; repeat < 3; repeat++) {
            for (int i = 0; i < result.length; i++) {
                result[i] = delta.delta(i, 1e-3) - delta.delta(i, -1e-3);
            }
        }
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#tinyCases")
    void coordinateOutOfRangeIsRejected(LossCase c) {
        DeltaEvaluator delta = c.build().apply(Kernels.scalar()).newDeltaEvaluator();
        delta.prepare(new double[c.dimension()]);
        assertThrows(IndexOutOfBoundsException.class, () -> delta.delta(c.dimension(), 1.0));
        assertThrows(IndexOutOfBoundsException.class, () -> delta.delta(-1, 1.0));
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
