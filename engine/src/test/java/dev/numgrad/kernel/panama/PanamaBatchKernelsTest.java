package dev.numgrad.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.Covers;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The delta-evaluation batch kernels on the Vector API against the scalar reference, over lengths
 * around lane multiples with random offsets. Tolerances: element-wise 8 ulps of the larger
 * magnitude (VectorMath's and Math's transcendentals, each within 1–2 ulps, then a division or
 * an fma), for tanhDifference times its conditioning 1/(1 + tanh z·tanh dz); the log1p sum n·4ε·Σ|log1p aₖ| (different summation order).
 */
class PanamaBatchKernelsTest {

    private static final int[] LENGTHS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 1021, 1024, 4099};
    private static final KernelSupport SCALAR = Kernels.scalar();

    @Test
    @Covers("tanhDifference")
    void tanhDifferenceMatchesScalar() {
        for (int length : LENGTHS) {
            long seed = 5000 + length;
            Random random = new Random(seed);
            int offset = random.nextInt(5);
            int vOffset = random.nextInt(5);
            int outOffset = random.nextInt(5);
            double[] z = new double[offset + length];
            double[] t = new double[offset + length];
            double[] sech2 = new double[offset + length];
            double[] v = new double[vOffset + length];
            for (int k = 0; k < length; k++) {
                // mostly moderate, some saturated pre-activations and some large opposite changes
                z[offset + k] = random.nextInt(8) == 0 ? 25 * random.nextGaussian() : 2 * random.nextGaussian();
                t[offset + k] = Math.tanh(z[offset + k]);
                double e = Math.exp(-2 * Math.abs(z[offset + k]));
                sech2[offset + k] = 4 * e / ((1 + e) * (1 + e));
                v[vOffset + k] = random.nextInt(8) == 0 ? -30 * Math.signum(z[offset + k]) : random.nextGaussian();
            }
            for (double alpha : new double[]{1e-6, -0.5, 1.0}) {
                double[] expected = new double[outOffset + length];
                double[] actual = new double[outOffset + length];
                SCALAR.tanhDifference(z, t, sech2, offset, alpha, v, vOffset, expected, outOffset, length);
                PanamaBatchKernels.tanhDifference(z, t, sech2, offset, alpha, v, vOffset, actual, outOffset, length);
                // u·sech²z/(1 + t·u) passes an ulp of u = tanh dz on amplified by |t·u|/(1 + t·u) (up
                // to 64 before the log-domain form takes over), and the two tanh differ by an ulp or two
                double[] conditioning = new double[outOffset + length];
                java.util.Arrays.fill(conditioning, 1.0);
                for (int k = 0; k < length; k++) {
                    double denominator = Math.fma(t[offset + k], Math.tanh(alpha * v[vOffset + k]), 1.0);
                    conditioning[outOffset + k] = Math.max(1.0, 1.0 / Math.abs(denominator));
                }
                assertElementwise(expected, actual, conditioning,
                        "tanhDifference length " + length + " alpha " + alpha + ", seed " + seed);
            }
        }
    }

    @Test
    @Covers("addExpm1Scaled")
    void addExpm1ScaledMatchesScalar() {
        for (int length : LENGTHS) {
            long seed = 6000 + length;
            Random random = new Random(seed);
            int pOffset = random.nextInt(5);
            int vOffset = random.nextInt(5);
            int outOffset = random.nextInt(5);
            double[] p = new double[pOffset + length];
            double[] v = new double[vOffset + length];
            double[] start = new double[outOffset + length];
            for (int k = 0; k < length; k++) {
                p[pOffset + k] = random.nextDouble();
                v[vOffset + k] = random.nextGaussian();
                start[outOffset + k] = 1e-7 * random.nextGaussian();
            }
            for (double alpha : new double[]{1e-9, -1e-3, 2.0}) {
                double[] expected = start.clone();
                double[] actual = start.clone();
                SCALAR.addExpm1Scaled(p, pOffset, alpha, v, vOffset, expected, outOffset, length);
                PanamaBatchKernels.addExpm1Scaled(p, pOffset, alpha, v, vOffset, actual, outOffset, length);
                assertElementwise(expected, actual, "addExpm1Scaled length " + length + " alpha " + alpha + ", seed " + seed);
            }
        }
    }

    @Test
    @Covers("sumLog1p")
    void sumLog1pMatchesScalar() {
        for (int length : LENGTHS) {
            long seed = 7000 + length;
            Random random = new Random(seed);
            int from = random.nextInt(5);
            double[] a = new double[from + length + 3];
            double magnitude = 0;
            for (int k = 0; k < a.length; k++) {
                a[k] = random.nextBoolean() ? 1e-8 * random.nextGaussian() : 0.9 * random.nextDouble() - 0.45;
            }
            for (int k = from; k < from + length; k++) {
                magnitude += Math.abs(Math.log1p(a[k]));
            }
            double expected = SCALAR.sumLog1p(a, from, from + length);
            double actual = PanamaBatchKernels.sumLog1p(a, from, from + length);
            assertEquals(expected, actual, length * 4 * Math.ulp(1.0) * magnitude, "sumLog1p length " + length + ", seed " + seed);
        }
    }

    @Test
    @Covers("powerSeries")
    void powerSeriesMatchesScalarBitForBit() {
        // the same fma chain in the same order in both: identical results
        for (int length : LENGTHS) {
            long seed = 8000 + length;
            Random random = new Random(seed);
            int offset = random.nextInt(5);
            int xOffset = random.nextInt(5);
            int outOffset = random.nextInt(5);
            for (int terms : new int[]{1, 2, 6}) {
                int stride = length + random.nextInt(3);
                double[] coefficients = new double[offset + terms * stride];
                for (int k = 0; k < coefficients.length; k++) {
                    coefficients[k] = random.nextGaussian();
                }
                double[] x = new double[xOffset + length];
                for (int k = 0; k < length; k++) {
                    x[xOffset + k] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
                }
                double[] expected = new double[outOffset + length];
                double[] actual = new double[outOffset + length];
                SCALAR.powerSeries(coefficients, offset, stride, terms, x, xOffset, expected, outOffset, length);
                PanamaBatchKernels.powerSeries(coefficients, offset, stride, terms, x, xOffset, actual, outOffset, length);
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(Double.doubleToLongBits(expected[k]), Double.doubleToLongBits(actual[k]),
                            "powerSeries length " + length + " terms " + terms + " element " + k + ", seed " + seed);
                }
            }
        }
        // against a direct sum: 1 + 2x + 3x² (no constant) at x = 0.5 is 0.5 + 0.5 + 0.375
        double[] out = new double[1];
        SCALAR.powerSeries(new double[]{1, 2, 3}, 0, 1, 3, new double[]{0.5}, 0, out, 0, 1);
        assertEquals(1.375, out[0], 0.0);
    }

    @Test
    @Covers({"tanhDifference", "addExpm1Scaled", "sumLog1p", "powerSeries"})
    void boundaryValues() {
        double[] special = {0.0, -0.0, Double.NaN, 1e-300, -1e-300, Double.MIN_VALUE, 700, -700, 1e300, -1e300};
        int n = special.length;
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        double[] half = new double[n];
        java.util.Arrays.fill(half, 0.5);
        // expm1 of ±0, NaN, subnormal, ±700, huge
        double[] expected = new double[n];
        double[] actual = new double[n];
        SCALAR.addExpm1Scaled(half, 0, 1.0, special, 0, expected, 0, n);
        PanamaBatchKernels.addExpm1Scaled(half, 0, 1.0, special, 0, actual, 0, n);
        assertElementwise(expected, actual, "addExpm1Scaled boundary values");
        assertTrue(Double.isNaN(actual[2]), "NaN propagates");
        assertEquals(Double.doubleToRawLongBits(expected[1]), Double.doubleToRawLongBits(actual[1]),
                "0.5·expm1(−0) + 0 has the same sign in both");
        // tanh change of a zero step is zero, of NaN is NaN
        double[] z = {0.3, -2.0, 19.0, -40.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0};
        double[] t = new double[n];
        double[] sech2 = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = Math.tanh(z[k]);
            sech2[k] = 1 / (Math.cosh(z[k]) * Math.cosh(z[k]));
        }
        SCALAR.tanhDifference(z, t, sech2, 0, 1.0, special, 0, expected, 0, n);
        PanamaBatchKernels.tanhDifference(z, t, sech2, 0, 1.0, special, 0, actual, 0, n);
        assertElementwise(expected, actual, "tanhDifference boundary values");
        assertEquals(0.0, actual[0], 0.0);
        assertTrue(Double.isNaN(actual[2]), "NaN propagates");
        assertTrue(Double.isNaN(PanamaBatchKernels.sumLog1p(special, 0, n)), "NaN propagates through the sum");
        assertEquals(Double.NEGATIVE_INFINITY, PanamaBatchKernels.sumLog1p(new double[]{-1, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 9));
        // the power series over the special values, two terms: the same fma chain, the same bits
        double[] coefficients = new double[2 * n];
        java.util.Arrays.fill(coefficients, 0.75);
        SCALAR.powerSeries(coefficients, 0, n, 2, special, 0, expected, 0, n);
        PanamaBatchKernels.powerSeries(coefficients, 0, n, 2, special, 0, actual, 0, n);
        for (int k = 0; k < n; k++) {
            assertEquals(Double.doubleToLongBits(expected[k]), Double.doubleToLongBits(actual[k]),
                    "powerSeries of " + special[k]);
        }
    }

    @Test
    @Covers("tanhSeriesDeltaPair")
    void tanhSeriesDeltaPairGivesTheSeparateKernelsBits() {
        KernelSupport panama = new PanamaKernelSupport();
        for (int length : LENGTHS) {
            long seed = 9000 + length;
            Random random = new Random(seed);
            int terms = 6;
            PairCase c = PairCase.random(random, length, terms);
            for (double step : new double[]{1e-6, -1e-6, 3e-4, 1e-2}) {
                String what = "length " + length + " step " + step + ", seed " + seed;
                double[] changePlus = new double[length];
                double[] changeMinus = new double[length];
                double[] sums = new double[2];
                assertTrue(panama.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, step, c.v, c.vOffset, c.coefficients,
                        c.stride, terms, c.labelWeight, changePlus, changeMinus, length, sums), what + ": declined");
                double[] separatePlus = c.separate(panama, step, terms);
                double[] separateMinus = c.separate(panama, -step, terms);
                assertBits(separatePlus[0], sums[0], what + ": +step sum");
                assertBits(separateMinus[0], sums[1], what + ": −step sum");
                for (int k = 0; k < length; k++) {
                    assertBits(separatePlus[1 + k], changePlus[k], what + ": +step change " + k);
                    assertBits(separateMinus[1 + k], changeMinus[k], what + ": −step change " + k);
                }
                // and the scalar reference, which has no fused pass, by its separate kernels
                assertFalse(SCALAR.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, step, c.v, c.vOffset, c.coefficients,
                        c.stride, terms, c.labelWeight, changePlus, changeMinus, length, sums));
                double[] scalarPlus = c.separate(SCALAR, step, terms);
                double scale = Math.abs(step) * (length + 1); // |sum| ≤ Σ|Δa|·(1 + |w|), |Δa| ≤ |step·v|, |v|, |w| < 1
                assertEquals(scalarPlus[0], separatePlus[0], 64 * length * Math.ulp(scale), what + ": against scalar");
            }
        }
    }

    @Test
    @Covers("tanhSeriesDeltaPair")
    void tanhSeriesDeltaPairBoundaryValues() {
        KernelSupport panama = new PanamaKernelSupport();
        int length = 19; // two vectors and a scalar tail
        PairCase c = PairCase.random(new Random(91), length, 6);
        double[] changePlus = new double[length];
        double[] changeMinus = new double[length];
        double[] sums = new double[2];
        // a zero step changes nothing, with either sign of zero
        for (double zero : new double[]{0.0, -0.0}) {
            assertTrue(panama.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, zero, c.v, c.vOffset, c.coefficients,
                    c.stride, 6, c.labelWeight, changePlus, changeMinus, length, sums));
            assertEquals(0.0, sums[0], 0.0);
            assertEquals(0.0, sums[1], 0.0);
        }
        // NaN in the direction, in a vector lane and in the tail: NaN sums, as the separate kernels give
        for (int lane : new int[]{3, 17}) {
            double saved = c.v[c.vOffset + lane];
            c.v[c.vOffset + lane] = Double.NaN;
            assertTrue(panama.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, 1e-6, c.v, c.vOffset, c.coefficients,
                    c.stride, 6, c.labelWeight, changePlus, changeMinus, length, sums));
            assertTrue(Double.isNaN(sums[0]) && Double.isNaN(sums[1]), "NaN at " + lane);
            assertTrue(Double.isNaN(c.separate(panama, 1e-6, 6)[0]), "separate kernels: NaN at " + lane);
            c.v[c.vOffset + lane] = saved;
        }
        // declines, leaving sums alone, where a separate kernel takes its slow branch: a step past
        // tanh's series (2⁻⁵) in one lane or in the tail, and a softmax shift past log1p's polynomial
        for (int lane : new int[]{5, 18}) {
            double saved = c.v[c.vOffset + lane];
            c.v[c.vOffset + lane] = 0x1p-5 / 1e-3 * 1.01;
            sums[0] = 7;
            sums[1] = 7;
            assertFalse(panama.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, 1e-3, c.v, c.vOffset, c.coefficients,
                    c.stride, 6, c.labelWeight, changePlus, changeMinus, length, sums), "large step at " + lane);
            assertEquals(7.0, sums[0], 0.0);
            assertEquals(7.0, sums[1], 0.0);
            c.v[c.vOffset + lane] = saved;
        }
        double[] large = c.coefficients.clone();
        java.util.Arrays.fill(large, 40.0); // shift ≈ 40·Δa with Δa up to 1e-2·|v| beyond 2⁻⁷
        assertFalse(panama.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, 1e-2, c.v, c.vOffset, large,
                c.stride, 6, c.labelWeight, changePlus, changeMinus, length, sums), "large shift");
        assertEquals(7.0, sums[0], 0.0);
        // ranges are checked before anything is read, naming the array
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> panama.tanhSeriesDeltaPair(c.t, c.sech2, c.offset, 1e-6, c.v, c.vOffset, c.coefficients,
                        c.stride, 6, new double[length - 1], changePlus, changeMinus, length, sums));
        assertTrue(e.getMessage().contains("labelWeight"), e.getMessage());
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": " + expected + " vs " + actual);
    }

    /**
     * The arrays of one last-hidden unit's delta at random offsets: tanh z and sech²z of real
     * pre-activations, inputs in (−1, 1), series coefficients m_n = Σ_c p_c·w_cⁿ/n! of a random
     * softmax over 10 classes with |w| < 1, as {@code MlpDeltaEvaluator} caches them.
     */
    private record PairCase(double[] t, double[] sech2, int offset, double[] v, int vOffset, double[] coefficients,
                            int stride, double[] labelWeight) {

        static PairCase random(Random random, int length, int terms) {
            int offset = random.nextInt(5);
            int vOffset = random.nextInt(5);
            int stride = offset + length + random.nextInt(3);
            double[] t = new double[offset + length];
            double[] sech2 = new double[offset + length];
            double[] labelWeight = new double[offset + length];
            double[] coefficients = new double[offset + terms * stride];
            double[] v = new double[vOffset + length];
            for (int k = 0; k < length; k++) {
                double z = 2 * random.nextGaussian();
                t[offset + k] = Math.tanh(z);
                double e = Math.exp(-2 * Math.abs(z));
                sech2[offset + k] = 4 * e / ((1 + e) * (1 + e));
                labelWeight[offset + k] = 2 * random.nextDouble() - 1;
                v[vOffset + k] = 2 * random.nextDouble() - 1;
                double[] p = new double[10];
                double total = 0;
                for (int c = 0; c < p.length; c++) {
                    p[c] = Math.exp(random.nextGaussian());
                    total += p[c];
                }
                for (int c = 0; c < p.length; c++) {
                    double w = 2 * random.nextDouble() - 1;
                    double term = p[c] / total;
                    for (int n = 0; n < terms; n++) {
                        term *= w / (n + 1);
                        coefficients[offset + n * stride + k] += term;
                    }
                }
            }
            return new PairCase(t, sech2, offset, v, vOffset, coefficients, stride, labelWeight);
        }

        /** {sumLog1p(series(Δa)) − dot(labelWeight, Δa), Δa…} by the separate kernels. */
        double[] separate(KernelSupport kernels, double step, int terms) {
            int length = t.length - offset;
            double[] change = new double[length];
            double[] shift = new double[length];
            double[] z = new double[offset + length]; // read only for saturated units, which a small step never makes
            for (int k = 0; k < length; k++) {
                z[offset + k] = atanh(t[offset + k]);
            }
            kernels.tanhDifference(z, t, sech2, offset, step, v, vOffset, change, 0, length);
            kernels.powerSeries(coefficients, offset, stride, terms, change, 0, shift, 0, length);
            double[] result = new double[1 + length];
            result[0] = kernels.sumLog1p(shift, 0, length) - kernels.dot(labelWeight, offset, change, 0, length);
            System.arraycopy(change, 0, result, 1, length);
            return result;
        }

        private static double atanh(double t) {
            return 0.5 * Math.log1p(2 * t / (1 - t));
        }
    }

    private static void assertElementwise(double[] expected, double[] actual, String what) {
        double[] ones = new double[expected.length];
        java.util.Arrays.fill(ones, 1.0);
        assertElementwise(expected, actual, ones, what);
    }

    /** 8 ulps times {@code conditioning[k]} at element k. */
    private static void assertElementwise(double[] expected, double[] actual, double[] conditioning, String what) {
        for (int k = 0; k < expected.length; k++) {
            if (Double.isNaN(expected[k]) || Double.isNaN(actual[k])) {
                assertTrue(Double.isNaN(expected[k]) && Double.isNaN(actual[k]), what + ": NaN mismatch at " + k);
                continue;
            }
            double tolerance = 8 * conditioning[k] * Math.ulp(Math.max(Math.abs(expected[k]), Math.abs(actual[k])));
            assertEquals(expected[k], actual[k], tolerance, what + ", element " + k);
        }
    }
}
