package dev.numgrad.kernel;

import static dev.numgrad.kernel.KernelAssertions.assertSumClose;
import static dev.numgrad.kernel.KernelAssertions.assertWithinUlps;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Special values through both implementations: ±0, subnormals, huge magnitudes, ±∞ and NaN,
 * placed both in the vector body and in the scalar tail. Where IEEE arithmetic makes the result
 * independent of summation order (NaN, a lone infinity, exact subnormal sums) the two must
 * agree exactly; elsewhere the tolerances of {@link KernelEquivalenceTest} apply.
 */
class KernelBoundaryTest {

    private static final KernelSupport SCALAR = Kernels.scalar();
    private static final KernelSupport PANAMA = KernelAssertions.panama();

    /** Long enough for the four-accumulator body (≥ 4 vectors of 8), plus a scalar tail. */
    private static final int LENGTH = 4 * 8 + 5;

    private static double[] filled(double value) {
        double[] a = new double[LENGTH];
        Arrays.fill(a, value);
        return a;
    }

    private static double[] ones() {
        return filled(1.0);
    }

    /** Asserts both implementations give the same dot, with one special at every position. */
    private static void assertDotAgrees(String what, double[] base, double special, double[] b) {
        for (int position = 0; position < LENGTH; position++) {
            double[] a = base.clone();
            a[position] = special;
            double expected = SCALAR.dot(a, 0, b, 0, LENGTH);
            double actual = PANAMA.dot(a, 0, b, 0, LENGTH);
            int at = position;
            assertEquals(expected, actual, () -> what + " at position " + at);
        }
    }

    @Test
    @Covers("dot")
    void dotPropagatesNaNAndInfinityFromAnyPosition() {
        double[] base = new Random(11).doubles(LENGTH, -1, 1).toArray();
        assertDotAgrees("NaN", base, Double.NaN, ones());
        assertDotAgrees("+inf", base, Double.POSITIVE_INFINITY, ones());
        assertDotAgrees("-inf", base, Double.NEGATIVE_INFINITY, ones());
        assertDotAgrees("inf times zero", base, Double.POSITIVE_INFINITY, filled(0.0));
        assertTrue(Double.isNaN(PANAMA.dot(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, 0,
                new double[] {1, 1}, 0, 2)), "inf - inf is NaN");
    }

    @Test
    @Covers("dot")
    void dotOfZerosSubnormalsAndHugeValues() {
        double[] zeros = filled(-0.0);
        assertEquals(SCALAR.dot(zeros, 0, zeros, 0, LENGTH), PANAMA.dot(zeros, 0, zeros, 0, LENGTH), "signed zeros");
        // Sums of subnormal products are exact (multiples of MIN_VALUE well below 2⁵³·MIN_VALUE),
        // so order cannot matter.
        double[] subnormal = new Random(12).ints(LENGTH, -1000, 1000).mapToDouble(k -> k * Double.MIN_VALUE).toArray();
        assertEquals(SCALAR.dot(subnormal, 0, ones(), 0, LENGTH), PANAMA.dot(subnormal, 0, ones(), 0, LENGTH),
                "subnormal sum");
        // Huge times tiny stays finite and exercises the full exponent range.
        double[] huge = new Random(13).doubles(LENGTH, -1, 1).map(v -> v * 1e300).toArray();
        double[] tiny = new Random(14).doubles(LENGTH, -1, 1).map(v -> v * 1e-300).toArray();
        double sumOfAbsoluteTerms = 0;
        for (int k = 0; k < LENGTH; k++) {
            sumOfAbsoluteTerms += Math.abs(huge[k] * tiny[k]);
        }
        assertSumClose(SCALAR.dot(huge, 0, tiny, 0, LENGTH), PANAMA.dot(huge, 0, tiny, 0, LENGTH), LENGTH,
                sumOfAbsoluteTerms, () -> "huge times tiny");
        // Products that overflow, all positive: +inf in any order.
        double[] big = filled(1e200);
        assertEquals(Double.POSITIVE_INFINITY, SCALAR.dot(big, 0, big, 0, LENGTH));
        assertEquals(Double.POSITIVE_INFINITY, PANAMA.dot(big, 0, big, 0, LENGTH));
    }

