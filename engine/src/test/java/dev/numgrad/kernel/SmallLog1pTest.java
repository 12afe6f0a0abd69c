package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The log1p polynomial against {@link Math#log1p} (itself within 1 ulp of exact) over its whole
 * range, densest near the limit where the truncation is largest: within 2 ulps, so within 3 of
 * the exact value.
 */
class SmallLog1pTest {

    @Test
    void polynomialMatchesLog1pUpToTheLimit() {
        long seed = 11;
        Random random = new Random(seed);
        for (int trial = 0; trial < 200_000; trial++) {
            double a = switch (trial % 4) {
                case 0 -> SmallLog1p.LIMIT * (2 * random.nextDouble() - 1);
                case 1 -> Math.copySign(SmallLog1p.LIMIT * (1 - 1e-3 * random.nextDouble()), random.nextBoolean() ? 1 : -1);
                case 2 -> Math.copySign(SmallLog1p.LIMIT * Math.pow(10, -300 * random.nextDouble()), random.nextGaussian());
                default -> 1e-6 * random.nextGaussian();
            };
            double expected = Math.log1p(a);
            assertEquals(expected, SmallLog1p.of(a), 2 * Math.ulp(expected), "log1p(" + a + "), seed " + seed);
        }
        for (double edge : new double[]{SmallLog1p.LIMIT, -SmallLog1p.LIMIT, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300}) {
            assertEquals(Math.log1p(edge), SmallLog1p.of(edge), 2 * Math.ulp(Math.log1p(edge)), "log1p(" + edge + ")");
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(SmallLog1p.of(-0.0)), "sign of −0 kept");
        assertEquals(0L, Double.doubleToRawLongBits(SmallLog1p.of(0.0)));
        assertTrue(Double.isNaN(SmallLog1p.orMath(Double.NaN)));
        assertEquals(Double.NEGATIVE_INFINITY, SmallLog1p.orMath(-1.0));
        assertEquals(Math.log1p(0.5), SmallLog1p.orMath(0.5), 0.0, "beyond the limit it is Math.log1p");
    }

    @Test
    void scalarSumLog1pAddsTheTerms() {
        double[] a = {1e-9, -0.003, 0.2, -0.5, 7.0, SmallLog1p.LIMIT, -1e-300};
        double expected = 0;
        double magnitude = 0;
        for (double v : a) {
            expected += Math.log1p(v);
            magnitude += Math.abs(Math.log1p(v));
        }
        assertEquals(expected, Kernels.scalar().sumLog1p(a, 0, a.length), 4 * Math.ulp(magnitude));
        assertEquals(Math.log1p(0.2) + Math.log1p(-0.5), Kernels.scalar().sumLog1p(a, 2, 4), 4 * Math.ulp(1.0));
    }
}
