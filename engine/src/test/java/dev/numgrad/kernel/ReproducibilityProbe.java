package dev.numgrad.kernel;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Main class for {@link PanamaReproducibilityTest}: prints the bits of every Panama kernel on
 * fixed inputs (one line per kernel and variant), after calling them {@code args[0]} times
 * so that a JVM with a low compile threshold has compiled them by then; with {@code args[1]}
 * "activations" it then prints, per transcendental kernel, the largest difference from the
 * scalar reference in ulps over 8 192 random inputs and every special value of
 * {@link KernelAssertions#SPECIALS} at every lane position, and the bytes allocated by 1000
 * calls of every kernel.
 */
public final class ReproducibilityProbe {

    private static final long SEED = 42;
    /** gemvProbes' probes: coordinates in vector chunks, a repeat, one in the scalar tail of 131 columns. */
    private static final int[] PROBES = {0, 9, 9, 64, 127, 130};
    private static final double[] PROBE_STEPS = {0x1p-18, -0x1p-18, 0x1p-17, 1e-3, -2.5, 0x1p-18};
    private static final double[] probeWork = new double[KernelSupport.probeWorkLength(131)];
    /** Rows of 2053 doubles: long enough for gemvSegment's groups of eight (2048 or more). */
    private static final int WIDE_COLS = 2053;
    /**
     * 16 such rows and an x, made once: the probe's own code runs interpreted in the C2-only
     * child, where filling them on every call took seconds.
     */
    private static final MemorySegment WIDE =
            KernelSupport.alignedCopy(KernelAssertions.randomArray(new Random(SEED + 3), 16 * WIDE_COLS));
    private static final double[] WIDE_X = KernelAssertions.randomArray(new Random(SEED + 4), WIDE_COLS);

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
        long[] rosenbrocks = new long[20];
        for (int k = 0; k < 20; k++) {
            rosenbrocks[k] = Double.doubleToRawLongBits(kernels.rosenbrock(a, k, n - k));
            dots[k] = Double.doubleToRawLongBits(kernels.dot(a, k, b, 2 * k, n - 40 - k));
            sumsOfSquares[k] = Double.doubleToRawLongBits(kernels.sumOfSquares(a, k, n - k));
        }
        lines.add("dot " + Arrays.toString(dots));
        lines.add("sumOfSquares " + Arrays.toString(sumsOfSquares));
        lines.add("rosenbrock " + Arrays.toString(rosenbrocks));
        MemorySegment aAligned = KernelSupport.alignedCopy(a);
        for (int k = 0; k < 20; k++) {
            rosenbrocks[k] = Double.doubleToRawLongBits(kernels.rosenbrockSegment(aAligned, k, n - k));
        }
        lines.add("rosenbrockSegment " + Arrays.toString(rosenbrocks));
        double[] y = b.clone();
        kernels.axpy(0.3, a, 0, y, 0, n);
        lines.add("axpy " + Arrays.hashCode(y));
        double[] rowsOut = new double[rows];
        kernels.gemv(matrix, 0, rows, cols, a, 0, rowsOut, 0);
        lines.add("gemv " + Arrays.toString(Arrays.stream(rowsOut).mapToLong(Double::doubleToRawLongBits).toArray()));
        // rows of 131 doubles: every row but the first starts off a cache line, tails and leftover rows included
        MemorySegment matrixSegment = KernelSupport.alignedCopy(matrix);
        kernels.gemvSegment(matrixSegment, rows, cols, a, 0, rowsOut, 0);
        lines.add("gemvSegment " + Arrays.toString(Arrays.stream(rowsOut).mapToLong(Double::doubleToRawLongBits)
                .toArray()));
        // 121 columns: an odd number of 8-lane vectors, so the one-vector step runs too
        kernels.gemvSegment(matrixSegment, rows, cols - 10, a, 0, rowsOut, 0);
        lines.add("gemvSegment odd " + Arrays.toString(Arrays.stream(rowsOut).mapToLong(Double::doubleToRawLongBits)
                .toArray()));
        // 16 wide rows: gemvSegment's groups of eight, in both directions (rows this long in
        // groups of four: see callEveryKernel)
        double[] wideOut = new double[16];
        kernels.gemvSegment(WIDE, 16, WIDE_COLS, WIDE_X, 0, wideOut, 0);
        lines.add("gemvSegment wide " + Arrays.toString(Arrays.stream(wideOut).mapToLong(Double::doubleToRawLongBits)
                .toArray()));
        kernels.gemvSegmentFromLastRow(WIDE, 16, WIDE_COLS, WIDE_X, 0, wideOut, 0);
        lines.add("gemvSegmentFromLastRow wide " + Arrays.toString(Arrays.stream(wideOut)
                .mapToLong(Double::doubleToRawLongBits).toArray()));
        double[] probesOut = new double[rows * PROBES.length];
        kernels.gemvProbes(matrix, 0, rows, cols, a, 0, PROBES, PROBE_STEPS, PROBES.length, probesOut, 0, probeWork);
        lines.add("gemvProbes " + Arrays.toString(Arrays.stream(probesOut).mapToLong(Double::doubleToRawLongBits)
                .toArray()));
        double[] colsOut = new double[cols];
        kernels.gemvTransposed(matrix, 0, rows, cols, a, 0, colsOut, 0);
        lines.add("gemvTransposed " + Arrays.hashCode(colsOut));
        double[] product = new double[rows * 37];
        kernels.gemm(matrix, 0, rows, 27, b, 0, 37, product, 0);
        lines.add("gemm " + Arrays.hashCode(product));
        double[] relu = new double[n];
        kernels.relu(a, relu, 0, n);
        lines.add("relu " + Arrays.hashCode(relu));
        double[] series = new double[cols];
        kernels.powerSeries(matrix, 0, cols, rows, a, 0, series, 0, cols);
        lines.add("powerSeries " + Arrays.hashCode(series));
        // softmax-shift sized arguments take sumLog1p's polynomial, which is pure arithmetic
        double[] shifts = Arrays.stream(a).map(v -> v * 0x1p-16).toArray();
        lines.add("sumLog1p " + Double.doubleToRawLongBits(kernels.sumLog1p(shifts, 1, n)));
        transcendentalResults(kernels, random, lines);
        return lines;
    }

    /**
     * The transcendental kernels (VectorMath inside): random arguments over several scales, then
     * every special value at every lane position, at two offsets so that elements move between
     * vector lanes and the scalar tail.
     */
    private static void transcendentalResults(KernelSupport kernels, Random random, List<String> lines) {
        double[] specials = KernelAssertions.specialsOfLength(8 * KernelAssertions.SPECIALS.length);
        int n = 2051 + specials.length;
        double[] in = new double[n];
        for (int k = 0; k < 2051; k++) {
            in[k] = random.nextGaussian() * Math.scalb(1.0, random.nextInt(12) - 4);
        }
        System.arraycopy(specials, 0, in, 2051, specials.length);
        double[] out = new double[n];
        for (int from : new int[]{0, 3}) {
            kernels.tanh(in, out, from, n);
            lines.add("tanh " + from + " " + Arrays.hashCode(out));
            kernels.sigmoid(in, out, from, n);
            lines.add("sigmoid " + from + " " + Arrays.hashCode(out));
            kernels.softplus(in, out, from, n);
            lines.add("softplus " + from + " " + Arrays.hashCode(out));
            lines.add("logSumExp " + from + " " + Double.doubleToRawLongBits(kernels.logSumExp(in, from, 2051)));
            lines.add("sumLog1p " + from + " " + Double.doubleToRawLongBits(
                    kernels.sumLog1p(Arrays.stream(in, 0, 2051).map(Math::abs).toArray(), from, 2051)));
        }
        // tanhDifference with some saturated pairs (z and dz large, opposite signs), addExpm1Scaled
        int m = 1029;
        double[] z = new double[m];
        double[] t = new double[m];
        double[] sech2 = new double[m];
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            z[k] = random.nextInt(8) == 0 ? 25 * random.nextGaussian() : 2 * random.nextGaussian();
            t[k] = Math.tanh(z[k]);
            double e = Math.exp(-2 * Math.abs(z[k]));
            sech2[k] = 4 * e / ((1 + e) * (1 + e));
            v[k] = random.nextInt(8) == 0 ? -30 * Math.signum(z[k]) : random.nextGaussian();
        }
        for (double alpha : new double[]{1e-6, 1.0}) {
            double[] change = new double[m];
            kernels.tanhDifference(z, t, sech2, 1, alpha, v, 1, change, 0, m - 1);
            lines.add("tanhDifference " + alpha + " " + Arrays.hashCode(change));
            double[] sum = t.clone();
            kernels.addExpm1Scaled(sech2, 2, alpha, v, 0, sum, 1, m - 2);
            lines.add("addExpm1Scaled " + alpha + " " + Arrays.hashCode(sum));
        }
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
            printBatchUlps(panama, repeats);
            printAllocatedBytes(panama);
        }
    }

    /** Largest ulps between Panama and scalar for the transcendental batch kernels. */
    private static void printBatchUlps(KernelSupport panama, int repeats) {
        KernelSupport scalar = Kernels.scalar();
        Random random = new Random(SEED + 1);
        int n = 4099;
        double[] z = new double[n];
        double[] t = new double[n];
        double[] sech2 = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            z[k] = random.nextInt(8) == 0 ? 25 * random.nextGaussian() : 2 * random.nextGaussian();
            t[k] = Math.tanh(z[k]);
            double e = Math.exp(-2 * Math.abs(z[k]));
            sech2[k] = 4 * e / ((1 + e) * (1 + e));
            v[k] = random.nextInt(8) == 0 ? -30 * Math.signum(z[k]) : random.nextGaussian();
        }
        double[] expected = new double[n];
        double[] actual = new double[n];
        for (int k = 0; k < repeats; k++) {
            panama.tanhDifference(z, t, sech2, 0, 0.5, v, 0, actual, 0, 64);
            panama.addExpm1Scaled(t, 0, 0.5, v, 0, actual, 0, 64);
        }
        scalar.tanhDifference(z, t, sech2, 0, 0.5, v, 0, expected, 0, n);
        panama.tanhDifference(z, t, sech2, 0, 0.5, v, 0, actual, 0, n);
        System.out.println("batchUlps tanhDifference " + maxUlps(expected, actual));
        double[] p = Arrays.stream(t).map(Math::abs).toArray();
        Arrays.fill(expected, 0.0);
        Arrays.fill(actual, 0.0);
        scalar.addExpm1Scaled(p, 0, 0.5, v, 0, expected, 0, n);
        panama.addExpm1Scaled(p, 0, 0.5, v, 0, actual, 0, n);
        System.out.println("batchUlps addExpm1Scaled " + maxUlps(expected, actual));
    }

    private static double maxUlps(double[] expected, double[] actual) {
        double max = 0;
        for (int k = 0; k < expected.length; k++) {
            max = Math.max(max, ulpsApart(expected[k], actual[k]));
        }
        return max;
    }

    /** Bytes this thread allocates over 1000 calls of every Panama kernel, once C2 has compiled them. */
    private static void printAllocatedBytes(KernelSupport panama) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Random random = new Random(SEED + 2);
        int n = 1027;
        double[] a = KernelAssertions.randomArray(random, n);
        double[] b = KernelAssertions.randomArray(random, n);
        double[] out = new double[n];
        double[] small = Arrays.stream(a).map(v -> v * 0x1p-16).toArray();
        // the same calls first, so that every branch (and every deoptimisation) has been compiled
        MemorySegment aSegment = KernelSupport.alignedCopy(a);
        double sink = callEveryKernel(panama, 300, a, aSegment, b, out, small);
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += callEveryKernel(panama, 1000, a, aSegment, b, out, small);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.println("allocated " + allocated + " " + (Double.isNaN(sink) ? "" : "finite"));
    }

    private static double callEveryKernel(KernelSupport panama, int calls, double[] a, MemorySegment aSegment,
                                          double[] b, double[] out, double[] small) {
        int n = a.length;
        double sink = 0;
        for (int call = 0; call < calls; call++) {
            sink += panama.dot(a, 0, b, 0, n) + panama.sumOfSquares(a, 0, n) + panama.rosenbrock(a, 0, n)
                    + panama.rosenbrockSegment(aSegment, 0, n) + panama.rosenbrockSegment(aSegment, 3, n - 5)
                    + panama.logSumExp(a, 0, n)
                    + panama.sumLog1p(small, 0, n);
            panama.axpy(1e-9, a, 0, out, 0, n);
            panama.gemv(a, 0, 8, 128, b, 0, out, 0);
            panama.gemvSegment(aSegment, 9, 113, b, 0, out, 0); // groups of four, a leftover row, a scalar tail
            panama.gemvSegment(aSegment, 4, 121, b, 0, out, 0); // an odd number of 8-lane vectors
            // groups of eight. Not 12 rows (eight, then four): under this probe's forced C2 the
            // four-row step keeps its four row slices on the heap (160 bytes a call) once it has
            // seen rows of 1000 doubles or more, which a default JVM's compiles do not
            // (GradientAllocationTest runs linreg(256,1000), and rows of 2056 in groups of eight
            // and four, end to end). Offsets instead of slices allocate nothing here but run
            // 4-15 % slower in a default JVM.
            panama.gemvSegment(WIDE, 8, WIDE_COLS, WIDE_X, 0, out, 0);
            panama.gemvSegmentFromLastRow(WIDE, 8, WIDE_COLS, WIDE_X, 0, out, 0);
            panama.gemvProbes(a, 0, 8, 128, b, 0, PROBES, PROBE_STEPS, PROBES.length - 1, out, 0, probeWork); // 130 > 127
            panama.gemvTransposed(a, 0, 8, 128, b, 0, out, 0);
            panama.gemm(a, 0, 9, 27, b, 0, 37, out, 0);
            panama.tanh(a, out, 0, n);
            panama.softplus(a, out, 0, n);
            panama.sigmoid(a, out, 0, n);
            panama.relu(a, out, 0, n);
            panama.tanhDifference(a, b, b, 0, 1e-6, a, 0, out, 0, n);
            panama.addExpm1Scaled(b, 0, 1e-6, a, 0, out, 0, n);
            panama.powerSeries(a, 0, 64, 3, b, 0, out, 0, 64);
        }
        return sink;
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
