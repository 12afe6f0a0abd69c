package dev.numgrad.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Main class for {@link PanamaReproducibilityTest}: prints the bits of every pure-arithmetic
 * Panama kernel on fixed inputs (one line per kernel), after calling them {@code args[0]} times
 * so that a JVM with a low compile threshold has compiled them by then; with {@code args[1]}
 * "activations" it then prints, per transcendental activation, the largest difference from the
 * scalar reference in ulps over 8 192 random inputs and every special value of
 * {@link KernelAssertions#SPECIALS} at every lane position.
 */
public final class ReproducibilityProbe {

    private static final long SEED = 42;

    private ReproducibilityProbe() {
    }

    static List<String> results(KernelSupport kernels) {
        Random random = new Random(SEED);
        int n = 1027;
        int rows = 9;
        int cols = 131;
        double[] a = KernelAssertions.randomArray(random, n);
        double[] b = KernelAssertions.randomArray(random, n);
        double[] matrix = KernelAssertions.randomArray(random, rows * cols);
        List<String> lines = new ArrayList<>();
        // Twenty reductions each: one may round the same in any order, twenty rarely do.
        long[] dots = new long[20];
        long[] sumsOfSquares = new long[20];
        for (int k = 0; k < 20; k++) {
            dots[k] = Double.doubleToRawLongBits(kernels.dot(a, k, b, 2 * k, n - 40 - k));
            sumsOfSquares[k] = Double.doubleToRawLongBits(kernels.sumOfSquares(a, k, n - k));
        }
        lines.add("dot " + Arrays.toString(dots));
        lines.add("sumOfSquares " + Arrays.toString(sumsOfSquares));
        double[] y = b.clone();
        kernels.axpy(0.3, a, 0, y, 0, n);
        lines.add("axpy " + Arrays.hashCode(y));
        double[] rowsOut = new double[rows];
        kernels.gemv(matrix, 0, rows, cols, a, 0, rowsOut, 0);
        lines.add("gemv " + Arrays.toString(Arrays.stream(rowsOut).mapToLong(Double::doubleToRawLongBits).toArray()));
        double[] colsOut = new double[cols];
        kernels.gemvTransposed(matrix, 0, rows, cols, a, 0, colsOut, 0);
        lines.add("gemvTransposed " + Arrays.hashCode(colsOut));
        double[] relu = new double[n];
        kernels.relu(a, relu, 0, n);
        lines.add("relu " + Arrays.hashCode(relu));
        return lines;
    }

    public static void main(String[] args) {
        KernelSupport panama = Kernels.panama().orElseThrow();
        int repeats = Integer.parseInt(args[0]);
        for (int k = 1; k < repeats; k++) {
            results(panama);
        }
        results(panama).forEach(System.out::println);
        if (args.length > 1 && args[1].equals("activations")) {
            printActivationUlps(panama, repeats);
        }
    }

    private static void printActivationUlps(KernelSupport panama, int repeats) {
        KernelSupport scalar = Kernels.scalar();
        // random arguments, then every special value at every lane position
        double[] random = KernelAssertions.randomArray(new Random(SEED), 8_192);
        double[] specials = KernelAssertions.specialsOfLength(8 * KernelAssertions.SPECIALS.length);
        double[] in = new double[random.length + specials.length];
        System.arraycopy(random, 0, in, 0, random.length);
        System.arraycopy(specials, 0, in, random.length, specials.length);
        double[] expected = new double[in.length];
        double[] actual = new double[in.length];
        for (Activation function : Activation.values()) {
            for (int k = 0; k < repeats; k++) {
                function.apply(panama, in, actual, 0, 64); // compile before measuring
            }
            function.apply(scalar, in, expected, 0, in.length);
            function.apply(panama, in, actual, 0, in.length);
            double maxUlps = 0;
            for (int k = 0; k < in.length; k++) {
                maxUlps = Math.max(maxUlps, ulpsApart(expected[k], actual[k]));
            }
            System.out.println("ulps " + function + " " + maxUlps);
        }
    }

    /** 0 for identical values (NaN included); infinite when a NaN, ±∞ or ±0 is not matched exactly. */
    private static double ulpsApart(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return 0;
        }
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0 || Double.isNaN(actual)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(expected - actual) / Math.ulp(expected);
    }
}
