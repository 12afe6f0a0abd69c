package dev.numgrad.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath#tanhSmall}, the Taylor polynomial that delta evaluation's tanh difference uses
 * for steps within {@link VectorMath#TANH_SERIES_LIMIT}: within an ulp of tanh (a 40-digit
 * series), vector lanes bit-identical to the scalar version, and odd bit for bit.
 */
class TanhSmallTest {

    private static final long SEED = 20261201L;
    private static final int SAMPLES = 20_000;
    private static final MathContext DIGITS = new MathContext(40);

    /** tanh x by its Taylor series to 40 digits: for |x| ≤ 1/32 the terms fall below 1e-40 by x²⁷. */
    private static double exactTanh(double x) {
        // tanh x = Σ 2^{2n}(2^{2n} − 1)B_{2n} x^{2n−1}/(2n)!: the first coefficients, exact fractions
        long[][] coefficients = {
            {1, 1}, {-1, 3}, {2, 15}, {-17, 315}, {62, 2835}, {-1382, 155925}, {21844, 6081075},
            {-929569, 638512875}, {6404582, 10854718875L}, {-443861162, 1856156927625L},
            {18888466084L, 194896477400625L}, {-113927491862L, 2900518163668125L},
            {58870668456604L, 3698160658676859375L},
        };
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, DIGITS);
        BigDecimal power = bx;
        BigDecimal sum = BigDecimal.ZERO;
        for (long[] c : coefficients) {
            sum = sum.add(power.multiply(BigDecimal.valueOf(c[0])).divide(BigDecimal.valueOf(c[1]), DIGITS), DIGITS);
            power = power.multiply(x2, DIGITS);
        }
        return sum.doubleValue();
    }

    private static double vectorLane(double x) {
        double[] in = new double[PanamaConstants.LANES];
        java.util.Arrays.fill(in, x);
        return VectorMath.tanhSmall(DoubleVector.fromArray(PanamaConstants.SPECIES, in, 0)).lane(PanamaConstants.LANES - 1);
    }

    @Test
    void withinAnUlpOfTanhAndLanesMatchTheScalarVersion() {
        Random random = new Random(SEED);
        double worst = 0;
        for (int n = 0; n < SAMPLES; n++) {
            // every binade from 2⁻⁴⁰ up to the limit equally often, both signs
            double x = Math.scalb(1 + random.nextDouble(), -40 + random.nextInt(35));
            x = Math.min(x, VectorMath.TANH_SERIES_LIMIT);
            if (random.nextBoolean()) {
                x = -x;
            }
            double scalar = VectorMath.tanhSmallScalar(x);
            assertEquals(Double.doubleToRawLongBits(scalar), Double.doubleToRawLongBits(vectorLane(x)),
                    "vector lane differs from the scalar version at x = " + x + " (seed " + SEED + ")");
            assertEquals(Double.doubleToRawLongBits(-scalar), Double.doubleToRawLongBits(VectorMath.tanhSmallScalar(-x)),
                    "not odd bit for bit at x = " + x + " (seed " + SEED + ")");
            double exact = exactTanh(x);
            double ulps = Math.abs(scalar - exact) / Math.ulp(exact);
            worst = Math.max(worst, ulps);
            assertTrue(ulps <= 1.0, "tanhSmall(" + x + ") = " + scalar + " is " + ulps + " ulps from " + exact
                    + " (seed " + SEED + ")");
        }
        System.out.println("tanhSmall: worst " + worst + " ulps over " + SAMPLES + " arguments");
    }

    @Test
    void specialValues() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(VectorMath.tanhSmallScalar(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(VectorMath.tanhSmallScalar(-0.0)));
        assertEquals(Double.MIN_VALUE, VectorMath.tanhSmallScalar(Double.MIN_VALUE));
        assertTrue(Double.isNaN(VectorMath.tanhSmallScalar(Double.NaN)));
        assertTrue(Double.isNaN(vectorLane(Double.NaN)));
        double limit = VectorMath.TANH_SERIES_LIMIT;
        assertEquals(exactTanh(limit), VectorMath.tanhSmallScalar(limit), Math.ulp(limit), "at the limit " + limit);
    }
}
