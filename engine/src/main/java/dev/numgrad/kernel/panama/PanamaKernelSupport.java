package dev.numgrad.kernel.panama;

import static dev.numgrad.kernel.panama.PanamaConstants.LANES;
import static dev.numgrad.kernel.panama.PanamaConstants.MIN_VECTOR_LENGTH;
import static dev.numgrad.kernel.panama.PanamaConstants.SPECIES;

import dev.numgrad.kernel.KernelArguments;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.ScalarKernelSupport;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Kernels on the Java Vector API ({@code jdk.incubator.vector}); the only class of the engine
 * that imports it. {@code KernelProvider} loads it by name, so the engine still runs on the
 * scalar kernels when the module is absent.
 *
 * <p>Loop shape (as in Lucene's {@code PanamaVectorUtilSupport}): short inputs take the scalar
 * loop; reductions run four independent accumulators over {@code SPECIES.loopBound(n)} so that
 * four fused multiply-adds are in flight, then a one-vector tail, then {@code // reduce}, then a
 * {@code // scalar tail} for the last {@code n mod LANES} elements.
 *
 * <p>Accuracy against {@code ScalarKernelSupport} (tested in {@code KernelEquivalenceTest}):
 * <ul>
 *   <li>dot, sumOfSquares, rosenbrock and gemv add the same products in a different order; both orders are
 *       within {@code n·ε·Σ|termₖ|} of the exact sum (ε = 2⁻⁵³), so they differ by at most
 *       twice that.</li>
 *   <li>gemvSegment and rosenbrockSegment: bit-identical to gemv and rosenbrock of the same
 *       elements (the same loop and reduction; only the loads come from a memory segment).</li>
 *   <li>tanhSeriesDeltaPair: bit-identical to tanhDifference, powerSeries, sumLog1p and dot on
 *       this implementation (the same operations per element and the same reductions); where it
 *       could not be, it declines.</li>
 *   <li>axpy, gemvTransposed, relu: bit-identical (one correctly rounded fma per element and
 *       row, in the same row order; relu's compare-and-blend gives {@link Math#max}'s −0 and NaN results).</li>
 *   <li>tanh, sigmoid, softplus, logSumExp use {@link VectorMath} (exp, log1p, tanh within
 *       1 ulp of StrictMath, tanh 3 where fdlibm itself is 2 off), lanes and scalar tails
 *       alike: at most 2 ulps from {@link Math#tanh} and the scalar softplus and sigmoid
 *       (tests allow 4).</li>
 * </ul>
 *
 * <p>Reproducibility: every kernel gives the same bits interpreted, C1- or C2-compiled, so a loss
 * value does not change when the JIT compiles its kernels halfway through a gradient, and serial
 * and parallel runs agree bit for bit. Reductions sum their lanes in a fixed order
 * ({@code Lanes.sum}); the transcendentals avoid {@code lanewise(EXP)} and friends, which C2
 * maps to Intel SVML and the interpreter to per-lane {@link Math} calls, 1–2 ulps apart (see
 * {@link VectorMath}). An element's value does not depend on whether it falls in a vector or
 * in the scalar tail. {@code PanamaReproducibilityTest} checks all of it in child JVMs.
 *
 * <p>Aliasing: {@code in} and {@code out} of the element-wise kernels may be the same array
 * (each vector is loaded before it is stored); in axpy, gemv and gemvTransposed the output must
 * not overlap an input, because a vector step reads several elements before it writes any.
 */
public final class PanamaKernelSupport implements KernelSupport {

    /** Where the reference loop is already the fastest code (axpy), Panama calls it. */
    private static final KernelSupport REFERENCE = new ScalarKernelSupport();

    /** Segments hold doubles in native byte order ({@link KernelSupport#alignedCopy}). */
    private static final ByteOrder NATIVE_ORDER = ByteOrder.nativeOrder();

    /** One element of a segment matrix; unaligned so that any segment of doubles is accepted. */
    private static final ValueLayout.OfDouble ELEMENT = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** Bytes per vector of {@link PanamaConstants#SPECIES}. */
    private static final long VECTOR_BYTES = (long) LANES * Double.BYTES;

    /** Probes per pass of {@link #gemvProbes}: four rows by four probes, sixteen accumulators. */
    private static final int PROBES_PER_PASS = 4;

    /**
     * Spacing of the perturbed chunks in gemvProbes' work: room for up to 32 lanes. After the four
     * chunks, sixteen vectors of room for the accumulators' reduction: probeWorkLength(cols) =
     * cols + 20·32.
     */
    private static final int CHUNK_SLOT = 32;

    /**
     * Whether {@link #following} uses one two-source permute. On x86 with 512-bit vectors
     * (AVX-512) HotSpot compiles {@code selectFrom(v1, v2)} to one vpermi2pd; elsewhere it may not
     * be an intrinsic at all (measured with {@code -XX:UseAVX=2}: 80 µs and 700 KB per rosen(10000)
     * evaluation), so other platforms keep the rotation and blend, which every one compiles.
     */
    private static final boolean TWO_SOURCE_SELECT = "amd64".equals(System.getProperty("os.arch"))
            && SPECIES.vectorBitSize() == 512;

    /** The lane indexes 1, 2, …, LANES into two consecutive vectors, for {@link #following}. */
    private static final DoubleVector NEXT_ELEMENT = DoubleVector.fromArray(SPECIES,
            IntStream.rangeClosed(1, LANES).asDoubleStream().toArray(), 0);

    /** Lanes 1, 2, …, LANES − 1, then lane 0: a one-lane rotation, for {@link #following}. */
    private static final VectorShuffle<Double> ROTATE_LANES = VectorShuffle.iota(SPECIES, 1, 1, true);

    /** Only the last lane set. */
    private static final VectorMask<Double> LAST_LANE = VectorMask.fromLong(SPECIES, 1L << (LANES - 1));

    /** Public and no-arg so {@code KernelProvider} can construct it by name. */
    public PanamaKernelSupport() {
    }

    @Override
    public String name() {
        return "panama";
    }

    @Override
    public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        KernelArguments.checkRange(a, "a", aOffset, length);
        KernelArguments.checkRange(b, "b", bOffset, length);
        return dotUnchecked(a, aOffset, b, bOffset, length);
    }

    /** {@link #dot} without the range checks; also the label term of {@link PanamaBatchKernels#crossEntropyChangePair}. */
    static double dotUnchecked(double[] a, int aOffset, double[] b, int bOffset, int length) {
        int k = 0;
        double sum = 0;
        if (length >= MIN_VECTOR_LENGTH) {
            k = SPECIES.loopBound(length);
            sum = dotBody(a, aOffset, b, bOffset, k);
        }
        // scalar tail
        for (; k < length; k++) {
            sum = Math.fma(a[aOffset + k], b[bOffset + k], sum);
        }
        return sum;
    }

    /** Σ a·b over the first {@code limit} elements; {@code limit} is a multiple of LANES. */
    private static double dotBody(double[] a, int aOffset, double[] b, int bOffset, int limit) {
        DoubleVector acc1 = DoubleVector.zero(SPECIES);
        DoubleVector acc2 = DoubleVector.zero(SPECIES);
        DoubleVector acc3 = DoubleVector.zero(SPECIES);
        DoubleVector acc4 = DoubleVector.zero(SPECIES);
        int unrolledLimit = limit - 3 * LANES;
        int k = 0;
        for (; k < unrolledLimit; k += 4 * LANES) {
            acc1 = DoubleVector.fromArray(SPECIES, a, aOffset + k)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + k), acc1);
            acc2 = DoubleVector.fromArray(SPECIES, a, aOffset + k + LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + k + LANES), acc2);
            acc3 = DoubleVector.fromArray(SPECIES, a, aOffset + k + 2 * LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + k + 2 * LANES), acc3);
            acc4 = DoubleVector.fromArray(SPECIES, a, aOffset + k + 3 * LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + k + 3 * LANES), acc4);
        }
        // vector tail: fewer than four vectors left
        for (; k < limit; k += LANES) {
            acc1 = DoubleVector.fromArray(SPECIES, a, aOffset + k)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + k), acc1);
        }
        // reduce: Lanes.sum written out. dot runs inside large fused callers (the MLP's paired
        // delta), where C2 reached its node-count cutoff, called Lanes.sum out of line and boxed
        // its argument: 96 bytes and ~2x the time per call.
        DoubleVector total = acc1.add(acc2).add(acc3.add(acc4));
        double sum = total.lane(0);
        for (int lane = 1; lane < LANES; lane++) {
            sum += total.lane(lane);
        }
        return sum;
    }

    /**
     * The scalar reference's fma loop, called rather than copied: C2's auto-vectoriser turns it
     * into full-width vector fmas, and its loop beat an explicit Vector API one. Measured with JMH
     * (Level1KernelBenchmark.axpy, -f 1 -wi 3 -i 5 -w 1s -r 1s, AVX-512, size 1024): one vector
     * per iteration 8.0–8.4 ops/µs, unrolled to four 7.7, this loop 12.3 (scalar kernel 12.3).
     * Likely cause, not verified in the assembly: the auto-vectorised loop is unrolled further
     * and aligns its main loop on the stores to y. The bits are the reference's by construction.
     */
    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        REFERENCE.axpy(alpha, x, xOffset, y, yOffset, length);
    }

    @Override
    public double sumOfSquares(double[] a, int from, int to) {
        KernelArguments.checkFromTo(a, "a", from, to);
        int length = to - from;
        int k = 0;
        double sum = 0;
        if (length >= MIN_VECTOR_LENGTH) {
            k = SPECIES.loopBound(length);
            sum = sumOfSquaresBody(a, from, k);
        }
        // scalar tail
        for (; k < length; k++) {
            double v = a[from + k];
            sum = Math.fma(v, v, sum);
        }
        return sum;
    }

    private static double sumOfSquaresBody(double[] a, int offset, int limit) {
        DoubleVector acc1 = DoubleVector.zero(SPECIES);
        DoubleVector acc2 = DoubleVector.zero(SPECIES);
        DoubleVector acc3 = DoubleVector.zero(SPECIES);
        DoubleVector acc4 = DoubleVector.zero(SPECIES);
        int unrolledLimit = limit - 3 * LANES;
        int k = 0;
        for (; k < unrolledLimit; k += 4 * LANES) {
            DoubleVector v1 = DoubleVector.fromArray(SPECIES, a, offset + k);
            DoubleVector v2 = DoubleVector.fromArray(SPECIES, a, offset + k + LANES);
            DoubleVector v3 = DoubleVector.fromArray(SPECIES, a, offset + k + 2 * LANES);
            DoubleVector v4 = DoubleVector.fromArray(SPECIES, a, offset + k + 3 * LANES);
            acc1 = v1.fma(v1, acc1);
            acc2 = v2.fma(v2, acc2);
            acc3 = v3.fma(v3, acc3);
            acc4 = v4.fma(v4, acc4);
        }
        // vector tail: fewer than four vectors left
        for (; k < limit; k += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, a, offset + k);
            acc1 = v.fma(v, acc1);
        }
        // reduce
        return Lanes.sum(acc1.add(acc2).add(acc3.add(acc4)));
    }

    /**
     * One pass, the loop shape of {@link #sumOfSquares} run twice over: four vectors of terms per
     * iteration, each feeding a valley and an offset accumulator (eight chains), from one load of
     * x per vector (x at i + 1 is {@link #following} of two neighbouring vectors). Each term is
     * the scalar reference's (a product and a difference for c, one subtraction for a), so only
     * the summation order differs from it.
     *
     * <p>c is x_{i+1} − xᵢ·xᵢ rather than one fma(−xᵢ, xᵢ, x_{i+1}): with the vector neg()
     * before the fma an evaluation took 10 % longer (one thread, 10,000 rosen(10000)
     * evaluations: medians of 7.4–7.5 against 8.2–8.4 ms, scratch harness; two threads in the
     * CLI, 20,000 per gradient: 7.9 against 8.9 ms), as if C2 kept the negation as an
     * operation of its own (no disassembler here to show it; −xᵢ computed once, with 1 − xᵢ
     * taken from it, was no faster). The price is one more rounding of cᵢ, at most ε·xᵢ², far
     * below the error of the sums themselves.
     */
    @Override
    public double rosenbrock(double[] x, int from, int to) {
        KernelArguments.checkFromTo(x, "x", from, to);
        int terms = Math.max(to - from - 1, 0);
        double sum = 0;
        int k = 0;
        if (terms >= MIN_VECTOR_LENGTH) {
            int limit = SPECIES.loopBound(terms);
            // groups of four vectors; the last vector of x read must exist, hence limit − LANES
            int groups = Math.max(limit - LANES, 0) / (4 * LANES);
            k = groups * 4 * LANES;
            if (groups > 0) {
                sum = rosenbrockGroups(x, from, from + k);
            }
            // vector tail: at most four vectors, each with a second, shifted load
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector valleys = DoubleVector.zero(SPECIES);
            DoubleVector offsets = valleys;
            for (; k < limit; k += LANES) {
                DoubleVector xs = DoubleVector.fromArray(SPECIES, x, from + k);
                DoubleVector c = DoubleVector.fromArray(SPECIES, x, from + k + 1).sub(xs.mul(xs));
                DoubleVector a = one.sub(xs);
                valleys = c.fma(c, valleys);
                offsets = a.fma(a, offsets);
            }
            sum += Lanes.sum(valleys.fma(DoubleVector.broadcast(SPECIES, 100.0), offsets));
        }
        // scalar tail
        double valley = 0;
        double offset = 0;
        for (; k < terms; k++) {
            int i = from + k;
            double c = x[i + 1] - x[i] * x[i];
            double a = 1 - x[i];
            valley = Math.fma(c, c, valley);
            offset = Math.fma(a, a, offset);
        }
        return sum + (100 * valley + offset);
    }

    /**
     * x[i + 1 .. i + LANES], rosenbrock's x_{i+1}, from the vectors x[i ..] and x[i + LANES ..].
     * With AVX-512 one two-source permute ({@link #TWO_SOURCE_SELECT}): it replaced a one-lane
     * rotation of each vector and a blend of two rotations, one FP-pipe operation per vector
     * instead of two (two threads, 20,000 rosen(10000) evaluations each: 8.2–8.8 ms against
     * 8.8–11.6 ms, scratch harness, the same bits). Elsewhere the rotation and blend; C2 commons
     * the rotation of a vector used twice.
     */
    private static DoubleVector following(DoubleVector here, DoubleVector after) {
        return TWO_SOURCE_SELECT ? NEXT_ELEMENT.selectFrom(here, after)
                : here.rearrange(ROTATE_LANES).blend(after.rearrange(ROTATE_LANES), LAST_LANE);
    }

    /**
     * Σ 100·(x[i+1] − x[i]²)² + (1 − x[i])² over i in [from, end), a whole number of groups of
     * four vectors, reading x up to end + LANES − 1. A method of its own, with one {@link
     * Lanes#sum} of 100·valley + offset rather than one sum each, so that C2 inlines everything
     * within its node budget: with the tails and two sums in one compilation it hit
     * NodeCountInliningCutoff and boxed the accumulators (96-192 bytes per call).
     */
    private static double rosenbrockGroups(double[] x, int from, int end) {
        // One zero() for all eight: with a call each, C2 ran out of inlining budget for the
        // last broadcast on some compilations and boxed it (96 bytes per call).
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector v1 = zero;
        DoubleVector v2 = zero;
        DoubleVector v3 = zero;
        DoubleVector v4 = zero;
        DoubleVector o1 = zero;
        DoubleVector o2 = zero;
        DoubleVector o3 = zero;
        DoubleVector o4 = zero;
        // The loop variable is the index itself: with i = from + k inside, C2 kept range
        // checks it removes here (measured 30-50 % slower at n = 10000).
        // x[i + 1 ..] comes from two loaded vectors (following), not a second load at
        // i + 1: Java arrays are only 16-byte aligned, so each 64-byte load straddles two cache
        // lines, and one load per vector instead of two took an evaluation of rosen(10000)
        // from 0.96-1.16 to 0.72-0.87 µs. Each iteration loads the next group's first vector.
        int i = from;
        DoubleVector x1 = DoubleVector.fromArray(SPECIES, x, i);
        for (; i < end; i += 4 * LANES) {
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, x, i + LANES);
            DoubleVector x3 = DoubleVector.fromArray(SPECIES, x, i + 2 * LANES);
            DoubleVector x4 = DoubleVector.fromArray(SPECIES, x, i + 3 * LANES);
            DoubleVector x5 = DoubleVector.fromArray(SPECIES, x, i + 4 * LANES);
            DoubleVector c1 = following(x1, x2).sub(x1.mul(x1));
            DoubleVector c2 = following(x2, x3).sub(x2.mul(x2));
            DoubleVector c3 = following(x3, x4).sub(x3.mul(x3));
            DoubleVector c4 = following(x4, x5).sub(x4.mul(x4));
            DoubleVector a1 = one.sub(x1);
            DoubleVector a2 = one.sub(x2);
            DoubleVector a3 = one.sub(x3);
            DoubleVector a4 = one.sub(x4);
            v1 = c1.fma(c1, v1);
            v2 = c2.fma(c2, v2);
            v3 = c3.fma(c3, v3);
            v4 = c4.fma(c4, v4);
            o1 = a1.fma(a1, o1);
            o2 = a2.fma(a2, o2);
            o3 = a3.fma(a3, o3);
            o4 = a4.fma(a4, o4);
            x1 = x5;
        }
        // 100·valley + offset lane by lane, then one fixed-order sum
        DoubleVector valley = v1.add(v2).add(v3.add(v4));
        return Lanes.sum(valley.fma(DoubleVector.broadcast(SPECIES, 100.0), o1.add(o2).add(o3.add(o4))));
    }

    /**
     * {@link #rosenbrock} with segment loads: the same groups of four vectors
     * ({@link #rosenbrockGroupsSegment}, {@link #rosenbrockGroups}'s twin), the same vector tail
     * with its second load one element on, the same two sums and the same scalar tail, so the same
     * bits as rosenbrock of the same elements in an array. From the cache-line-aligned copy the
     * black-box gradient keeps, no load of the groups spans two lines. A twin rather than one loop
     * for both: running rosenbrock on {@code MemorySegment.ofArray(x)} instead gives the same bits
     * but the heap segment escapes into the group method, 72 bytes per call, which the compiled
     * kernels' allocation check ({@code PanamaReproducibilityTest}) rejects.
     */
    @Override
    public double rosenbrockSegment(MemorySegment x, int from, int to) {
        KernelArguments.checkFromTo(x, "x", from, to);
        int terms = Math.max(to - from - 1, 0);
        double sum = 0;
        int k = 0;
        if (terms >= MIN_VECTOR_LENGTH) {
            int limit = SPECIES.loopBound(terms);
            // groups of four vectors; the last vector of x read must exist, hence limit − LANES
            int groups = Math.max(limit - LANES, 0) / (4 * LANES);
            k = groups * 4 * LANES;
            long start = (long) from * Double.BYTES;
            if (groups > 0) {
                sum = rosenbrockGroupsSegment(x, start, start + (long) k * Double.BYTES);
            }
            // vector tail: at most four vectors, each with a second, shifted load
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector valleys = DoubleVector.zero(SPECIES);
            DoubleVector offsets = valleys;
            for (; k < limit; k += LANES) {
                long at = start + (long) k * Double.BYTES;
                DoubleVector xs = DoubleVector.fromMemorySegment(SPECIES, x, at, NATIVE_ORDER);
                DoubleVector c = DoubleVector.fromMemorySegment(SPECIES, x, at + Double.BYTES, NATIVE_ORDER)
                        .sub(xs.mul(xs));
                DoubleVector a = one.sub(xs);
                valleys = c.fma(c, valleys);
                offsets = a.fma(a, offsets);
            }
            sum += Lanes.sum(valleys.fma(DoubleVector.broadcast(SPECIES, 100.0), offsets));
        }
        // scalar tail
        double valley = 0;
        double offset = 0;
        for (; k < terms; k++) {
            long at = (long) (from + k) * Double.BYTES;
            double xi = x.get(ELEMENT, at);
            double c = x.get(ELEMENT, at + Double.BYTES) - xi * xi;
            double a = 1 - xi;
            valley = Math.fma(c, c, valley);
            offset = Math.fma(a, a, offset);
        }
        return sum + (100 * valley + offset);
    }

    /**
     * {@link #rosenbrockGroups} over the doubles at bytes [start, end) of x, reading x up to
     * byte end + 8·LANES − 1: the same selections, fmas and final sum. The loop counter is
     * the byte offset itself, as the array version's is the index.
     */
    private static double rosenbrockGroupsSegment(MemorySegment x, long start, long end) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector v1 = zero;
        DoubleVector v2 = zero;
        DoubleVector v3 = zero;
        DoubleVector v4 = zero;
        DoubleVector o1 = zero;
        DoubleVector o2 = zero;
        DoubleVector o3 = zero;
        DoubleVector o4 = zero;
        long at = start;
        DoubleVector x1 = DoubleVector.fromMemorySegment(SPECIES, x, at, NATIVE_ORDER);
        for (; at < end; at += 4 * VECTOR_BYTES) {
            DoubleVector x2 = DoubleVector.fromMemorySegment(SPECIES, x, at + VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector x3 = DoubleVector.fromMemorySegment(SPECIES, x, at + 2 * VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector x4 = DoubleVector.fromMemorySegment(SPECIES, x, at + 3 * VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector x5 = DoubleVector.fromMemorySegment(SPECIES, x, at + 4 * VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector c1 = following(x1, x2).sub(x1.mul(x1));
            DoubleVector c2 = following(x2, x3).sub(x2.mul(x2));
            DoubleVector c3 = following(x3, x4).sub(x3.mul(x3));
            DoubleVector c4 = following(x4, x5).sub(x4.mul(x4));
            DoubleVector a1 = one.sub(x1);
            DoubleVector a2 = one.sub(x2);
            DoubleVector a3 = one.sub(x3);
            DoubleVector a4 = one.sub(x4);
            v1 = c1.fma(c1, v1);
            v2 = c2.fma(c2, v2);
            v3 = c3.fma(c3, v3);
            v4 = c4.fma(c4, v4);
            o1 = a1.fma(a1, o1);
            o2 = a2.fma(a2, o2);
            o3 = a3.fma(a3, o3);
            o4 = a4.fma(a4, o4);
            x1 = x5;
        }
        DoubleVector valley = v1.add(v2).add(v3.add(v4));
        return Lanes.sum(valley.fma(DoubleVector.broadcast(SPECIES, 100.0), o1.add(o2).add(o3.add(o4))));
    }

    /**
     * Four rows at a time: each load of x feeds four fmas, one per row accumulator, so x is read
     * from cache a quarter as often and four independent chains are in flight. Leftover rows
     * (rows mod 4), and matrices too narrow to vectorise, go through {@link #dotUnchecked}.
     */
    @Override
    public void gemv(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
        KernelArguments.checkMatrix(a, aOffset, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkRange(y, "y", yOffset, rows);
        int r = 0;
        if (cols >= MIN_VECTOR_LENGTH) {
            int limit = SPECIES.loopBound(cols);
            for (; r + 4 <= rows; r += 4) {
                int row0 = aOffset + r * cols;
                int row1 = row0 + cols;
                int row2 = row1 + cols;
                int row3 = row2 + cols;
                DoubleVector acc0 = DoubleVector.zero(SPECIES);
                DoubleVector acc1 = DoubleVector.zero(SPECIES);
                DoubleVector acc2 = DoubleVector.zero(SPECIES);
                DoubleVector acc3 = DoubleVector.zero(SPECIES);
                for (int c = 0; c < limit; c += LANES) {
                    DoubleVector xs = DoubleVector.fromArray(SPECIES, x, xOffset + c);
                    acc0 = DoubleVector.fromArray(SPECIES, a, row0 + c).fma(xs, acc0);
                    acc1 = DoubleVector.fromArray(SPECIES, a, row1 + c).fma(xs, acc1);
                    acc2 = DoubleVector.fromArray(SPECIES, a, row2 + c).fma(xs, acc2);
                    acc3 = DoubleVector.fromArray(SPECIES, a, row3 + c).fma(xs, acc3);
                }
                // reduce
                double sum0 = Lanes.sum(acc0);
                double sum1 = Lanes.sum(acc1);
                double sum2 = Lanes.sum(acc2);
                double sum3 = Lanes.sum(acc3);
                // scalar tail
                for (int c = limit; c < cols; c++) {
                    double xc = x[xOffset + c];
                    sum0 = Math.fma(a[row0 + c], xc, sum0);
                    sum1 = Math.fma(a[row1 + c], xc, sum1);
                    sum2 = Math.fma(a[row2 + c], xc, sum2);
                    sum3 = Math.fma(a[row3 + c], xc, sum3);
                }
                y[yOffset + r] = sum0;
                y[yOffset + r + 1] = sum1;
                y[yOffset + r + 2] = sum2;
                y[yOffset + r + 3] = sum3;
            }
        }
        // leftover rows
        for (; r < rows; r++) {
            y[yOffset + r] = dotUnchecked(a, aOffset + r * cols, x, xOffset, cols);
        }
    }

    /**
     * {@link #gemv}'s loop with segment loads: four rows per pass, one accumulator per row over
     * the vector chunks in column order, {@link Lanes#sum}, the scalar tail; leftover rows and
     * narrow matrices through {@link #segmentDot}, {@link #dotUnchecked}'s twin. Same fmas, same
     * order, so the same bits as gemv of the same elements in an array.
     *
     * <p>Why a segment: measured with a scratch harness that alternated the two (256 × 1000, one
     * thread, AVX-512, 2 MB matrix), gemv from a 64-byte-aligned segment took about 10 % less than
     * from an array, whose 512-bit loads each span two cache lines (array data shifted to a line
     * boundary gained as much), and less again with the row slices and two vectors per step
     * below: 24.3–26.7 µs against 28.2–31.3 µs from the array. Data that streams from L3 pays for
     * every line touched twice.
     */
    @Override
    public void gemvSegment(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
        KernelArguments.checkMatrix(a, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkRange(y, "y", yOffset, rows);
        gemvSegmentRows(a, rows, cols, x, xOffset, y, yOffset, false);
    }

    @Override
    public void gemvSegmentFromLastRow(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y,
                                       int yOffset) {
        KernelArguments.checkMatrix(a, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkRange(y, "y", yOffset, rows);
        gemvSegmentRows(a, rows, cols, x, xOffset, y, yOffset, true);
    }

    /**
     * The shortest row, in doubles, that {@link #gemvSegment} takes in groups of eight. Each group
     * starts as many new streams of A as it has rows, and only a long row runs them long enough
     * for eight to pay. Two threads alternating directions, as the linear models read X, both
     * group sizes in one JVM: eight rows were faster at 3000 to 8000 doubles a row (256 × 4000:
     * 100–128 µs a gemv against 124–189), about even at 2000, and slower at 1000 (256 × 1000:
     * 23.1–24.6 µs against 21.4–23.4).
     */
    private static final int EIGHT_ROW_MIN_COLS = 2048;

    /**
     * Rows in groups of eight ({@link #segmentEightRows}) when they are at least
     * {@link #EIGHT_ROW_MIN_COLS} long, then in groups of four ({@link #segmentFourRows}: at most
     * one after groups of eight), then the leftover rows one by one, or all of that backwards. A
     * grouped row's sum is the same fma sequence and the same lane-order reduction in either
     * group size, and the leftover rows are the same in both orders, so every order and every
     * row length gives gemv's bits.
     */
    private static void gemvSegmentRows(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y,
                                        int yOffset, boolean fromLastRow) {
        long rowBytes = (long) cols * Double.BYTES;
        int grouped = cols >= MIN_VECTOR_LENGTH ? rows - rows % 4 : 0;
        int inEights = cols >= EIGHT_ROW_MIN_COLS ? grouped - grouped % 8 : 0;
        if (fromLastRow) {
            for (int r = rows - 1; r >= grouped; r--) {
                y[yOffset + r] = segmentDot(a, r * rowBytes, x, xOffset, cols);
            }
            for (int r = grouped - 4; r >= inEights; r -= 4) {
                segmentFourRows(a, r, rowBytes, cols, x, xOffset, y, yOffset);
            }
            for (int r = inEights - 8; r >= 0; r -= 8) {
                segmentEightRows(a, r, rowBytes, cols, x, xOffset, y, yOffset);
            }
        } else {
            for (int r = 0; r < inEights; r += 8) {
                segmentEightRows(a, r, rowBytes, cols, x, xOffset, y, yOffset);
            }
            for (int r = inEights; r < grouped; r += 4) {
                segmentFourRows(a, r, rowBytes, cols, x, xOffset, y, yOffset);
            }
            for (int r = grouped; r < rows; r++) {
                y[yOffset + r] = segmentDot(a, r * rowBytes, x, xOffset, cols);
            }
        }
    }

    /**
     * The lanes of {@link #segmentEightRows}' eight accumulators, reduced in lane order as
     * {@link Lanes#sum} does. Eight {@code Lanes.sum} calls in that method took C2 past its
     * inlining budget in some compiles, and it boxed an accumulator (6 MB per linreg(256,1000)
     * gradient); stores to a per-thread array are eight nodes.
     */
    private static final ThreadLocal<double[]> EIGHT_ROW_LANES = ThreadLocal.withInitial(() -> new double[8 * LANES]);

    /**
     * y at rows r … r + 7 of A, for cols ≥ {@code MIN_VECTOR_LENGTH}: each row's one accumulator
     * takes the same fmas in the same column order as in {@link #segmentFourRows}, and its lanes
     * are added in the same order, so the same bits. Why eight: each row's sum is one chain of
     * dependent fmas, and the loads of A run only so far ahead of the chains that consume them;
     * eight chains keep twice as many lines of A in flight as four. A matrix streamed from L3 gains
     * most: linreg(256,4000)'s black-box gradient on two workers took 402–480 ms against 449–490 ms
     * with groups of four only, in three side-by-side runs.
     */
    private static void segmentEightRows(MemorySegment a, int r, long rowBytes, int cols, double[] x, int xOffset,
                                         double[] y, int yOffset) {
        int limit = SPECIES.loopBound(cols);
        long start = r * rowBytes;
        long end = start + (long) limit * Double.BYTES;
        DoubleVector acc0 = DoubleVector.zero(SPECIES);
        DoubleVector acc1 = acc0;
        DoubleVector acc2 = acc0;
        DoubleVector acc3 = acc0;
        DoubleVector acc4 = acc0;
        DoubleVector acc5 = acc0;
        DoubleVector acc6 = acc0;
        DoubleVector acc7 = acc0;
        int c = xOffset;
        for (long at = start; at < end; at += VECTOR_BYTES, c += LANES) {
            DoubleVector xs = DoubleVector.fromArray(SPECIES, x, c);
            acc0 = DoubleVector.fromMemorySegment(SPECIES, a, at, NATIVE_ORDER).fma(xs, acc0);
            acc1 = DoubleVector.fromMemorySegment(SPECIES, a, at + rowBytes, NATIVE_ORDER).fma(xs, acc1);
            acc2 = DoubleVector.fromMemorySegment(SPECIES, a, at + 2 * rowBytes, NATIVE_ORDER).fma(xs, acc2);
            acc3 = DoubleVector.fromMemorySegment(SPECIES, a, at + 3 * rowBytes, NATIVE_ORDER).fma(xs, acc3);
            acc4 = DoubleVector.fromMemorySegment(SPECIES, a, at + 4 * rowBytes, NATIVE_ORDER).fma(xs, acc4);
            acc5 = DoubleVector.fromMemorySegment(SPECIES, a, at + 5 * rowBytes, NATIVE_ORDER).fma(xs, acc5);
            acc6 = DoubleVector.fromMemorySegment(SPECIES, a, at + 6 * rowBytes, NATIVE_ORDER).fma(xs, acc6);
            acc7 = DoubleVector.fromMemorySegment(SPECIES, a, at + 7 * rowBytes, NATIVE_ORDER).fma(xs, acc7);
        }
        double[] lanes = EIGHT_ROW_LANES.get();
        acc0.intoArray(lanes, 0);
        acc1.intoArray(lanes, LANES);
        acc2.intoArray(lanes, 2 * LANES);
        acc3.intoArray(lanes, 3 * LANES);
        acc4.intoArray(lanes, 4 * LANES);
        acc5.intoArray(lanes, 5 * LANES);
        acc6.intoArray(lanes, 6 * LANES);
        acc7.intoArray(lanes, 7 * LANES);
        for (int k = 0; k < 8; k++) {
            // reduce in lane order (Lanes.sum), then the scalar tail, as segmentFourRows
            double sum = lanes[k * LANES];
            for (int lane = 1; lane < LANES; lane++) {
                sum += lanes[k * LANES + lane];
            }
            long row = start + k * rowBytes;
            for (int t = limit; t < cols; t++) {
                sum = Math.fma(a.get(ELEMENT, row + (long) t * Double.BYTES), x[xOffset + t], sum);
            }
            y[yOffset + r + k] = sum;
        }
    }

    /** y at rows r … r + 3 of A, for cols ≥ {@code MIN_VECTOR_LENGTH}: four rows share each load of x. */
    private static void segmentFourRows(MemorySegment a, int r, long rowBytes, int cols, double[] x, int xOffset,
                                        double[] y, int yOffset) {
        int limit = SPECIES.loopBound(cols);
        long limitBytes = (long) limit * Double.BYTES;
        long pairBytes = (long) (limit / (2 * LANES)) * 2 * VECTOR_BYTES;
        // A slice per row, read from byte 0 by a long counter: measured about 4 % faster
        // than long offsets from the matrix's start (the slices do not escape: no allocation).
        MemorySegment row0 = a.asSlice(r * rowBytes, rowBytes);
        MemorySegment row1 = a.asSlice((r + 1) * rowBytes, rowBytes);
        MemorySegment row2 = a.asSlice((r + 2) * rowBytes, rowBytes);
        MemorySegment row3 = a.asSlice((r + 3) * rowBytes, rowBytes);
        DoubleVector acc0 = DoubleVector.zero(SPECIES);
        DoubleVector acc1 = DoubleVector.zero(SPECIES);
        DoubleVector acc2 = DoubleVector.zero(SPECIES);
        DoubleVector acc3 = DoubleVector.zero(SPECIES);
        int c = 0;
        long at = 0;
        // Two vectors of each row per step, both into the row's one accumulator in column
        // order (gemv's fma sequence): eight loads of A in flight per step rather than
        // four, measured about 8 % faster.
        for (; at < pairBytes; at += 2 * VECTOR_BYTES, c += 2 * LANES) {
            DoubleVector xs = DoubleVector.fromArray(SPECIES, x, xOffset + c);
            DoubleVector xsNext = DoubleVector.fromArray(SPECIES, x, xOffset + c + LANES);
            DoubleVector a0 = DoubleVector.fromMemorySegment(SPECIES, row0, at, NATIVE_ORDER);
            DoubleVector a0Next = DoubleVector.fromMemorySegment(SPECIES, row0, at + VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector a1 = DoubleVector.fromMemorySegment(SPECIES, row1, at, NATIVE_ORDER);
            DoubleVector a1Next = DoubleVector.fromMemorySegment(SPECIES, row1, at + VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector a2 = DoubleVector.fromMemorySegment(SPECIES, row2, at, NATIVE_ORDER);
            DoubleVector a2Next = DoubleVector.fromMemorySegment(SPECIES, row2, at + VECTOR_BYTES, NATIVE_ORDER);
            DoubleVector a3 = DoubleVector.fromMemorySegment(SPECIES, row3, at, NATIVE_ORDER);
            DoubleVector a3Next = DoubleVector.fromMemorySegment(SPECIES, row3, at + VECTOR_BYTES, NATIVE_ORDER);
            acc0 = a0Next.fma(xsNext, a0.fma(xs, acc0));
            acc1 = a1Next.fma(xsNext, a1.fma(xs, acc1));
            acc2 = a2Next.fma(xsNext, a2.fma(xs, acc2));
            acc3 = a3Next.fma(xsNext, a3.fma(xs, acc3));
        }
        // vector tail: one vector left when limit is an odd number of vectors
        for (; at < limitBytes; at += VECTOR_BYTES, c += LANES) {
            DoubleVector xs = DoubleVector.fromArray(SPECIES, x, xOffset + c);
            acc0 = DoubleVector.fromMemorySegment(SPECIES, row0, at, NATIVE_ORDER).fma(xs, acc0);
            acc1 = DoubleVector.fromMemorySegment(SPECIES, row1, at, NATIVE_ORDER).fma(xs, acc1);
            acc2 = DoubleVector.fromMemorySegment(SPECIES, row2, at, NATIVE_ORDER).fma(xs, acc2);
            acc3 = DoubleVector.fromMemorySegment(SPECIES, row3, at, NATIVE_ORDER).fma(xs, acc3);
        }
        // reduce
        double sum0 = Lanes.sum(acc0);
        double sum1 = Lanes.sum(acc1);
        double sum2 = Lanes.sum(acc2);
        double sum3 = Lanes.sum(acc3);
        // scalar tail
        for (c = limit; c < cols; c++) {
            double xc = x[xOffset + c];
            long column = (long) c * Double.BYTES;
            sum0 = Math.fma(row0.get(ELEMENT, column), xc, sum0);
            sum1 = Math.fma(row1.get(ELEMENT, column), xc, sum1);
            sum2 = Math.fma(row2.get(ELEMENT, column), xc, sum2);
            sum3 = Math.fma(row3.get(ELEMENT, column), xc, sum3);
        }
        y[yOffset + r] = sum0;
        y[yOffset + r + 1] = sum1;
        y[yOffset + r + 2] = sum2;
        y[yOffset + r + 3] = sum3;
    }

    /** {@link #dotUnchecked} with a's elements from byte {@code aStart} of a segment: the same fmas in the same order. */
    private static double segmentDot(MemorySegment a, long aStart, double[] b, int bOffset, int length) {
        int k = 0;
        double sum = 0;
        if (length >= MIN_VECTOR_LENGTH) {
            k = SPECIES.loopBound(length);
            DoubleVector acc1 = DoubleVector.zero(SPECIES);
            DoubleVector acc2 = DoubleVector.zero(SPECIES);
            DoubleVector acc3 = DoubleVector.zero(SPECIES);
            DoubleVector acc4 = DoubleVector.zero(SPECIES);
            int unrolledLimit = k - 3 * LANES;
            int j = 0;
            for (; j < unrolledLimit; j += 4 * LANES) {
                long at = aStart + (long) j * Double.BYTES;
                acc1 = DoubleVector.fromMemorySegment(SPECIES, a, at, NATIVE_ORDER)
                        .fma(DoubleVector.fromArray(SPECIES, b, bOffset + j), acc1);
                acc2 = DoubleVector.fromMemorySegment(SPECIES, a, at + VECTOR_BYTES, NATIVE_ORDER)
                        .fma(DoubleVector.fromArray(SPECIES, b, bOffset + j + LANES), acc2);
                acc3 = DoubleVector.fromMemorySegment(SPECIES, a, at + 2 * VECTOR_BYTES, NATIVE_ORDER)
                        .fma(DoubleVector.fromArray(SPECIES, b, bOffset + j + 2 * LANES), acc3);
                acc4 = DoubleVector.fromMemorySegment(SPECIES, a, at + 3 * VECTOR_BYTES, NATIVE_ORDER)
                        .fma(DoubleVector.fromArray(SPECIES, b, bOffset + j + 3 * LANES), acc4);
            }
            // vector tail: fewer than four vectors left
            for (; j < k; j += LANES) {
                acc1 = DoubleVector.fromMemorySegment(SPECIES, a, aStart + (long) j * Double.BYTES, NATIVE_ORDER)
                        .fma(DoubleVector.fromArray(SPECIES, b, bOffset + j), acc1);
            }
            // reduce
            sum = Lanes.sum(acc1.add(acc2).add(acc3.add(acc4)));
        }
        // scalar tail
        for (; k < length; k++) {
            sum = Math.fma(a.get(ELEMENT, aStart + (long) k * Double.BYTES), b[bOffset + k], sum);
        }
        return sum;
    }

    /**
     * Four rows by four probes per pass: each vector of A loaded feeds four fmas (one per probe),
     * and A streams from memory once per four probes. Each probe reads x's vectors except in the
     * one chunk it perturbs, whose perturbed copy sits in work. Every accumulator sees the fmas {@link #gemv} gives
     * its row and point, and rows beyond the last multiple of four go through {@link #dotUnchecked}
     * like gemv's, so each result is gemv's to the bit.
     */
    @Override
    public void gemvProbes(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, int[] coordinates,
                           double[] steps, int count, double[] y, int yOffset, double[] work) {
        KernelArguments.checkMatrix(a, aOffset, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkProbes(coordinates, steps, count, rows, cols, y, yOffset, work);
        int blockRows = 0;
        if (cols >= MIN_VECTOR_LENGTH) {
            blockRows = rows - rows % 4;
            int limit = SPECIES.loopBound(cols);
            for (int j0 = 0; j0 < count; j0 += PROBES_PER_PASS) {
                // a short last pass repeats its last probe and stores nothing for the repeats
                int last = Math.min(count, j0 + PROBES_PER_PASS) - 1;
                int k0 = perturbedChunk(x, xOffset, coordinates, steps, j0, limit, work, cols);
                int k1 = perturbedChunk(x, xOffset, coordinates, steps, Math.min(j0 + 1, last), limit, work,
                        cols + CHUNK_SLOT);
                int k2 = perturbedChunk(x, xOffset, coordinates, steps, Math.min(j0 + 2, last), limit, work,
                        cols + 2 * CHUNK_SLOT);
                int k3 = perturbedChunk(x, xOffset, coordinates, steps, Math.min(j0 + 3, last), limit, work,
                        cols + 3 * CHUNK_SLOT);
                for (int r = 0; r < blockRows; r += 4) {
                    probeBlock(a, aOffset + r * cols, cols, limit, x, xOffset, work, cols, k0, k1, k2, k3,
                            coordinates, steps, j0, last, y, yOffset + r, rows);
                }
            }
        }
        // leftover rows, each as gemv computes it: dotUnchecked of the perturbed point
        if (blockRows < rows) {
            System.arraycopy(x, xOffset, work, 0, cols);
            for (int j = 0; j < count; j++) {
                int i = coordinates[j];
                work[i] = x[xOffset + i] + steps[j];
                for (int r = blockRows; r < rows; r++) {
                    y[yOffset + j * rows + r] = dotUnchecked(a, aOffset + r * cols, work, 0, cols);
                }
                work[i] = x[xOffset + i];
            }
        }
    }

    /**
     * Copies the vector chunk of x that probe j perturbs to work[slot, slot + LANES) with the
     * perturbation applied, and returns the chunk's first column; −1 when the coordinate lies in
     * the scalar tail (c ≥ limit), where {@link #probeBlock} perturbs it itself.
     */
    private static int perturbedChunk(double[] x, int xOffset, int[] coordinates, double[] steps, int j, int limit,
                                      double[] work, int slot) {
        int i = coordinates[j];
        if (i >= limit) {
            return -1;
        }
        int chunk = i - i % LANES;
        System.arraycopy(x, xOffset + chunk, work, slot, LANES);
        work[slot + i - chunk] = x[xOffset + i] + steps[j];
        return chunk;
    }

    /** {@link Lanes#sum} of a vector stored at work[from, from + LANES): lane 0 plus each next lane in order. */
    private static double laneSum(double[] work, int from) {
        double sum = work[from];
        for (int lane = 1; lane < LANES; lane++) {
            sum += work[from + lane];
        }
        return sum;
    }

    /**
     * Rows row0..row0+3 (row0 an index into a) at probes j0..j0+3 (repeats of {@code last} past
     * it), into y[yOut + j·rows + 0..3]. A method of its own so that C2 compiles it with a fresh
     * inlining budget: sixteen accumulators in a larger method left a vector boxed.
     */
    private static void probeBlock(double[] a, int row0, int cols, int limit, double[] x, int xOffset, double[] work,
                                   int workBase, int k0, int k1, int k2, int k3, int[] coordinates, double[] steps,
                                   int j0, int last, double[] y, int yOut, int rows) {
        int row1 = row0 + cols;
        int row2 = row1 + cols;
        int row3 = row2 + cols;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector acc00 = zero;
        DoubleVector acc01 = zero;
        DoubleVector acc02 = zero;
        DoubleVector acc03 = zero;
        DoubleVector acc10 = zero;
        DoubleVector acc11 = zero;
        DoubleVector acc12 = zero;
        DoubleVector acc13 = zero;
        DoubleVector acc20 = zero;
        DoubleVector acc21 = zero;
        DoubleVector acc22 = zero;
        DoubleVector acc23 = zero;
        DoubleVector acc30 = zero;
        DoubleVector acc31 = zero;
        DoubleVector acc32 = zero;
        DoubleVector acc33 = zero;
        // One loop whose accumulators are its only vector phis (a fast loop nested in a loop over
        // the perturbed chunks boxed all sixteen). Each probe reads x, or at its own perturbed
        // chunk its copy in work: a select of array and offset, never of vectors.
        for (int c = 0; c < limit; c += LANES) {
            boolean own0 = c == k0;
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, own0 ? work : x, own0 ? workBase + 0 * CHUNK_SLOT : xOffset + c);
            boolean own1 = c == k1;
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, own1 ? work : x, own1 ? workBase + 1 * CHUNK_SLOT : xOffset + c);
            boolean own2 = c == k2;
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, own2 ? work : x, own2 ? workBase + 2 * CHUNK_SLOT : xOffset + c);
            boolean own3 = c == k3;
            DoubleVector x3 = DoubleVector.fromArray(SPECIES, own3 ? work : x, own3 ? workBase + 3 * CHUNK_SLOT : xOffset + c);
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, row0 + c);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, row1 + c);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, a, row2 + c);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, a, row3 + c);
            acc00 = a0.fma(x0, acc00);
            acc01 = a0.fma(x1, acc01);
            acc02 = a0.fma(x2, acc02);
            acc03 = a0.fma(x3, acc03);
            acc10 = a1.fma(x0, acc10);
            acc11 = a1.fma(x1, acc11);
            acc12 = a1.fma(x2, acc12);
            acc13 = a1.fma(x3, acc13);
            acc20 = a2.fma(x0, acc20);
            acc21 = a2.fma(x1, acc21);
            acc22 = a2.fma(x2, acc22);
            acc23 = a2.fma(x3, acc23);
            acc30 = a3.fma(x0, acc30);
            acc31 = a3.fma(x1, acc31);
            acc32 = a3.fma(x2, acc32);
            acc33 = a3.fma(x3, acc33);
        }
        // reduce
        // Through memory rather than Lanes.sum: sixteen more calls ran C2 past its inlining node
        // budget, and a vector passed to a call that is not inlined is boxed. Same order, same bits.
        int spill = workBase + PROBES_PER_PASS * CHUNK_SLOT;
        acc00.intoArray(work, spill + 0 * LANES);
        acc01.intoArray(work, spill + 1 * LANES);
        acc02.intoArray(work, spill + 2 * LANES);
        acc03.intoArray(work, spill + 3 * LANES);
        acc10.intoArray(work, spill + 4 * LANES);
        acc11.intoArray(work, spill + 5 * LANES);
        acc12.intoArray(work, spill + 6 * LANES);
        acc13.intoArray(work, spill + 7 * LANES);
        acc20.intoArray(work, spill + 8 * LANES);
        acc21.intoArray(work, spill + 9 * LANES);
        acc22.intoArray(work, spill + 10 * LANES);
        acc23.intoArray(work, spill + 11 * LANES);
        acc30.intoArray(work, spill + 12 * LANES);
        acc31.intoArray(work, spill + 13 * LANES);
        acc32.intoArray(work, spill + 14 * LANES);
        acc33.intoArray(work, spill + 15 * LANES);
        double sum00 = laneSum(work, spill + 0 * LANES);
        double sum01 = laneSum(work, spill + 1 * LANES);
        double sum02 = laneSum(work, spill + 2 * LANES);
        double sum03 = laneSum(work, spill + 3 * LANES);
        double sum10 = laneSum(work, spill + 4 * LANES);
        double sum11 = laneSum(work, spill + 5 * LANES);
        double sum12 = laneSum(work, spill + 6 * LANES);
        double sum13 = laneSum(work, spill + 7 * LANES);
        double sum20 = laneSum(work, spill + 8 * LANES);
        double sum21 = laneSum(work, spill + 9 * LANES);
        double sum22 = laneSum(work, spill + 10 * LANES);
        double sum23 = laneSum(work, spill + 11 * LANES);
        double sum30 = laneSum(work, spill + 12 * LANES);
        double sum31 = laneSum(work, spill + 13 * LANES);
        double sum32 = laneSum(work, spill + 14 * LANES);
        double sum33 = laneSum(work, spill + 15 * LANES);
        // scalar tail
        int i0 = coordinates[j0];
        int i1 = coordinates[Math.min(j0 + 1, last)];
        int i2 = coordinates[Math.min(j0 + 2, last)];
        int i3 = coordinates[Math.min(j0 + 3, last)];
        double s0 = steps[j0];
        double s1 = steps[Math.min(j0 + 1, last)];
        double s2 = steps[Math.min(j0 + 2, last)];
        double s3 = steps[Math.min(j0 + 3, last)];
        for (int c = limit; c < cols; c++) {
            double xc = x[xOffset + c];
            double x0 = c == i0 ? x[xOffset + c] + s0 : xc;
            double x1 = c == i1 ? x[xOffset + c] + s1 : xc;
            double x2 = c == i2 ? x[xOffset + c] + s2 : xc;
            double x3 = c == i3 ? x[xOffset + c] + s3 : xc;
            sum00 = Math.fma(a[row0 + c], x0, sum00);
            sum01 = Math.fma(a[row0 + c], x1, sum01);
            sum02 = Math.fma(a[row0 + c], x2, sum02);
            sum03 = Math.fma(a[row0 + c], x3, sum03);
            sum10 = Math.fma(a[row1 + c], x0, sum10);
            sum11 = Math.fma(a[row1 + c], x1, sum11);
            sum12 = Math.fma(a[row1 + c], x2, sum12);
            sum13 = Math.fma(a[row1 + c], x3, sum13);
            sum20 = Math.fma(a[row2 + c], x0, sum20);
            sum21 = Math.fma(a[row2 + c], x1, sum21);
            sum22 = Math.fma(a[row2 + c], x2, sum22);
            sum23 = Math.fma(a[row2 + c], x3, sum23);
            sum30 = Math.fma(a[row3 + c], x0, sum30);
            sum31 = Math.fma(a[row3 + c], x1, sum31);
            sum32 = Math.fma(a[row3 + c], x2, sum32);
            sum33 = Math.fma(a[row3 + c], x3, sum33);
        }
        if (j0 + 0 <= last) {
            y[yOut + (j0 + 0) * rows + 0] = sum00;
            y[yOut + (j0 + 0) * rows + 1] = sum10;
            y[yOut + (j0 + 0) * rows + 2] = sum20;
            y[yOut + (j0 + 0) * rows + 3] = sum30;
        }
        if (j0 + 1 <= last) {
            y[yOut + (j0 + 1) * rows + 0] = sum01;
            y[yOut + (j0 + 1) * rows + 1] = sum11;
            y[yOut + (j0 + 1) * rows + 2] = sum21;
            y[yOut + (j0 + 1) * rows + 3] = sum31;
        }
        if (j0 + 2 <= last) {
            y[yOut + (j0 + 2) * rows + 0] = sum02;
            y[yOut + (j0 + 2) * rows + 1] = sum12;
            y[yOut + (j0 + 2) * rows + 2] = sum22;
            y[yOut + (j0 + 2) * rows + 3] = sum32;
        }
        if (j0 + 3 <= last) {
            y[yOut + (j0 + 3) * rows + 0] = sum03;
            y[yOut + (j0 + 3) * rows + 1] = sum13;
            y[yOut + (j0 + 3) * rows + 2] = sum23;
            y[yOut + (j0 + 3) * rows + 3] = sum33;
        }
    }

    /**
     * y = Σᵣ x[r]·A[r, ·], four rows per pass: each y vector is loaded once, receives four fmas
     * (rows r..r+3, in row order) and is stored once, a quarter of the y traffic of four axpys.
     * Every y element sees the same fma sequence as the scalar reference, so the result is
     * bit-identical to it.
     */
    @Override
    public void gemvTransposed(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
        KernelArguments.checkMatrix(a, aOffset, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, rows);
        KernelArguments.checkRange(y, "y", yOffset, cols);
        Arrays.fill(y, yOffset, yOffset + cols, 0.0);
        int limit = SPECIES.loopBound(cols);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int row0 = aOffset + r * cols;
            int row1 = row0 + cols;
            int row2 = row1 + cols;
            int row3 = row2 + cols;
            double x0 = x[xOffset + r];
            double x1 = x[xOffset + r + 1];
            double x2 = x[xOffset + r + 2];
            double x3 = x[xOffset + r + 3];
            DoubleVector xs0 = DoubleVector.broadcast(SPECIES, x0);
            DoubleVector xs1 = DoubleVector.broadcast(SPECIES, x1);
            DoubleVector xs2 = DoubleVector.broadcast(SPECIES, x2);
            DoubleVector xs3 = DoubleVector.broadcast(SPECIES, x3);
            int c = 0;
            for (; c < limit; c += LANES) {
                DoubleVector ys = DoubleVector.fromArray(SPECIES, y, yOffset + c);
                ys = DoubleVector.fromArray(SPECIES, a, row0 + c).fma(xs0, ys);
                ys = DoubleVector.fromArray(SPECIES, a, row1 + c).fma(xs1, ys);
                ys = DoubleVector.fromArray(SPECIES, a, row2 + c).fma(xs2, ys);
                ys = DoubleVector.fromArray(SPECIES, a, row3 + c).fma(xs3, ys);
                ys.intoArray(y, yOffset + c);
            }
            // scalar tail
            for (; c < cols; c++) {
                double yc = y[yOffset + c];
                yc = Math.fma(x0, a[row0 + c], yc);
                yc = Math.fma(x1, a[row1 + c], yc);
                yc = Math.fma(x2, a[row2 + c], yc);
                yc = Math.fma(x3, a[row3 + c], yc);
                y[yOffset + c] = yc;
            }
        }
        // leftover rows
        for (; r < rows; r++) {
            REFERENCE.axpy(x[xOffset + r], a, aOffset + r * cols, y, yOffset, cols);
        }
    }

    /** Checked here, computed by {@link PanamaGemm}. */
    @Override
    public void gemm(double[] a, int aOffset, int rows, int inner, double[] b, int bOffset, int cols,
                     double[] c, int cOffset) {
        KernelArguments.checkMatrix(a, "a", aOffset, rows, inner);
        KernelArguments.checkMatrix(b, "b", bOffset, inner, cols);
        KernelArguments.checkMatrix(c, "c", cOffset, rows, cols);
        PanamaGemm.gemm(a, aOffset, rows, inner, b, bOffset, cols, c, cOffset);
    }

    @Override
    public void tanh(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        int limit = from + SPECIES.loopBound(to - from);
        int k = from;
        for (; k < limit; k += LANES) {
            VectorMath.tanh(DoubleVector.fromArray(SPECIES, in, k)).intoArray(out, k);
        }
        // scalar tail
        for (; k < to; k++) {
            out[k] = VectorMath.tanhScalar(in[k]);
        }
    }

    /** max(z, 0) + log1p(e^−|z|), the scalar reference's overflow-free form, lane by lane. */
    @Override
    public void softplus(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        int limit = from + SPECIES.loopBound(to - from);
        int k = from;
        for (; k < limit; k += LANES) {
            DoubleVector z = DoubleVector.fromArray(SPECIES, in, k);
            DoubleVector decay = VectorMath.exp(z.lanewise(VectorOperators.ABS).neg());
            z.lanewise(VectorOperators.MAX, 0.0)
                    .add(VectorMath.log1pFinite(decay))
                    .intoArray(out, k);
        }
        // scalar tail
        for (; k < to; k++) {
            double z = in[k];
            out[k] = Math.max(z, 0.0) + VectorMath.log1pFiniteScalar(VectorMath.expScalar(-Math.abs(z)));
        }
    }

    /**
     * {@link VectorMath#sigmoid} lane-wise, two vectors per iteration: two independent exp
     * chains in flight, and, measured, no boxing. With one vector per iteration the JMH stub's
     * C2 compile, which inlines this kernel, gave up inlining {@code VectorMath.exp}
     * (PrintInlining: NodeCountInliningCutoff) and boxed the vectors crossing the call: 24 KB
     * allocated per call of 1024 elements, 0.22–0.33 ops/µs. Unrolled, the same compile inlines
     * exp: ~0 B/op, 0.61–0.64 ops/µs (scalar 0.22). JMH ActivationKernelBenchmark.sigmoid,
     * -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc, AVX-512. Why the cutoff is hit only in the first
     * shape is not established; the allocation figure of -prof gc is the check to repeat.
     */
    @Override
    public void sigmoid(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        int limit = from + SPECIES.loopBound(to - from);
        int k = from;
        for (; k < limit - LANES; k += 2 * LANES) {
            DoubleVector s0 = VectorMath.sigmoid(DoubleVector.fromArray(SPECIES, in, k));
            DoubleVector s1 = VectorMath.sigmoid(DoubleVector.fromArray(SPECIES, in, k + LANES));
            s0.intoArray(out, k);
            s1.intoArray(out, k + LANES);
        }
        for (; k < limit; k += LANES) {
            VectorMath.sigmoid(DoubleVector.fromArray(SPECIES, in, k)).intoArray(out, k);
        }
        // scalar tail
        for (; k < to; k++) {
            out[k] = VectorMath.sigmoidScalar(in[k]);
        }
    }

    @Override
    public double logSumExp(double[] a, int from, int to) {
        KernelArguments.checkFromTo(a, "a", from, to);
        int limit = from + SPECIES.loopBound(to - from);
        // max, so that every exponent below is ≤ 0 and the sum cannot overflow
        DoubleVector maxes = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        int k = from;
        for (; k < limit; k += LANES) {
            maxes = maxes.lanewise(VectorOperators.MAX, DoubleVector.fromArray(SPECIES, a, k));
        }
        double max = maxes.reduceLanes(VectorOperators.MAX);
        for (; k < to; k++) {
            max = Math.max(max, a[k]);
        }
        if (Double.isInfinite(max)) {
            return max; // empty or all −∞ gives −∞; any +∞ gives +∞; NaN was propagated by MAX
        }
        // Σ e^(a−max): one accumulator suffices, the add latency hides behind the exp
        DoubleVector shift = DoubleVector.broadcast(SPECIES, max);
        DoubleVector sums = DoubleVector.zero(SPECIES);
        k = from;
        for (; k < limit; k += LANES) {
            sums = sums.add(VectorMath.exp(DoubleVector.fromArray(SPECIES, a, k).sub(shift)));
        }
        // reduce
        double sum = Lanes.sum(sums);
        // scalar tail
        for (; k < to; k++) {
            sum += VectorMath.expScalar(a[k] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public void relu(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        // Math.max(z, 0.0) as "0 where z <= 0, else z": NaN fails the comparison and stays NaN,
        // −0 passes it and becomes +0, as in Math.max. One compare and one blend, where
        // lanewise(MAX) has to fix up vmaxpd's NaN and −0 behaviour with extra instructions.
        DoubleVector zeros = DoubleVector.zero(SPECIES);
        int limit = from + SPECIES.loopBound(to - from);
        int k = from;
        for (; k < limit; k += LANES) {
            DoubleVector z = DoubleVector.fromArray(SPECIES, in, k);
            z.blend(zeros, z.compare(VectorOperators.LE, zeros)).intoArray(out, k);
        }
        // scalar tail
        for (; k < to; k++) {
            out[k] = Math.max(in[k], 0.0);
        }
    }

    // batch kernels for delta evaluation: checked here, computed by PanamaBatchKernels

    @Override
    public void tanhDifference(double[] z, double[] tanhZ, double[] sech2Z, int offset, double alpha,
                               double[] v, int vOffset, double[] out, int outOffset, int length) {
        KernelArguments.checkRange(z, "z", offset, length);
        KernelArguments.checkRange(tanhZ, "tanhZ", offset, length);
        KernelArguments.checkRange(sech2Z, "sech2Z", offset, length);
        KernelArguments.checkRange(v, "v", vOffset, length);
        KernelArguments.checkRange(out, "out", outOffset, length);
        PanamaBatchKernels.tanhDifference(z, tanhZ, sech2Z, offset, alpha, v, vOffset, out, outOffset, length);
    }

    @Override
    public void addExpm1Scaled(double[] p, int pOffset, double alpha, double[] v, int vOffset,
                               double[] out, int outOffset, int length) {
        KernelArguments.checkRange(p, "p", pOffset, length);
        KernelArguments.checkRange(v, "v", vOffset, length);
        KernelArguments.checkRange(out, "out", outOffset, length);
        PanamaBatchKernels.addExpm1Scaled(p, pOffset, alpha, v, vOffset, out, outOffset, length);
    }

    @Override
    public double sumLog1p(double[] a, int from, int to) {
        KernelArguments.checkFromTo(a, "a", from, to);
        return PanamaBatchKernels.sumLog1p(a, from, to);
    }

    @Override
    public boolean tanhSeriesDeltaPair(double[] tanhZ, double[] sech2Z, int offset, double step,
                                       double[] v, int vOffset, double[] coefficients, int stride, int terms,
                                       double[] labelWeight, double[] changePlus, double[] changeMinus, int length,
                                       double[] sums) {
        KernelArguments.checkRange(tanhZ, "tanhZ", offset, length);
        KernelArguments.checkRange(sech2Z, "sech2Z", offset, length);
        KernelArguments.checkRange(v, "v", vOffset, length);
        KernelArguments.checkSeries(coefficients, offset, stride, terms, length);
        KernelArguments.checkRange(labelWeight, "labelWeight", offset, length);
        KernelArguments.checkRange(changePlus, "changePlus", 0, length);
        KernelArguments.checkRange(changeMinus, "changeMinus", 0, length);
        KernelArguments.checkRange(sums, "sums", 0, 2);
        return PanamaBatchKernels.tanhDifferencePair(tanhZ, sech2Z, offset, step, v, vOffset, changePlus, changeMinus,
                length)
                && PanamaBatchKernels.crossEntropyChangePair(coefficients, offset, stride, terms, labelWeight,
                        changePlus, changeMinus, length, sums);
    }

    @Override
    public void powerSeries(double[] coefficients, int offset, int stride, int terms, double[] x, int xOffset,
                            double[] out, int outOffset, int length) {
        KernelArguments.checkSeries(coefficients, offset, stride, terms, length);
        KernelArguments.checkRange(x, "x", xOffset, length);
        KernelArguments.checkRange(out, "out", outOffset, length);
        PanamaBatchKernels.powerSeries(coefficients, offset, stride, terms, x, xOffset, out, outOffset, length);
    }
}
