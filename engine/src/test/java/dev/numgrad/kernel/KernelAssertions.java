package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/** Tolerances and input generators shared by the kernel tests. */
final class KernelAssertions {

    /** Unit roundoff of double, 2⁻⁵³. */
    static final double EPS = Math.ulp(1.0) / 2;

    /**
     * Lengths around multiples of every lane count in use (2, 4, 8 doubles), plus long ones that
     * exercise the four-accumulator body, its vector tail and the scalar tail together.
     */
    static final int[] LENGTHS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 1021, 1024, 4099};

    /**
     * Per-element tolerance of the vectorised transcendental kernels, in ulps of the scalar
     * result. Both sides are within 1 ulp of exact for tanh; softplus and sigmoid compose exp
     * with log1p or a division, which adds at most one rounding each. Measured: ≤ 1 ulp for
     * tanh, ≤ 2 for softplus and sigmoid.
     */
    static final double ACTIVATION_ULPS = 4;

    /** Every special input the activations must handle; repeated to fill vectors and tails. */
    static final double[] SPECIALS = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -1e-310, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 19.0, -19.0, 37.0, -37.0, 700.0, -700.0, 710.0, -710.0,
        745.0, -745.0, 750.0, -750.0, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
    };

    private KernelAssertions() {
    }

    /** {@link #SPECIALS} repeated to {@code length}. */
    static double[] specialsOfLength(int length) {
        double[] a = new double[length];
        for (int k = 0; k < length; k++) {
            a[k] = SPECIALS[k % SPECIALS.length];
        }
        return a;
    }

    /** The Panama kernels, already compiled by C2 (see {@link CompiledPanama}). */
    static KernelSupport panama() {
        return CompiledPanama.KERNELS;
    }

    /**
     * Warms the Panama kernels up before any test compares them (once per test JVM), so that
     * most comparisons run C2-compiled code, which is what users run (the kernels give the same
     * bits in every tier, VectorMath included, but the code paths differ). Long inputs make each
     * kernel's own loop hot, so it is compiled on its own and not only inlined into this loop.
     * Compilation is asynchronous, so this is best effort; the deterministic C2 check is
     * {@link PanamaReproducibilityTest}, whose child JVM compiles in the foreground.
     */
    private static final class CompiledPanama {
        static final int CALLS = 500;
        static final KernelSupport KERNELS = Kernels.panama().orElseThrow(() -> new AssertionError(
                "the Panama kernels are unavailable: tests must run with --add-modules jdk.incubator.vector"));

        static {
            // Long inputs: each call runs hundreds of loop iterations, so every kernel's own loop
            // and then the kernel method itself pass the tier-4 thresholds and are compiled on
            // their own, rather than only inlined into this warm-up loop.
            Random random = new Random(20_000);
            int n = 4099;
            double[] a = randomArray(random, n);
            double[] b = randomArray(random, n);
            double[] out = new double[n];
            int rows = 9;
            int cols = 455;
            double[] matrix = randomArray(random, rows * cols);
            double sink = 0;
            for (int call = 0; call < CALLS; call++) {
                sink += KERNELS.dot(a, 0, b, 0, n);
                sink += KERNELS.sumOfSquares(a, 0, n);
                sink += KERNELS.logSumExp(a, 0, n);
                KERNELS.axpy(1e-9, a, 0, out, 0, n);
                KERNELS.gemv(matrix, 0, rows, cols, a, 0, out, 0);
                KERNELS.gemvTransposed(matrix, 0, rows, cols, a, 0, out, 0);
                KERNELS.gemm(matrix, 0, rows, 128, b, 0, 32, out, 0); // 4-row, 4-vector blocks and leftovers
                KERNELS.tanh(a, out, 0, n);
                KERNELS.softplus(a, out, 0, n);
                KERNELS.sigmoid(a, out, 0, n);
                KERNELS.relu(a, out, 0, n);
            }
            if (Double.isNaN(sink)) {
                throw new AssertionError("warm-up produced NaN from finite inputs");
            }
        }
    }

    /**
     * Random doubles in ±[2⁻⁸, 2⁸): mixed magnitudes so that summation order matters and the
     * tolerances are exercised, not just met trivially.
     */
    static double[] randomArray(Random random, int length) {
        double[] a = new double[length];
        for (int k = 0; k < length; k++) {
            a[k] = (2 * random.nextDouble() - 1) * Math.scalb(1.0, random.nextInt(17) - 8);
        }
        return a;
    }

    /**
     * Two sums of the same terms in different orders, each within {@code n·ε/(1 − n·ε)·Σ|termₖ|}
     * of the exact sum (Higham, Accuracy and Stability, §4.2; an fma contributes one rounding
     * per term like an add): they differ by at most twice that.
     */
    static double reorderedSumTolerance(int terms, double sumOfAbsoluteTerms) {
        double gamma = terms * EPS / (1 - terms * EPS);
        return 2 * gamma * sumOfAbsoluteTerms;
    }

    static void assertSumClose(double expected, double actual, int terms, double sumOfAbsoluteTerms,
                               Supplier<String> context) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            if (Double.compare(expected, actual) != 0) {
                fail(context.get() + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double tolerance = reorderedSumTolerance(terms, sumOfAbsoluteTerms);
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail(context.get() + ": expected " + expected + " but was " + actual + ", difference "
                    + Math.abs(expected - actual) + " > tolerance " + tolerance + " (2·γₙ·Σ|terms|, n = " + terms + ")");
        }
    }

    /** NaN matches NaN, an infinity or a zero matches itself exactly (sign included), else ulps. */
    static void assertWithinUlps(double expected, double actual, double ulps, Supplier<String> context) {
        boolean exactOnly = Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0;
        if (exactOnly) {
            if (Double.compare(expected, actual) != 0) {
                fail(context.get() + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double tolerance = ulps * Math.ulp(expected);
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail(context.get() + ": expected " + expected + " but was " + actual + ", "
                    + Math.abs(expected - actual) / Math.ulp(expected) + " ulps > " + ulps);
        }
    }

    static void assertUnchanged(double[] before, double[] after, String name, Supplier<String> context) {
        if (!Arrays.equals(before, after)) {
            fail(context.get() + ": input " + name + " was modified");
        }
    }

    /** Elements of {@code actual} outside [from, to) equal those of {@code before}. */
    static void assertOutsideUnchanged(double[] before, double[] actual, int from, int to, Supplier<String> context) {
        assertArrayEquals(Arrays.copyOfRange(before, 0, from), Arrays.copyOfRange(actual, 0, from),
                () -> context.get() + ": wrote before the range");
        assertArrayEquals(Arrays.copyOfRange(before, to, before.length), Arrays.copyOfRange(actual, to, actual.length),
                () -> context.get() + ": wrote after the range");
    }
}
