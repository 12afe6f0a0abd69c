package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.GradientError;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.Evaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each exact gradient against a central-difference gradient of the loss's own value, at small
 * sizes: err_inf ≤ 1e-7 as the kernels issue requires.
 *
 * <p>The difference uses h = 1e-5·max(1, |xᵢ|): its truncation error h²·|f'''|/6 and rounding
 * error ε·|f|/h are both near 1e-10 relative for these losses at these points, three orders
 * below the bound; a sign or factor-of-two slip in a gradient gives err_inf near 1.
 */
class ExactGradientTest {

    private static final long SEED = 77L;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numgrad.model.LossCase#tinyCases")
    void exactGradientMatchesCentralDifferences(LossCase c) {
        checkAgainstCentralDifferences(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallCases")
    void exactGradientMatchesCentralDifferencesAtLargerSizes(LossCase c) {
        checkAgainstCentralDifferences(c);
    }

    static java.util.stream.Stream<LossCase> smallCases() {
        return java.util.stream.Stream.of(LossCase.sumsq(64), LossCase.rosen(33),
                LossCase.linreg(33, 65), LossCase.logreg(33, 65));
    }

    private static void checkAgainstCentralDifferences(LossCase c) {
        for (KernelSupport kernels : LossCase.kernels()) {
            BundledLoss loss = c.build().apply(kernels);
            for (LossCase.NamedPoint point : LossCase.points(c.dimension(), SEED)) {
                double[] x = point.x();
                double[] copy = x.clone();
                double[] exact = new double[c.dimension()];
                double value = loss.newExactGradient().valueAndGradient(x, exact);
                double[] numeric = centralDifference(loss.newEvaluator(), x);
                double error = GradientError.relativeInf(numeric, exact);
                String where = c + " at " + point.name() + " on " + kernels.name();
                assertTrue(error <= 1e-7, () -> where + ": err_inf " + error);
                assertEquals(loss.newEvaluator().value(x), value, 1e-14 * Math.abs(value), where);
                assertArrayEquals(copy, x, () -> where + ": x modified");
            }
        }
    }

    static double[] centralDifference(Evaluator f, double[] x) {
        double[] point = x.clone();
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            point[i] = x[i] + h;
            double plus = f.value(point);
            point[i] = x[i] - h;
            double minus = f.value(point);
            point[i] = x[i];
            gradient[i] = (plus - minus) / (2 * h);
        }
        return gradient;
    }
}
