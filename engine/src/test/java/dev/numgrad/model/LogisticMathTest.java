package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * {@link LogisticMath#softplusDifference} against 60-digit arithmetic over margins and changes
 * from the far tails to the subnormal range, including changes so large that expm1 overflows.
 *
 * <p>Tolerance, from the error analysis in {@link LogisticMath}: a result smaller than log 1.5
 * in magnitude is accurate to 16 ulps of itself; a larger one to 16·ε·(|Δ| + |d|), the size of
 * the logarithms it is assembled from. The naive difference of two softplus values fails the
 * first bound by many orders of magnitude for |d| ≤ 1e-8. The reference itself carries 60
 * digits, so differences below 1e-55 of the softplus values (d = 1e-300) are not checked.
 */
class LogisticMathTest {

    private static final double[] MARGINS = {-800, -40, -5, -1, -1e-9, 0, 1e-300, 0.3, 3, 40, 800};
    // around the series limit 2⁻¹⁰ ≈ 9.77e-4 on both sides, and around the log1p range
    private static final double[] CHANGES = {1e-300, 1e-12, 1e-8, 1e-5, 9.7e-4, 0x1p-10, 9.8e-4, 2e-3, 0.3, 0.9, 5, 50, 800, 1e5};

    @Test
    void softplusDifferenceIsAccurateEverywhere() {
        for (double u : MARGINS) {
            BigDecimal base = ReferenceLosses.softplus(new BigDecimal(u));
            double sigmoid = sigmoid(u);
            double softplusU = softplus(u);
            double softplusNegU = softplus(-u);
            for (double magnitude : CHANGES) {
                for (double d : new double[] {magnitude, -magnitude}) {
                    BigDecimal moved = new BigDecimal(u).add(new BigDecimal(d));
                    double expected = ReferenceLosses.softplus(moved).subtract(base).doubleValue();
                    double actual = LogisticMath.softplusDifference(sigmoid, softplusU, softplusNegU, d);
                    double tolerance = Math.abs(expected) < Math.log(1.5)
                            ? 16 * Math.ulp(expected)
                            : 16 * Math.ulp(1.0) * (Math.abs(expected) + Math.abs(d));
                    // The 60-digit reference cannot resolve a change below 1e-55 of the terms.
                    tolerance += 1e-55 * (softplusU + softplus(u + d));
                    assertEquals(expected, actual, tolerance, "u = " + u + ", d = " + d);
                }
            }
        }
    }

    @Test
    void logAddExpNeverOverflows() {
        assertEquals(1000 + Math.log(2), LogisticMath.logAddExp(1000, 1000), 1e-12);
        assertEquals(-1000, LogisticMath.logAddExp(-1000, -2000), 0.0);
        assertEquals(800, LogisticMath.logAddExp(800, -800), 0.0);
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
