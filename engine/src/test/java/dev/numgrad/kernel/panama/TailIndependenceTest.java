package dev.numgrad.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An element's value from a transcendental Panama kernel does not depend on whether it falls in
 * a vector lane or in the scalar tail: the same element computed over ranges that start at
 * every offset 0 … LANES has the same bits. (The scalar tails repeat the lanes' VectorMath
 * operations; with {@code lanewise(TANH)} and a {@link Math#tanh} tail they differed.)
 */
class TailIndependenceTest {

    private static final PanamaKernelSupport PANAMA = new PanamaKernelSupport();

    private interface ElementWise {
        void apply(double[] in, double[] out, int from, int to);
    }

    @Test
    void activationsGiveTheSameBitsInLanesAndTail() {
        long seed = 314;
        double[] in = arguments(new Random(seed), 5 * PanamaConstants.LANES + 3);
        ElementWise[] kernels = {PANAMA::tanh, PANAMA::sigmoid, PANAMA::softplus};
        String[] names = {"tanh", "sigmoid", "softplus"};
        for (int f = 0; f < kernels.length; f++) {
            double[] reference = new double[in.length];
            kernels[f].apply(in, reference, 0, in.length);
            for (int from = 1; from <= PanamaConstants.LANES; from++) {
                double[] out = new double[in.length];
                kernels[f].apply(in, out, from, in.length);
                for (int k = from; k < in.length; k++) {
                    int index = k;
                    int start = from;
                    String name = names[f];
                    assertEquals(Double.doubleToLongBits(reference[k]), Double.doubleToLongBits(out[k]),
                            () -> name + "(" + in[index] + ") from " + start + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void batchKernelsGiveTheSameBitsInLanesAndTail() {
        long seed = 2718;
        Random random = new Random(seed);
        int n = 5 * PanamaConstants.LANES + 3;
        double[] z = new double[n];
        double[] t = new double[n];
        double[] sech2 = new double[n];
        double[] v = arguments(random, n);
        for (int k = 0; k < n; k++) {
            // some saturated pairs: z large against a large opposite change
            z[k] = random.nextInt(4) == 0 ? -25 * Math.signum(v[k]) : 2 * random.nextGaussian();
            t[k] = Math.tanh(z[k]);
            double e = Math.exp(-2 * Math.abs(z[k]));
            sech2[k] = 4 * e / ((1 + e) * (1 + e));
        }
        for (double alpha : new double[]{1e-6, 1.0, 30.0}) {
            double[] changes = new double[n];
            double[] sums = new double[n];
            PANAMA.tanhDifference(z, t, sech2, 0, alpha, v, 0, changes, 0, n);
            PANAMA.addExpm1Scaled(sech2, 0, alpha, v, 0, sums, 0, n);
            for (int from = 1; from <= PanamaConstants.LANES; from++) {
                double[] change = new double[n];
                double[] sum = new double[n];
                PANAMA.tanhDifference(z, t, sech2, from, alpha, v, from, change, from, n - from);
                PANAMA.addExpm1Scaled(sech2, from, alpha, v, from, sum, from, n - from);
                for (int k = from; k < n; k++) {
                    String what = "element " + k + " from " + from + " alpha " + alpha + ", seed " + seed;
                    assertEquals(Double.doubleToLongBits(changes[k]), Double.doubleToLongBits(change[k]),
                            "tanhDifference " + what);
                    assertEquals(Double.doubleToLongBits(sums[k]), Double.doubleToLongBits(sum[k]),
                            "addExpm1Scaled " + what);
                }
            }
        }
    }

    /** Gaussians over scales 2⁻⁴⁰ … 2⁶, with ±0, ±∞ and NaN mixed in. */
    private static double[] arguments(Random random, int n) {
        double[] specials = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
        double[] in = new double[n];
        for (int k = 0; k < n; k++) {
            in[k] = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)]
                    : random.nextGaussian() * Math.scalb(1.0, random.nextInt(47) - 40);
        }
        return in;
    }
}
