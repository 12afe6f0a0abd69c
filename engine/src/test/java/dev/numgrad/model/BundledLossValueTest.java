package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values of the bundled losses against plain loops written from WORKLOADS.md, on the scalar
 * kernels and on this JVM's kernels.
 *
 * <p>Tolerance: every bundled loss is a sum of non-negative terms, so its relative error is
 * bounded by the longest sum involved; we allow 32·ε·(terms + 8) relative — about 7e-12 at
 * 1021 terms — which covers a different summation order and FMA versus separate rounding.
 */
class BundledLossValueTest {

    private static final long SEED = 20261123L;

    static double tolerance(LossCase c, double reference) {
        return 32 * Math.ulp(1.0) * (c.terms() + 8) * Math.abs(reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#valueCases")
    void valueMatchesTheWorkloadFormulaOnEveryKernel(LossCase c) {
        for (LossCase.NamedPoint point : LossCase.points(c.dimension(), SEED)) {
            double[] x = point.x();
            double[] copy = x.clone();
            double reference = c.reference().applyAsDouble(x);
            double scalar = c.build().apply(Kernels.scalar()).newEvaluator().value(x);
            for (KernelSupport kernels : LossCase.kernels()) {
                double value = c.build().apply(kernels).newEvaluator().value(x);
                assertEquals(reference, value, tolerance(c, reference),
                        () -> c + " at " + point.name() + " on " + kernels.name());
                assertEquals(scalar, value, tolerance(c, reference),
                        () -> c + " at " + point.name() + ": scalar and " + kernels.name() + " disagree");
            }
            assertArrayEquals(copy, x, () -> c + " modified x at " + point.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#valueCases")
    void nameAndDimensionDescribeTheWorkload(LossCase c) {
        BundledLoss loss = c.build().apply(Kernels.scalar());
        assertEquals(c.label(), loss.name());
        assertEquals(c.dimension(), loss.dimension());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#valueCases")
    void wrongLengthIsRejectedByEveryEvaluator(LossCase c) {
        BundledLoss loss = c.build().apply(Kernels.scalar());
        double[] wrong = new double[c.dimension() + 1];
        var e = assertThrows(IllegalArgumentException.class, () -> loss.newEvaluator().value(wrong));
        assertTrue(e.getMessage().contains("length " + wrong.length), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loss.newDeltaEvaluator().prepare(wrong));
        assertThrows(IllegalArgumentException.class,
                () -> loss.newExactGradient().valueAndGradient(wrong, new double[c.dimension()]));
        assertThrows(IllegalArgumentException.class,
                () -> loss.newExactGradient().valueAndGradient(new double[c.dimension()], wrong));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#valueCases")
    void nanInTheParametersGivesNanNotANumber(LossCase c) {
        BundledLoss loss = c.build().apply(Kernels.get());
        double[] x = Workloads.start(c.dimension());
        x[c.dimension() / 2] = Double.NaN;
        assertTrue(Double.isNaN(loss.newEvaluator().value(x)), () -> c + ": value");
        assertTrue(Double.isNaN(loss.newDeltaEvaluator().prepare(x)), () -> c + ": prepare");
        assertTrue(Double.isNaN(loss.newExactGradient().valueAndGradient(x, new double[c.dimension()])), () -> c + ": gradient");
    }

    @Test
    void badConstructionNamesTheProblem() {
        assertMessage("sumsq dimension must be at least 1, got 0", () -> new SumOfSquares(0));
        assertMessage("rosen dimension must be at least 2, got 1", () -> new Rosenbrock(1));
        assertMessage("features has length 5, expected rows·cols = 2·3 = 6",
                () -> new LinearRegression(2, 3, new double[5], new double[2]));
        assertMessage("targets has length 3, expected rows = 2",
                () -> new LinearRegression(2, 3, new double[6], new double[3]));
        assertMessage("features[4] is NaN",
                () -> new LinearRegression(2, 3, new double[] {0, 0, 0, 0, Double.NaN, 0}, new double[2]));
        assertMessage("targets[1] is Infinity",
                () -> new LinearRegression(2, 3, new double[6], new double[] {0, Double.POSITIVE_INFINITY}));
        assertMessage("labels[1] is 0.5, expected 0 or 1",
                () -> new LogisticRegression(2, 3, new double[6], new double[] {1, 0.5}));
        assertMessage("a 0 × 3 matrix needs at least one row and one column",
                () -> new LogisticRegression(0, 3, new double[0], new double[0]));
        assertMessage("a 65536 × 65536 matrix has 4294967296 elements, more than one Java array holds (2147483639)",
                () -> new LinearRegression(65536, 65536, new double[1], new double[1]));
    }

    @Test
    void constructorsCopyTheirData() {
        double[] features = Workloads.features(3, 2);
        double[] targets = Workloads.targets(3);
        double[] labels = Workloads.labels(3);
        LinearRegression linreg = new LinearRegression(3, 2, features, targets, Kernels.scalar());
        LogisticRegression logreg = new LogisticRegression(3, 2, features, labels, Kernels.scalar());
        double[] w = {0.3, -0.2};
        double linregBefore = linreg.newEvaluator().value(w);
        double logregBefore = logreg.newEvaluator().value(w);
        java.util.Arrays.fill(features, 100);
        java.util.Arrays.fill(targets, 100);
        assertEquals(linregBefore, linreg.newEvaluator().value(w));
        assertEquals(logregBefore, logreg.newEvaluator().value(w));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}
