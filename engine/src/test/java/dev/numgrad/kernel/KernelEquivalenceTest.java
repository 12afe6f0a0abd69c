package dev.numgrad.kernel;

import static dev.numgrad.kernel.KernelAssertions.EPS;
import static dev.numgrad.kernel.KernelAssertions.LENGTHS;
import static dev.numgrad.kernel.KernelAssertions.assertOutsideUnchanged;
import static dev.numgrad.kernel.KernelAssertions.assertSumClose;
import static dev.numgrad.kernel.KernelAssertions.assertUnchanged;
import static dev.numgrad.kernel.KernelAssertions.assertWithinUlps;
import static dev.numgrad.kernel.KernelAssertions.randomArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel, Panama against the scalar reference, on random inputs at random offsets over
 * {@link KernelAssertions#LENGTHS}. Seeded: each case's seed is in its failure message.
 *
 * <p>Tolerances: axpy, gemvTransposed, gemm and relu must be bit-identical (same fma sequence per
 * element); dot, sumOfSquares and gemv rows within {@code 2·γₙ·Σ|termₖ|} (two summation orders);
 * the transcendental activations within {@link KernelAssertions#ACTIVATION_ULPS} ulps;
 * logSumExp within {@code 2(n+4)ε} plus two ulps of the result and of log Σ. The Panama
 * kernels are C2-compiled before the first comparison ({@link KernelAssertions#panama()}).
 */
class KernelEquivalenceTest {

    private static final long SEED = 0x6E756D67726164L; // "numgrad"
    private static final int MAX_OFFSET = 8;

    private static final KernelSupport SCALAR = Kernels.scalar();
    private static final KernelSupport PANAMA = KernelAssertions.panama();

    static IntStream lengths() {
        return IntStream.of(LENGTHS);
    }

    private static long seed(String kernel, int length) {
        return SEED ^ (31L * kernel.hashCode() + length);
    }

    @Test
    @Covers("name")
    void namesIdentifyTheImplementations() {
        assertEquals("scalar", SCALAR.name());
        assertEquals("panama", PANAMA.name());
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    @Covers("dot")
    void dot(int length) {
        long seed = seed("dot", length);
        Random random = new Random(seed);
        int aOffset = random.nextInt(MAX_OFFSET);
        int bOffset = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, aOffset + length + random.nextInt(MAX_OFFSET));
        double[] b = randomArray(random, bOffset + length + random.nextInt(MAX_OFFSET));
        double[] aBefore = a.clone();
        double[] bBefore = b.clone();
        Supplier<String> context = () -> "dot length " + length + " aOffset " + aOffset + " bOffset " + bOffset
                + " (seed " + seed + ")";

        double expected = SCALAR.dot(a, aOffset, b, bOffset, length);
        double actual = PANAMA.dot(a, aOffset, b, bOffset, length);

        double sumOfAbsoluteTerms = 0;
        for (int k = 0; k < length; k++) {
            sumOfAbsoluteTerms += Math.abs(a[aOffset + k] * b[bOffset + k]);
        }
        assertSumClose(expected, actual, length, sumOfAbsoluteTerms, context);
        assertUnchanged(aBefore, a, "a", context);
        assertUnchanged(bBefore, b, "b", context);
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    @Covers("sumOfSquares")
    void sumOfSquares(int length) {
        long seed = seed("sumOfSquares", length);
        Random random = new Random(seed);
        int from = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, from + length + random.nextInt(MAX_OFFSET));
        double[] before = a.clone();
        Supplier<String> context = () -> "sumOfSquares length " + length + " from " + from + " (seed " + seed + ")";

        double expected = SCALAR.sumOfSquares(a, from, from + length);
        double actual = PANAMA.sumOfSquares(a, from, from + length);

        double sumOfTerms = 0;
        for (int k = from; k < from + length; k++) {
            sumOfTerms += a[k] * a[k];
        }
        assertSumClose(expected, actual, length, sumOfTerms, context);
        assertUnchanged(before, a, "a", context);
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    @Covers("rosenbrock")
    void rosenbrock(int length) {
        long seed = seed("rosenbrock", length);
        Random random = new Random(seed);
        int from = random.nextInt(MAX_OFFSET);
        double[] x = randomArray(random, from + length + random.nextInt(MAX_OFFSET));
        double[] before = x.clone();
        Supplier<String> context = () -> "rosenbrock length " + length + " from " + from + " (seed " + seed + ")";

        double expected = SCALAR.rosenbrock(x, from, from + length);
        double actual = PANAMA.rosenbrock(x, from, from + length);

        // Two reordered sums, the valley one scaled by 100: each within 2·γₙ of its own terms.
        double sumOfTerms = 0;
        double reference = 0;
        for (int i = from; i < from + length - 1; i++) {
            double c = x[i + 1] - x[i] * x[i];
            double a = 1 - x[i];
            sumOfTerms += 100 * c * c + a * a;
            reference += 100 * c * c + a * a;
        }
        assertSumClose(expected, actual, length + 2, sumOfTerms, context);
        assertSumClose(reference, expected, length + 2, sumOfTerms, context);
        assertUnchanged(before, x, "x", context);
    }

    /**
     * Each probe's product equals gemv of the perturbed point to the bit, on both implementations
     * (so Panama's batched probes give a black-box gradient the same bits as one probe per
     * evaluation); probes repeat coordinates, fall in the scalar tail, and come in counts that
     * leave a short last pass of four.
     */
    @ParameterizedTest(name = "cols {0}")
    @MethodSource("lengths")
    @Covers("gemvProbes")
    void gemvProbesIsGemvOfEachPerturbedPoint(int cols) {
        long seed = seed("gemvProbes", cols);
        Random random = new Random(seed);
        for (int rows : new int[] {1, 4, 7}) {
            int aOffset = random.nextInt(MAX_OFFSET);
            int xOffset = random.nextInt(MAX_OFFSET);
            int yOffset = random.nextInt(MAX_OFFSET);
            double[] a = randomArray(random, aOffset + rows * cols);
            double[] x = randomArray(random, xOffset + cols);
            int count = cols == 0 ? 0 : 1 + random.nextInt(9);
            int[] coordinates = new int[count];
            double[] steps = new double[count];
            for (int j = 0; j < count; j++) {
                coordinates[j] = j % 3 == 2 ? coordinates[j - 1] : random.nextInt(cols);
                steps[j] = (random.nextBoolean() ? 1 : -1) * Math.scalb(1.0, -random.nextInt(30));
            }
            double[] aBefore = a.clone();
            double[] xBefore = x.clone();
            for (KernelSupport kernels : new KernelSupport[] {SCALAR, PANAMA}) {
                double[] y = new double[yOffset + count * rows + 3];
                double[] work = new double[KernelSupport.probeWorkLength(cols)];
                kernels.gemvProbes(a, aOffset, rows, cols, x, xOffset, coordinates, steps, count, y, yOffset, work);
                for (int j = 0; j < count; j++) {
                    double[] point = x.clone();
                    point[xOffset + coordinates[j]] += steps[j];
                    double[] expected = new double[rows];
                    kernels.gemv(a, aOffset, rows, cols, point, xOffset, expected, 0);
                    double[] actual = Arrays.copyOfRange(y, yOffset + j * rows, yOffset + (j + 1) * rows);
                    int probe = j;
                    assertArrayEquals(expected, actual, () -> kernels.name() + " gemvProbes " + rows + " x " + cols
                            + ", probe " + probe + " of " + count + " (coordinate " + coordinates[probe] + ", seed "
                            + seed + ")");
                }
                for (int k = 0; k < yOffset; k++) {
                    assertEquals(0.0, y[k], "y before yOffset is untouched");
                }
                assertArrayEquals(new double[3], Arrays.copyOfRange(y, yOffset + count * rows, y.length),
                        "y after the last probe is untouched");
            }
            Supplier<String> context = () -> "gemvProbes (seed " + seed + ")";
            assertUnchanged(aBefore, a, "a", context);
            assertUnchanged(xBefore, x, "x", context);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    @Covers("axpy")
    void axpyIsBitIdentical(int length) {
        long seed = seed("axpy", length);
        Random random = new Random(seed);
        int xOffset = random.nextInt(MAX_OFFSET);
        int yOffset = random.nextInt(MAX_OFFSET);
        double alpha = randomArray(random, 1)[0];
        double[] x = randomArray(random, xOffset + length + random.nextInt(MAX_OFFSET));
        double[] y = randomArray(random, yOffset + length + random.nextInt(MAX_OFFSET));
        double[] xBefore = x.clone();
        double[] expected = y.clone();
        double[] actual = y.clone();
        Supplier<String> context = () -> "axpy length " + length + " xOffset " + xOffset + " yOffset " + yOffset
                + " (seed " + seed + ")";

        SCALAR.axpy(alpha, x, xOffset, expected, yOffset, length);
        PANAMA.axpy(alpha, x, xOffset, actual, yOffset, length);

        // whole arrays: also proves nothing outside [yOffset, yOffset + length) was written
        assertArrayEquals(expected, actual, context);
        assertOutsideUnchanged(y, actual, yOffset, yOffset + length, context);
        assertUnchanged(xBefore, x, "x", context);
    }

    /**
     * Row counts around the four- and eight-row blocks (12 and 15: eight rows, then four, then
     * none or three alone); column counts around lane multiples, and rows long enough for
     * gemvSegment's groups of eight (from 2048 doubles).
     */
    static Stream<Arguments> shapes() {
        int[] rows = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 17, 33};
        int[] cols = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 127, 1021, 2047, 2048, 2053};
        return Arrays.stream(rows).boxed().flatMap(r -> Arrays.stream(cols).mapToObj(c -> Arguments.of(r, c)));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    @Covers("gemv")
    void gemv(int rows, int cols) {
        long seed = seed("gemv", rows * 4096 + cols);
        Random random = new Random(seed);
        int aOffset = random.nextInt(MAX_OFFSET);
        int xOffset = random.nextInt(MAX_OFFSET);
        int yOffset = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, aOffset + rows * cols + random.nextInt(MAX_OFFSET));
        double[] x = randomArray(random, xOffset + cols + random.nextInt(MAX_OFFSET));
        double[] y = randomArray(random, yOffset + rows + random.nextInt(MAX_OFFSET));
        double[] aBefore = a.clone();
        double[] xBefore = x.clone();
        double[] expected = y.clone();
        double[] actual = y.clone();

        SCALAR.gemv(a, aOffset, rows, cols, x, xOffset, expected, yOffset);
        PANAMA.gemv(a, aOffset, rows, cols, x, xOffset, actual, yOffset);

        for (int r = 0; r < rows; r++) {
            int row = r;
            double sumOfAbsoluteTerms = 0;
            for (int c = 0; c < cols; c++) {
                sumOfAbsoluteTerms += Math.abs(a[aOffset + r * cols + c] * x[xOffset + c]);
            }
            assertSumClose(expected[yOffset + r], actual[yOffset + r], cols, sumOfAbsoluteTerms,
                    () -> "gemv " + rows + " x " + cols + " row " + row + " (seed " + seed + ")");
        }
        Supplier<String> context = () -> "gemv " + rows + " x " + cols + " (seed " + seed + ")";
        assertOutsideUnchanged(y, actual, yOffset, yOffset + rows, context);
        assertUnchanged(aBefore, a, "a", context);
        assertUnchanged(xBefore, x, "x", context);
    }

    /**
     * rosenbrockSegment gives rosenbrock's bits on each implementation, with the point starting at
     * each of the eight doubles of a cache line (aligned, and every vector load spanning two
     * lines), from a heap segment of the array itself, and over a sub-range [from, to) of each.
     */
    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    @Covers("rosenbrockSegment")
    void rosenbrockSegmentIsRosenbrockOfTheSameElements(int length) {
        long seed = seed("rosenbrockSegment", length);
        Random random = new Random(seed);
        int from = random.nextInt(MAX_OFFSET);
        double[] x = randomArray(random, from + length + random.nextInt(MAX_OFFSET));
        double[] before = x.clone();
        int to = from + length;
        Supplier<String> context = () -> "rosenbrockSegment [" + from + ", " + to + ") of " + x.length
                + " (seed " + seed + ")";
        MemorySegment lines = Arena.ofAuto().allocate((x.length + 8L) * Double.BYTES, KernelSupport.CACHE_LINE_BYTES);
        for (KernelSupport kernels : new KernelSupport[] {SCALAR, PANAMA}) {
            long expected = Double.doubleToRawLongBits(kernels.rosenbrock(x, from, to));
            for (int shift = 0; shift < 8; shift++) {
                MemorySegment point = lines.asSlice(shift * (long) Double.BYTES, (long) x.length * Double.BYTES);
                MemorySegment.copy(x, 0, point, ValueLayout.JAVA_DOUBLE, 0, x.length);
                long actual = Double.doubleToRawLongBits(kernels.rosenbrockSegment(point, from, to));
                int line = shift;
                assertEquals(expected, actual, () -> kernels.name() + " with x " + 8 * line
                        + " bytes past a cache line, " + context.get());
                assertArrayEquals(x, point.toArray(ValueLayout.JAVA_DOUBLE), () -> "x changed, " + context.get());
            }
            long fromHeap = Double.doubleToRawLongBits(kernels.rosenbrockSegment(MemorySegment.ofArray(x), from, to));
            assertEquals(expected, fromHeap, () -> kernels.name() + " from a heap segment, " + context.get());
        }
        assertUnchanged(before, x, "x", context);
    }

    /**
     * gemvSegment gives gemv's bits on each implementation, from the cache-line-aligned copy and
     * from a copy that starts 8 bytes past a line (every vector load then spans two lines), so
     * the value path of the linear models and their probe batches (gemvProbes on the array)
     * agree bit for bit; and so does gemvSegmentFromLastRow, which visits the same rows the other
     * way round (the shapes include leftover rows, rows mod 4 ≠ 0, which it visits first, and a
     * group of four after groups of eight).
     */
    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    @Covers({"gemvSegment", "gemvSegmentFromLastRow"})
    void gemvSegmentIsGemvOfTheSameElements(int rows, int cols) {
        long seed = seed("gemvSegment", rows * 4096 + cols);
        Random random = new Random(seed);
        int xOffset = random.nextInt(MAX_OFFSET);
        int yOffset = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, rows * cols);
        double[] x = randomArray(random, xOffset + cols + random.nextInt(MAX_OFFSET));
        double[] y = randomArray(random, yOffset + rows + random.nextInt(MAX_OFFSET));
        double[] xBefore = x.clone();
        MemorySegment aligned = KernelSupport.alignedCopy(a);
        assertEquals(0, aligned.address() % KernelSupport.CACHE_LINE_BYTES, "alignedCopy starts a cache line");
        MemorySegment shifted = Arena.ofAuto().allocate((rows * cols + 1L) * Double.BYTES, KernelSupport.CACHE_LINE_BYTES)
                .asSlice(Double.BYTES);
        MemorySegment.copy(a, 0, shifted, ValueLayout.JAVA_DOUBLE, 0, a.length);
        Supplier<String> context = () -> "gemvSegment " + rows + " x " + cols + " (seed " + seed + ")";
        for (KernelSupport kernels : new KernelSupport[] {SCALAR, PANAMA}) {
            double[] expected = y.clone();
            kernels.gemv(a, 0, rows, cols, x, xOffset, expected, yOffset);
            for (MemorySegment matrix : new MemorySegment[] {aligned, shifted}) {
                double[] actual = y.clone();
                kernels.gemvSegment(matrix, rows, cols, x, xOffset, actual, yOffset);
                // whole arrays: also proves nothing outside [yOffset, yOffset + rows) was written
                assertArrayEquals(expected, actual, () -> kernels.name() + " at address mod 64 = "
                        + matrix.address() % KernelSupport.CACHE_LINE_BYTES + ", " + context.get());
                double[] backwards = y.clone();
                kernels.gemvSegmentFromLastRow(matrix, rows, cols, x, xOffset, backwards, yOffset);
                assertArrayEquals(expected, backwards, () -> kernels.name() + " from the last row, at address mod 64 = "
                        + matrix.address() % KernelSupport.CACHE_LINE_BYTES + ", " + context.get());
            }
        }
        assertArrayEquals(a, aligned.toArray(ValueLayout.JAVA_DOUBLE), "alignedCopy holds a's elements");
        assertUnchanged(xBefore, x, "x", context);
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("shapes")
    @Covers("gemvTransposed")
    void gemvTransposedIsBitIdentical(int rows, int cols) {
        long seed = seed("gemvTransposed", rows * 4096 + cols);
        Random random = new Random(seed);
        int aOffset = random.nextInt(MAX_OFFSET);
        int xOffset = random.nextInt(MAX_OFFSET);
        int yOffset = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, aOffset + rows * cols + random.nextInt(MAX_OFFSET));
        double[] x = randomArray(random, xOffset + rows + random.nextInt(MAX_OFFSET));
        double[] y = randomArray(random, yOffset + cols + random.nextInt(MAX_OFFSET));
        double[] aBefore = a.clone();
        double[] xBefore = x.clone();
        double[] expected = y.clone();
        double[] actual = y.clone();
        Supplier<String> context = () -> "gemvTransposed " + rows + " x " + cols + " (seed " + seed + ")";

        SCALAR.gemvTransposed(a, aOffset, rows, cols, x, xOffset, expected, yOffset);
        PANAMA.gemvTransposed(a, aOffset, rows, cols, x, xOffset, actual, yOffset);

        assertArrayEquals(expected, actual, context);
        assertOutsideUnchanged(y, actual, yOffset, yOffset + cols, context);
        assertUnchanged(aBefore, a, "a", context);
        assertUnchanged(xBefore, x, "x", context);
    }

    /**
     * Rows around the four-row block; inner lengths short, odd and the mlp input width 784;
     * columns around one vector and the four-vector block of every lane count.
     */
    static Stream<Arguments> gemmShapes() {
        int[] rows = {1, 3, 4, 5, 8, 9, 17};
        int[] inner = {1, 7, 9, 33, 784};
        int[] cols = {1, 3, 7, 8, 9, 17, 32, 33, 65};
        return Arrays.stream(rows).boxed().flatMap(r -> Arrays.stream(inner).boxed()
                .flatMap(k -> Arrays.stream(cols).mapToObj(c -> Arguments.of(r, k, c))));
    }

    /** Every element of C takes the same fmas in the same order on both sides: bit-identical. */
    @ParameterizedTest(name = "{0} x {1} times {1} x {2}")
    @MethodSource("gemmShapes")
    @Covers("gemm")
    void gemmIsBitIdentical(int rows, int inner, int cols) {
        long seed = seed("gemm", (rows * 4096 + inner) * 4096 + cols);
        Random random = new Random(seed);
        int aOffset = random.nextInt(MAX_OFFSET);
        int bOffset = random.nextInt(MAX_OFFSET);
        int cOffset = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, aOffset + rows * inner + random.nextInt(MAX_OFFSET));
        double[] b = randomArray(random, bOffset + inner * cols + random.nextInt(MAX_OFFSET));
        double[] c = randomArray(random, cOffset + rows * cols + random.nextInt(MAX_OFFSET));
        double[] aBefore = a.clone();
        double[] bBefore = b.clone();
        double[] expected = c.clone();
        double[] actual = c.clone();
        Supplier<String> context = () -> "gemm " + rows + " x " + inner + " times " + inner + " x " + cols
                + " offsets " + aOffset + ", " + bOffset + ", " + cOffset + " (seed " + seed + ")";

        SCALAR.gemm(a, aOffset, rows, inner, b, bOffset, cols, expected, cOffset);
        PANAMA.gemm(a, aOffset, rows, inner, b, bOffset, cols, actual, cOffset);

        // whole arrays: also proves nothing outside C's range was written
        assertArrayEquals(expected, actual, context);
        assertOutsideUnchanged(c, actual, cOffset, cOffset + rows * cols, context);
        assertUnchanged(aBefore, a, "a", context);
        assertUnchanged(bBefore, b, "b", context);
    }

    /**
     * The reference itself against the textbook triple loop (each element of C an fma chain over
     * k), at non-zero offsets: checks the scalar kernel's index arithmetic independently, since
     * the Panama kernel is only compared with it.
     */
    @ParameterizedTest(name = "{0} x {1} times {1} x {2}")
    @MethodSource("gemmShapes")
    void scalarGemmIsTheTripleLoop(int rows, int inner, int cols) {
        long seed = seed("gemm triple loop", (rows * 4096 + inner) * 4096 + cols);
        Random random = new Random(seed);
        double[] a = randomArray(random, rows * inner + 1);
        double[] b = randomArray(random, inner * cols + 2);
        double[] c = randomArray(random, rows * cols + 3);
        double[] expected = c.clone();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double sum = expected[3 + r * cols + j];
                for (int k = 0; k < inner; k++) {
                    sum = Math.fma(a[1 + r * inner + k], b[2 + k * cols + j], sum);
                }
                expected[3 + r * cols + j] = sum;
            }
        }
        double[] actual = c.clone();
        SCALAR.gemm(a, 1, rows, inner, b, 2, cols, actual, 3);
        assertArrayEquals(expected, actual, () -> "scalar gemm " + rows + " x " + inner + " x " + cols
                + " (seed " + seed + ")");
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    @Covers("logSumExp")
    void logSumExp(int length) {
        long seed = seed("logSumExp", length);
        Random random = new Random(seed);
        int from = random.nextInt(MAX_OFFSET);
        double[] a = randomArray(random, from + length + random.nextInt(MAX_OFFSET));
        double[] before = a.clone();

        double expected = SCALAR.logSumExp(a, from, from + length);
        double actual = PANAMA.logSumExp(a, from, from + length);

        // Both compute max + log(S) with the same (exact) max and S = Σ e^(a−max) ≥ 1; the sums
        // differ by order (2γₙ·S) and by exp's ulp per term (≤ 4ε·S), then log and the final add
        // round once each on both sides.
        double max = Arrays.stream(a, from, from + length).max().orElseThrow();
        double tolerance = 2 * (length + 4) * EPS + 2 * Math.ulp(expected) + 2 * Math.ulp(expected - max);
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail("logSumExp length " + length + " from " + from + " (seed " + seed + "): expected " + expected
                    + " but was " + actual + ", difference " + Math.abs(expected - actual) + " > " + tolerance);
        }
        assertUnchanged(before, a, "a", () -> "logSumExp (seed " + seed + ")");
    }

    static Stream<Arguments> activationsAndLengths() {
        return Arrays.stream(Activation.values())
                .flatMap(f -> IntStream.of(LENGTHS).mapToObj(n -> Arguments.of(f, n)));
    }

    @ParameterizedTest(name = "{0} length {1}")
    @MethodSource("activationsAndLengths")
    @Covers({"tanh", "softplus", "sigmoid", "relu"})
    void activation(Activation function, int length) {
        long seed = seed(function.name(), length);
        Random random = new Random(seed);
        int from = random.nextInt(MAX_OFFSET);
        int to = from + length;
        double[] in = randomArray(random, to + random.nextInt(MAX_OFFSET));
        double[] before = in.clone();
        double[] sentinel = randomArray(random, in.length);
        double[] expected = sentinel.clone();
        double[] actual = sentinel.clone();

        function.apply(SCALAR, in, expected, from, to);
        function.apply(PANAMA, in, actual, from, to);

        for (int k = from; k < to; k++) {
            int index = k;
            assertWithinUlps(expected[k], actual[k], function.ulps,
                    () -> function + " length " + length + " from " + from + " at " + index + " of " + in[index]
                            + " (seed " + seed + ")");
        }
        Supplier<String> context = () -> function + " length " + length + " (seed " + seed + ")";
        assertOutsideUnchanged(sentinel, actual, from, to, context);
        assertUnchanged(before, in, "in", context);
    }

    /**
     * relu's vector path is a compare and blend, not Math.max: it must still give Math.max's
     * bits for the values where max is subtle (NaN stays NaN, −0 becomes +0), in vector lanes
     * and in the scalar tail alike, so each special value is placed at every index of 3·64 + 5.
     */
    @Test
    @Covers("relu")
    void reluKeepsMathMaxBitsForSpecialValues() {
        double[] specials = {Double.NaN, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1.0, 1.0, Double.MAX_VALUE};
        int length = 3 * 64 + 5;
        for (int shift = 0; shift < specials.length; shift++) {
            double[] in = new double[length];
            for (int k = 0; k < length; k++) {
                in[k] = specials[(k + shift) % specials.length];
            }
            double[] out = new double[length];
            PANAMA.relu(in, out, 0, length);
            for (int k = 0; k < length; k++) {
                assertEquals(Double.doubleToRawLongBits(Math.max(in[k], 0.0)), Double.doubleToRawLongBits(out[k]),
                        "relu(" + in[k] + ") at " + k + " gave " + out[k]);
            }
        }
    }

    /**
     * in == out must give the out-of-place answer. Compared within the activation tolerance,
     * not bit for bit: the two calls may run under different JIT tiers, and the vector
     * transcendentals of the Java fallback and of C2 differ in the last bit (see
     * PanamaKernelSupport). A real aliasing bug, reading an element already overwritten, would
     * be off by far more.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    void activationsMayWorkInPlace(Activation function) {
        long seed = seed(function.name() + " in place", 4099);
        double[] in = randomArray(new Random(seed), 4099);
        double[] separate = in.clone();
        function.apply(PANAMA, in, separate, 3, in.length);
        double[] inPlace = in.clone();
        function.apply(PANAMA, inPlace, inPlace, 3, in.length);
        for (int k = 0; k < in.length; k++) {
            int index = k;
            assertWithinUlps(separate[k], inPlace[k], function.ulps,
                    () -> function + " in place at " + index + " (seed " + seed + ")");
        }
        assertArrayEquals(Arrays.copyOf(in, 3), Arrays.copyOf(inPlace, 3), () -> function + " wrote before from");
    }
}