    @Test
    @Covers("sumOfSquares")
    void sumOfSquaresBoundaries() {
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e200}) {
            for (int position = 0; position < LENGTH; position++) {
                double[] a = new Random(15).doubles(LENGTH, -1, 1).toArray();
                a[position] = special;
                int at = position;
                assertEquals(SCALAR.sumOfSquares(a, 0, LENGTH), PANAMA.sumOfSquares(a, 0, LENGTH),
                        () -> special + " at position " + at);
            }
        }
        double[] zeros = filled(-0.0);
        assertEquals(0.0, PANAMA.sumOfSquares(zeros, 0, LENGTH), "(-0)² sums to +0");
        double[] subnormal = filled(Double.MIN_VALUE);
        assertEquals(SCALAR.sumOfSquares(subnormal, 0, LENGTH), PANAMA.sumOfSquares(subnormal, 0, LENGTH),
                "squares of subnormals underflow the same way");
    }

    @Test
    @Covers("rosenbrock")
    void rosenbrockBoundaries() {
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e200}) {
            for (int position = 0; position < LENGTH; position++) {
                double[] x = new Random(16).doubles(LENGTH, -1, 1).toArray();
                x[position] = special;
                int at = position;
                assertEquals(SCALAR.rosenbrock(x, 0, LENGTH), PANAMA.rosenbrock(x, 0, LENGTH),
                        () -> special + " at position " + at);
            }
        }
        double[] ones = filled(1.0);
        assertEquals(0.0, PANAMA.rosenbrock(ones, 0, LENGTH), "zero at the minimum (1, …, 1)");
        assertEquals(0.0, PANAMA.rosenbrock(ones, 3, 4), "one coordinate holds no term");
        assertEquals(0.0, PANAMA.rosenbrock(ones, 3, 3), "an empty range holds no term");
    }

    @Test
    @Covers("gemvProbes")
    void gemvProbesBoundariesMatchGemvBitForBit() {
        int rows = 5;
        int cols = KernelAssertions.SPECIALS.length;
        double[] a = KernelAssertions.specialsOfLength(rows * cols);
        double[] x = new Random(17).doubles(cols, -1, 1).toArray();
        int[] coordinates = {0, cols - 1, 3, 3, cols / 2};
        double[] steps = {1e-300, -1e300, Double.NaN, Double.POSITIVE_INFINITY, -0.0};
        for (KernelSupport kernels : new KernelSupport[] {SCALAR, PANAMA}) {
            double[] y = new double[coordinates.length * rows];
            kernels.gemvProbes(a, 0, rows, cols, x, 0, coordinates, steps, coordinates.length, y, 0,
                    new double[KernelSupport.probeWorkLength(cols)]);
            for (int j = 0; j < coordinates.length; j++) {
                double[] point = x.clone();
                point[coordinates[j]] += steps[j];
                double[] expected = new double[rows];
                kernels.gemv(a, 0, rows, cols, point, 0, expected, 0);
                assertArrayEquals(expected, Arrays.copyOfRange(y, j * rows, (j + 1) * rows),
                        kernels.name() + " probe " + j + " step " + steps[j]);
            }
        }
        double[] work = new double[KernelSupport.probeWorkLength(cols) - 1];
        assertThrows(IndexOutOfBoundsException.class, () -> PANAMA.gemvProbes(a, 0, rows, cols, x, 0, coordinates,
                steps, 1, new double[rows], 0, work), "work shorter than probeWorkLength");
        assertThrows(IndexOutOfBoundsException.class, () -> SCALAR.gemvProbes(a, 0, rows, cols, x, 0,
                new int[] {cols}, steps, 1, new double[rows], 0, new double[cols + 640]), "coordinate cols");
    }

    /**
     * Special values anywhere in the point give rosenbrock's bits from a segment too (any NaN for
     * a NaN); a range beyond the segment's doubles, or reversed, is rejected.
     */
    @Test
    @Covers("rosenbrockSegment")
    void rosenbrockSegmentBoundariesMatchRosenbrockBitForBit() {
        // long enough for the groups of four vectors, a vector tail and a scalar tail
        int length = 4 * LENGTH;
        double[] x = KernelAssertions.specialsOfLength(length);
        MemorySegment aligned = KernelSupport.alignedCopy(x);
        for (KernelSupport kernels : new KernelSupport[] {SCALAR, PANAMA}) {
            for (int from = 0; from < 9; from++) {
                for (int to : new int[] {from, from + 1, from + 2, LENGTH, length - 1, length}) {
                    // assertEquals(double, double) compares bits, all NaNs alike: Java leaves a
                    // NaN result's sign and payload open, and C2 may order an operation's operands
                    assertEquals(kernels.rosenbrock(x, from, to), kernels.rosenbrockSegment(aligned, from, to),
                            kernels.name() + " rosenbrockSegment over specials [" + from + ", " + to + ")");
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> kernels.rosenbrockSegment(aligned, 0, length + 1),
                    kernels.name());
            assertThrows(IndexOutOfBoundsException.class, () -> kernels.rosenbrockSegment(aligned, 3, 2),
                    kernels.name());
            assertThrows(IndexOutOfBoundsException.class, () -> kernels.rosenbrockSegment(aligned, -1, 2),
                    kernels.name());
        }
    }

    /**
     * NaN and infinities in the vector body, the scalar tail, a second block of rows and a
     * leftover row give gemv's bits from the segment too; a segment too short, or x or y too
     * short, is rejected before y is written.
     */
    @Test
    @Covers({"gemvSegment", "gemvSegmentFromLastRow"})
    void gemvSegmentBoundariesMatchGemvBitForBit() {
        int rows = 9;
        int cols = LENGTH;
        double[] a = new Random(18).doubles(rows * cols, -1, 1).toArray();
        a[0 * cols + 3] = Double.NaN;
        a[1 * cols + cols - 1] = Double.POSITIVE_INFINITY;
        a[4 * cols + 2] = Double.NEGATIVE_INFINITY;
        a[5 * cols + 1] = Double.MIN_VALUE;
        a[6 * cols + 4] = -Double.MAX_VALUE;
        a[8 * cols + 7] = Double.NaN;
        double[] x = new Random(19).doubles(cols, 0.5, 1).toArray();
        x[5] = -0.0;
        MemorySegment segment = KernelSupport.alignedCopy(a);
        for (KernelSupport kernels : new KernelSupport[] {SCALAR, PANAMA}) {
            double[] expected = new double[rows];
            double[] actual = new double[rows];
            kernels.gemv(a, 0, rows, cols, x, 0, expected, 0);
            kernels.gemvSegment(segment, rows, cols, x, 0, actual, 0);
            assertArrayEquals(expected, actual, kernels.name() + " gemvSegment over specials");
            double[] backwards = new double[rows];
            kernels.gemvSegmentFromLastRow(segment, rows, cols, x, 0, backwards, 0);
            assertArrayEquals(expected, backwards, kernels.name() + " gemvSegmentFromLastRow over specials");

            double[] out = filled(7.0);
            double[] untouched = out.clone();
            MemorySegment short1 = segment.asSlice(0, segment.byteSize() - Double.BYTES);
            List<Executable> calls = List.of(
                    () -> kernels.gemvSegment(short1, rows, cols, x, 0, out, 0),
                    () -> kernels.gemvSegment(segment, rows, cols, x, 1, out, 0),
                    () -> kernels.gemvSegment(segment, rows, cols, x, 0, out, LENGTH - rows + 1),
                    () -> kernels.gemvSegmentFromLastRow(short1, rows, cols, x, 0, out, 0),
                    () -> kernels.gemvSegmentFromLastRow(segment, rows, cols, x, 1, out, 0),
                    () -> kernels.gemvSegmentFromLastRow(segment, rows, cols, x, 0, out, LENGTH - rows + 1));
            for (Executable call : calls) {
                assertThrows(IndexOutOfBoundsException.class, call, kernels.name());
                assertArrayEquals(untouched, out, kernels.name() + " wrote before rejecting");
            }
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> kernels.gemvSegment(segment, -2, -3, x, 0, out, 0));
            assertTrue(negative.getMessage().contains("-2 x -3"), negative.getMessage());
        }
    }

    @Test
    @Covers({"axpy", "gemvTransposed"})
    void axpyAndTransposedProductAreBitIdenticalOnSpecials() {
        double[] x = KernelAssertions.specialsOfLength(LENGTH);
        for (double alpha : new double[] {0.0, -0.0, 1e-310, 1e300, Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] expected = filled(-0.0);
            double[] actual = filled(-0.0);
            SCALAR.axpy(alpha, x, 0, expected, 0, LENGTH);
            PANAMA.axpy(alpha, x, 0, actual, 0, LENGTH);
            assertArrayEquals(expected, actual, "axpy alpha " + alpha);
        }
        int rows = 5;
        int cols = KernelAssertions.SPECIALS.length;
        double[] a = KernelAssertions.specialsOfLength(rows * cols);
        double[] v = {1.0, -0.0, 1e-310, 1e300, -2.0};
        double[] expected = new double[cols];
        double[] actual = new double[cols];
        SCALAR.gemvTransposed(a, 0, rows, cols, v, 0, expected, 0);
        PANAMA.gemvTransposed(a, 0, rows, cols, v, 0, actual, 0);
        assertArrayEquals(expected, actual, "gemvTransposed over specials");
    }

    @Test
    @Covers("gemv")
    void gemvPropagatesSpecialsRowByRow() {
        int rows = 9;
        int cols = LENGTH;
        double[] a = new Random(16).doubles(rows * cols, -1, 1).toArray();
        a[0 * cols + 3] = Double.NaN;                   // row 0: NaN in the vector body
        a[1 * cols + cols - 1] = Double.POSITIVE_INFINITY; // row 1: +inf in the scalar tail
        a[4 * cols + 2] = Double.NEGATIVE_INFINITY;     // row 4: -inf, second block of four rows
        a[8 * cols + 7] = Double.NaN;                   // row 8: a leftover row
        double[] x = new Random(17).doubles(cols, 0.5, 1).toArray();
        double[] expected = new double[rows];
        double[] actual = new double[rows];
        SCALAR.gemv(a, 0, rows, cols, x, 0, expected, 0);
        PANAMA.gemv(a, 0, rows, cols, x, 0, actual, 0);
        assertTrue(Double.isNaN(actual[0]) && actual[1] == Double.POSITIVE_INFINITY
                && actual[4] == Double.NEGATIVE_INFINITY && Double.isNaN(actual[8]), Arrays.toString(actual));
        for (int r = 0; r < rows; r++) {
            if (r != 0 && r != 1 && r != 4 && r != 8) {
                double sumOfAbsoluteTerms = 0;
                for (int c = 0; c < cols; c++) {
                    sumOfAbsoluteTerms += Math.abs(a[r * cols + c] * x[c]);
                }
                int row = r;
                assertSumClose(expected[r], actual[r], cols, sumOfAbsoluteTerms, () -> "row " + row);
            }
        }
    }

    /**
     * gemm over every special value, in the four-row, four-vector block and in every tail:
     * bit-identical to the reference (same fmas in the same order, so overflow, ∞ − ∞ and signed
     * zeros come out the same), and NaN spreads exactly along its row of A or column of B.
     */
    @Test
    @Covers("gemm")
    void gemmOnSpecialsAndNaNPropagation() {
        int rows = 9;
        int inner = KernelAssertions.SPECIALS.length;
        int cols = 4 * 8 + 3;
        for (int shift = 0; shift < 3; shift++) {
            double[] a = KernelAssertions.specialsOfLength(rows * inner + shift);
            double[] b = KernelAssertions.specialsOfLength(inner * cols + 2 * shift);
            double[] expected = KernelAssertions.specialsOfLength(rows * cols + 1);
            double[] actual = expected.clone();
            SCALAR.gemm(a, shift, rows, inner, b, 2 * shift, cols, expected, 1);
            PANAMA.gemm(a, shift, rows, inner, b, 2 * shift, cols, actual, 1);
            assertArrayEquals(expected, actual, "gemm over specials, shift " + shift);
        }
        // finite data with one NaN in A (row 5) and one in B (column 33, the scalar tail): exactly
        // that row and that column of C are NaN
        double[] a = new Random(18).doubles(rows * 40, -1, 1).toArray();
        double[] b = new Random(19).doubles(40 * cols, -1, 1).toArray();
        a[5 * 40 + 17] = Double.NaN;
        b[11 * cols + 33] = Double.NaN;
        for (KernelSupport k : new KernelSupport[] {SCALAR, PANAMA}) {
            double[] c = new double[rows * cols];
            k.gemm(a, 0, rows, 40, b, 0, cols, c, 0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    boolean nan = r == 5 || j == 33;
                    assertEquals(nan, Double.isNaN(c[r * cols + j]), k.name() + " C[" + r + "][" + j + "]");
                }
            }
        }
        // −0 + (+0)·x = +0 but −0 + (−0)·(+x) = −0: the accumulator's sign survives an empty or zero product
        for (KernelSupport k : new KernelSupport[] {SCALAR, PANAMA}) {
            double[] c = {-0.0, -0.0, -0.0, -0.0};
            k.gemm(new double[] {-0.0, 0.0}, 0, 2, 1, new double[] {1, 1}, 0, 2, c, 0);
            assertArrayEquals(new double[] {-0.0, -0.0, 0.0, 0.0}, c, k.name() + " signed zeros");
            double[] untouched = {-0.0, 5.0};
            k.gemm(new double[0], 0, 1, 0, new double[0], 0, 2, untouched, 0);
            assertArrayEquals(new double[] {-0.0, 5.0}, untouched, k.name() + " inner 0 leaves C as it was");
        }
    }

    /** Each special once in the vector body (offset 0) and once in the scalar tail (offset 3). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    @Covers({"tanh", "softplus", "sigmoid", "relu"})
    void activationsOnSpecials(Activation function) {
        for (int shift = 0; shift < 4; shift++) {
            double[] in = new double[KernelAssertions.SPECIALS.length + 8];
            System.arraycopy(KernelAssertions.SPECIALS, 0, in, shift, KernelAssertions.SPECIALS.length);
            double[] expected = new double[in.length];
            double[] actual = new double[in.length];
            function.apply(SCALAR, in, expected, 0, in.length);
            function.apply(PANAMA, in, actual, 0, in.length);
            List<Executable> checks = new ArrayList<>();
            for (int k = 0; k < in.length; k++) {
                int index = k;
                checks.add(() -> assertWithinUlps(expected[index], actual[index], function.ulps,
                        () -> function + "(" + in[index] + ")"));
            }
            assertAll(function.name(), checks);
        }
    }

    @Test
    @Covers({"tanh", "softplus", "sigmoid", "relu"})
    void activationsHaveTheirLimits() {
        KernelSupport[] both = {SCALAR, PANAMA};
        for (KernelSupport k : both) {
            double[] in = {-750, 750, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0, 0};
            double[] out = new double[in.length];
            k.softplus(in, out, 0, in.length);
            assertArrayEquals(new double[] {0, 750, Math.log(2), Double.NaN, 0, Double.POSITIVE_INFINITY,
                    Math.log(2), Math.log(2), Math.log(2)}, out, k.name() + " softplus");
            k.sigmoid(in, out, 0, in.length);
            assertArrayEquals(new double[] {0, 1, 0.5, Double.NaN, 0, 1, 0.5, 0.5, 0.5}, out, k.name() + " sigmoid");
            k.tanh(in, out, 0, in.length);
            assertArrayEquals(new double[] {-1, 1, -0.0, Double.NaN, -1, 1, 0, 0, 0}, out, k.name() + " tanh");
            k.relu(in, out, 0, in.length);
            assertArrayEquals(new double[] {0, 750, 0.0, Double.NaN, 0, Double.POSITIVE_INFINITY, 0, 0, 0}, out,
                    k.name() + " relu");
        }
    }

    @Test
    @Covers("logSumExp")
    void logSumExpBoundaries() {
        KernelSupport[] both = {SCALAR, PANAMA};
        double ln2 = Math.log(2);
        for (KernelSupport k : both) {
            String name = k.name();
            assertEquals(Double.NEGATIVE_INFINITY, k.logSumExp(new double[3], 1, 1), name + " empty range");
            assertEquals(Double.NEGATIVE_INFINITY, k.logSumExp(filled(Double.NEGATIVE_INFINITY), 0, LENGTH),
                    name + " all -inf");
            double[] withInfinity = filled(1.0);
            withInfinity[LENGTH - 1] = Double.POSITIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, k.logSumExp(withInfinity, 0, LENGTH), name + " +inf");
            double[] withNaN = filled(1.0);
            withNaN[2] = Double.NaN;
            assertTrue(Double.isNaN(k.logSumExp(withNaN, 0, LENGTH)), name + " NaN in the body");
            withNaN[2] = 1.0;
            withNaN[LENGTH - 1] = Double.NaN;
            assertTrue(Double.isNaN(k.logSumExp(withNaN, 0, LENGTH)), name + " NaN in the tail");
            double[] nanAndInfinity = filled(Double.POSITIVE_INFINITY);
            nanAndInfinity[5] = Double.NaN;
            assertTrue(Double.isNaN(k.logSumExp(nanAndInfinity, 0, LENGTH)), name + " NaN beats +inf");
            // −∞ entries contribute e^−∞ = 0: the result is that of the finite entries.
            double[] twoFinite = filled(Double.NEGATIVE_INFINITY);
            twoFinite[3] = 1000;
            twoFinite[LENGTH - 2] = 1000;
            assertWithinUlps(1000 + ln2, k.logSumExp(twoFinite, 0, LENGTH), 1, () -> name + " 1000 + ln 2");
            // Huge values would overflow exp without the max shift.
            double[] huge = filled(Double.MAX_VALUE);
            assertWithinUlps(Double.MAX_VALUE, k.logSumExp(huge, 0, LENGTH), 1, () -> name + " MAX_VALUE");
            double[] spread = filled(-Double.MAX_VALUE);
            spread[0] = 700;
            assertEquals(700, k.logSumExp(spread, 0, LENGTH), name + " MAX_VALUE apart");
            // Equal entries: log(n·eᵃ) = a + log n.
            assertWithinUlps(-3 + Math.log(LENGTH), k.logSumExp(filled(-3), 0, LENGTH), 2, () -> name + " equal");
        }
    }

    @Test
    void bothRejectBadRangesBeforeWriting() {
        for (KernelSupport k : new KernelSupport[] {SCALAR, PANAMA}) {
            double[] a = new double[40];
            double[] out = filled(7.0);
            double[] untouched = out.clone();
            List<Executable> calls = List.of(
                    () -> k.dot(a, 30, a, 0, 11),
                    () -> k.dot(a, 0, a, -1, 5),
                    () -> k.axpy(1, a, 0, out, 20, 20),
                    () -> k.sumOfSquares(a, 5, 41),
                    () -> k.sumOfSquares(a, 6, 5),
                    () -> k.gemv(a, 0, 5, 9, a, 0, out, 0),
                    () -> k.gemv(a, 0, 4, 10, a, 31, out, 0),
                    () -> k.gemvTransposed(a, 0, 4, 10, a, 0, out, 30),
                    () -> k.tanh(a, out, 0, 40),
                    () -> k.softplus(a, out, -1, 3),
                    () -> k.sigmoid(a, out, 30, 41),
                    () -> k.relu(a, out, 0, 38),
                    () -> k.logSumExp(a, 3, 41),
                    () -> k.gemm(a, 1, 4, 10, a, 0, 2, out, 0),
                    () -> k.gemm(a, 0, 2, 5, a, 31, 2, out, 0),
                    () -> k.gemm(a, 0, 2, 5, a, 0, 2, out, LENGTH - 3));
            for (Executable call : calls) {
                assertThrows(IndexOutOfBoundsException.class, call, k.name());
                assertArrayEquals(untouched, out, k.name() + " wrote before rejecting");
            }
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> k.gemv(a, 0, -2, -3, a, 0, out, 0));
            assertTrue(negative.getMessage().contains("-2 x -3"), negative.getMessage());
            IllegalArgumentException negativeInner = assertThrows(IllegalArgumentException.class,
                    () -> k.gemm(a, 0, 2, -1, a, 0, 3, out, 0));
            assertTrue(negativeInner.getMessage().contains("2 x -1"), negativeInner.getMessage());
            assertArrayEquals(untouched, out, k.name() + " wrote before rejecting a negative shape");
        }
    }
}
