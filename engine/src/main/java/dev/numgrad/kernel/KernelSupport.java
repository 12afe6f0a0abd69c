package dev.numgrad.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The arithmetic that losses share, in double precision. Two implementations give the same
 * answers to within rounding: {@link ScalarKernelSupport} (the reference) and
 * {@code dev.numgrad.kernel.panama.PanamaKernelSupport} (the Java Vector API). Callers go
 * through {@link Kernels}, never pick one directly.
 *
 * <p>Ranges are half-open {@code [from, to)} or an offset plus a length. Every method checks its
 * ranges before touching any element and throws {@link IndexOutOfBoundsException} naming the
 * array. Outputs are written only inside their range. The element-wise kernels may run in place
 * ({@code in == out}); in axpy, gemv, gemvTransposed and gemm the output must not overlap an input.
 *
 * <p>How close the implementations are, kernel by kernel, is stated in
 * {@code PanamaKernelSupport} and enforced by {@code KernelEquivalenceTest}.
 */
public interface KernelSupport {

    /** {@return a short name for messages and benchmark labels: "scalar" or "panama"} */
    String name();

    /**
     * Σ a[aOffset + k]·b[bOffset + k] for k in [0, length); 0 when length is 0.
     *
     * @param a the first vector; not modified
     * @param aOffset the first element of a
     * @param b the second vector; not modified
     * @param bOffset the first element of b
     * @param length the number of products
     * @return the dot product
     */
    double dot(double[] a, int aOffset, double[] b, int bOffset, int length);

    /**
     * y[yOffset + k] += alpha·x[xOffset + k] for k in [0, length), one fma per element.
     *
     * @param alpha the scale
     * @param x the vector scaled; not modified
     * @param xOffset the first element of x
     * @param y the accumulator; modified in [yOffset, yOffset + length) only
     * @param yOffset the first element of y
     * @param length the number of elements
     */
    void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length);

    /**
     * Σ a[k]² for k in [from, to).
     *
     * @param a the vector; not modified
     * @param from the first element
     * @param to one past the last element
     * @return the sum of squares
     */
    double sumOfSquares(double[] a, int from, int to);

    /**
     * The chained Rosenbrock sum over x[from, to): with cᵢ = x_{i+1} − xᵢ·xᵢ (a rounded product,
     * then a difference, as the C reference's source writes it) and aᵢ = 1 − xᵢ for i in
     * [from, to − 1), returns 100·Σcᵢ² + Σaᵢ², each sum accumulated by fmas; 0 when the range holds
     * fewer than two elements. One pass over x, no scratch: the value of the {@code rosen(n)}
     * workload, which a black-box gradient evaluates 2n times.
     *
     * @param x the point; not modified
     * @param from the first coordinate
     * @param to one past the last coordinate
     * @return 100·Σcᵢ² + Σaᵢ²
     * @throws IndexOutOfBoundsException if [from, to) is not a range of x
     */
    double rosenbrock(double[] x, int from, int to);

    /**
     * {@link #rosenbrock} of a point held in a memory segment: x_k is the double at byte
     * {@code 8·k} of x, in native byte order. Bit-identical to {@link #rosenbrock} of the same
     * elements in an array on the same implementation (the same loop, the same terms, the same
     * reduction); only where the loads come from differs. The point is alignment: the black-box
     * gradient hands a {@code SegmentEvaluator} a copy of x whose first element starts a cache
     * line, so no 64-byte vector load spans two lines, whereas where a Java array starts is up
     * to the allocator (a fresh copy of x per gradient made rosen(10000) evaluations take
     * 0.72 µs or 0.89 µs depending on it).
     *
     * @param x the point, at least {@code 8·to} bytes, any alignment; not modified
     * @param from the first coordinate
     * @param to one past the last coordinate
     * @return 100·Σcᵢ² + Σaᵢ², as {@link #rosenbrock}
     * @throws IndexOutOfBoundsException if [from, to) is not a range of x's doubles
     */
    double rosenbrockSegment(MemorySegment x, int from, int to);

    /**
     * Row-major matrix-vector product y = A·x, where A is {@code rows × cols} stored at
     * {@code a[aOffset + r·cols + c]}.
     *
     * @param a the matrix; not modified
     * @param aOffset the position of A[0, 0] in a
     * @param rows the number of rows of A
     * @param cols the number of columns of A
     * @param x the vector, read in [xOffset, xOffset + cols); not modified
     * @param xOffset the first element of x
     * @param y the result; modified in [yOffset, yOffset + rows) only, overwritten
     * @param yOffset the first element of y
     */
    void gemv(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset);

    /**
     * The alignment of {@link #alignedCopy}: one cache line. A vector load that starts on a line
     * boundary touches one line; Java arrays guarantee only 8- or 16-byte alignment, so a
     * 64-byte load from an array typically spans two lines.
     */
    long CACHE_LINE_BYTES = 64;

    /**
     * A read-only off-heap copy of {@code a} whose first element starts a cache line, for
     * {@link #gemvSegment}. The memory belongs to an automatic arena: it is freed once the
     * returned segment is unreachable.
     *
     * @param a the elements; not modified (copied)
     * @return a segment of {@code 8·a.length} bytes holding a's elements in native byte order
     */
    static MemorySegment alignedCopy(double[] a) {
        MemorySegment copy = Arena.ofAuto().allocate((long) a.length * Double.BYTES, CACHE_LINE_BYTES);
        MemorySegment.copy(a, 0, copy, ValueLayout.JAVA_DOUBLE, 0, a.length);
        return copy.asReadOnly();
    }

    /**
     * {@link #gemv} of a matrix held in a memory segment: y = A·x with A[r, c] the double at byte
     * {@code 8·(r·cols + c)} of a, in native byte order. Bit-identical to {@link #gemv} of the
     * same elements in an array on the same implementation (the same fmas in the same order);
     * only where the loads come from differs. The point is alignment: with the rows of
     * {@link #alignedCopy} starting on cache lines (when 8·cols is a multiple of 64), no vector
     * load of a row spans two lines, which is what limits gemv when A streams from L3.
     *
     * @param a the matrix, at least {@code 8·rows·cols} bytes, any alignment; not modified
     * @param rows the number of rows of A
     * @param cols the number of columns of A
     * @param x the vector, read in [xOffset, xOffset + cols); not modified
     * @param xOffset the first element of x
     * @param y the result; modified in [yOffset, yOffset + rows) only, overwritten
     * @param yOffset the first element of y
     * @throws IllegalArgumentException if rows or cols is negative
     * @throws IndexOutOfBoundsException if the matrix does not fit in a, or x or y is too short
     */
    void gemvSegment(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset);

    /**
     * {@link #gemvSegment} visiting the rows from the last to the first: the same y, bit for bit
     * (each row's products are summed in the same order whatever order the rows come in). Why: a
     * pass over a matrix larger than L2 evicts its own first rows, so the next pass in the same
     * direction finds nothing in L2; one in the opposite direction starts on the rows the last
     * pass just read. A loss evaluated over and over (a black-box gradient) alternates the two and
     * reads part of X from L2 instead of L3.
     *
     * @param a the matrix, at least {@code 8·rows·cols} bytes, any alignment; not modified
     * @param rows the number of rows of A
     * @param cols the number of columns of A
     * @param x the vector, read in [xOffset, xOffset + cols); not modified
     * @param xOffset the first element of x
     * @param y the result; modified in [yOffset, yOffset + rows) only, overwritten
     * @param yOffset the first element of y
     * @throws IllegalArgumentException if rows or cols is negative
     * @throws IndexOutOfBoundsException if the matrix does not fit in a, or x or y is too short
     */
    void gemvSegmentFromLastRow(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset);

    /**
     * The scratch length {@link #gemvProbes} needs for a matrix of {@code cols} columns: a copy of
     * x, and room for twenty vectors of up to 32 lanes (a perturbed vector for each of four
     * probes, sixteen accumulators).
     *
     * @param cols the number of columns, at least 0
     * @return {@code cols + 640}
     */
    static int probeWorkLength(int cols) {
        return cols + 640;
    }

    /**
     * {@link #gemv} at {@code count} probe points at once, for a black-box gradient's batched
     * probes: y_j = A·(x + steps[j]·e_{coordinates[j]}), where the perturbed element is the double
     * {@code x[xOffset + i] + steps[j]}, written to {@code y[yOffset + j·rows + r]}. Each y_j is
     * bit-identical to {@link #gemv} of that point on the same implementation (the same fmas in
     * the same order), but an implementation may read each element of A once for several probes:
     * A streams through memory once per batch rather than once per probe.
     *
     * @param a the matrix, {@code rows × cols} row-major; not modified
     * @param aOffset the matrix's first element
     * @param rows the number of rows, the length of one result block
     * @param cols the number of columns
     * @param x the base point, read in [xOffset, xOffset + cols); not modified
     * @param xOffset the base point's first element
     * @param coordinates the perturbed coordinate of each probe, each in [0, cols); not modified
     * @param steps the step of each probe; not modified
     * @param count the number of probes, at least 0
     * @param y the results, {@code count} blocks of {@code rows}; modified in
     *     [yOffset, yOffset + count·rows) only, overwritten; must not overlap a, x or work
     * @param yOffset where the first block starts
     * @param work scratch of at least {@link #probeWorkLength(int) probeWorkLength(cols)} elements,
     *     overwritten; must not overlap a, x or y
     * @throws IndexOutOfBoundsException if a range does not fit its array or a coordinate is not in [0, cols)
     * @throws IllegalArgumentException if rows, cols or count is negative
     */
    void gemvProbes(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, int[] coordinates,
                    double[] steps, int count, double[] y, int yOffset, double[] work);

    /**
     * Transposed product y = Aᵀ·x for the same row-major A ({@code rows × cols}), accumulated
     * row by row: y = Σᵣ x[r]·A[r, ·].
     *
     * @param a the matrix; not modified
     * @param aOffset the position of A[0, 0] in a
     * @param rows the number of rows of A
     * @param cols the number of columns of A
     * @param x the vector, read in [xOffset, xOffset + rows); not modified
     * @param xOffset the first element of x
     * @param y the result; modified in [yOffset, yOffset + cols) only, overwritten
     * @param yOffset the first element of y
     */
    void gemvTransposed(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset);

    /**
     * Row-major matrix product, accumulated: C += A·B (BLAS {@code dgemm} with α = β = 1), where A
     * is {@code rows × inner} at {@code a[aOffset + r·inner + k]}, B is {@code inner × cols} at
     * {@code b[bOffset + k·cols + j]} and C is {@code rows × cols} at {@code c[cOffset + r·cols + j]}.
     * Each element of C takes its {@code inner} fmas in order k = 0, 1, …, so every implementation
     * gives the same bits. 2·rows·inner·cols flops.
     *
     * <p>A dense layer over a mini-batch stored one row per unit ([unit][sample]) is one call:
     * the forward pass Z += W·A_in (inner = fan-in, cols = batch) and the weight gradient
     * ∂W += G·A_inᵀ (inner = batch, with A_in stored one row per sample). Unlike one {@link #gemv}
     * per sample, an implementation may reuse every element it loads for several rows and
     * columns, which is what keeps a mini-batch pass from being bound by reading the weights.
     *
     * @param a the left factor; not modified
     * @param aOffset the position of A[0, 0] in a
     * @param rows the number of rows of A and C
     * @param inner the number of columns of A and rows of B
     * @param b the right factor; not modified
     * @param bOffset the position of B[0, 0] in b
     * @param cols the number of columns of B and C
     * @param c the accumulator; modified in [cOffset, cOffset + rows·cols) only; must not overlap
     *     a or b
     * @param cOffset the position of C[0, 0] in c
     * @throws IllegalArgumentException if rows, inner or cols is negative
     */
    void gemm(double[] a, int aOffset, int rows, int inner, double[] b, int bOffset, int cols, double[] c, int cOffset);

    /**
     * out[k] = tanh(in[k]) for k in [from, to).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     * @param from the first element
     * @param to one past the last element
     */
    void tanh(double[] in, double[] out, int from, int to);

    /**
     * out[k] = log(1 + exp(in[k])), computed without overflow, for k in [from, to).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     * @param from the first element
     * @param to one past the last element
     */
    void softplus(double[] in, double[] out, int from, int to);

    /**
     * log Σ exp(a[k]) for k in [from, to), shifted by the maximum so it never overflows;
     * −∞ for an empty range or all −∞, +∞ if any element is +∞, NaN if any is NaN.
     *
     * @param a the arguments; not modified
     * @param from the first element
     * @param to one past the last element
     * @return log Σ exp(a[k])
     */
    double logSumExp(double[] a, int from, int to);

    /**
     * out[k] = max(in[k], 0) for k in [from, to), with {@link Math#max} semantics (−0 → +0,
     * NaN → NaN).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     * @param from the first element
     * @param to one past the last element
     */
    void relu(double[] in, double[] out, int from, int to);

    /**
     * out[k] = 1 / (1 + exp(−in[k])), without overflow, for k in [from, to).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     * @param from the first element
     * @param to one past the last element
     */
    void sigmoid(double[] in, double[] out, int from, int to);

    // batch kernels for delta evaluation

    /**
     * The exact change of tanh across a batch: for k in [0, length),
     * out[outOffset+k] = tanh(z + alpha·v[vOffset+k]) − tanh(z) with z = z[offset+k], to a few
     * ulps of the change itself, by the rule of {@link TanhDifference} (the plain difference
     * would lose the digits below the rounding of tanh z).
     *
     * @param z pre-activations. Not modified.
     * @param tanhZ tanh(z) at the same offsets. Not modified.
     * @param sech2Z sech²(z) at the same offsets, accurate where tanh z saturates. Not modified.
     * @param offset the first element of z, tanhZ and sech2Z
     * @param alpha the scale of the direction
     * @param v direction. Not modified.
     * @param vOffset the first element of v
     * @param out modified in [outOffset, outOffset + length).
     * @param outOffset the first element of out
     * @param length the number of elements
     */
    void tanhDifference(double[] z, double[] tanhZ, double[] sech2Z, int offset, double alpha,
                        double[] v, int vOffset, double[] out, int outOffset, int length);

    /**
     * One class's share of a softmax shift: out[outOffset+k] += p[pOffset+k]·expm1(alpha·v[vOffset+k])
     * for k in [0, length). Summed over the classes c with p = softmax probabilities and
     * alpha·v = the logit shifts δ_c, it gives Σ_c p_c·(e^δ_c − 1), and
     * log1p of that is the exact change of log-sum-exp, with no large totals subtracted.
     *
     * @param p probabilities. Not modified.
     * @param pOffset the first element of p
     * @param alpha the scale of the shift
     * @param v shift direction. Not modified.
     * @param vOffset the first element of v
     * @param out accumulators. Modified in [outOffset, outOffset + length).
     * @param outOffset the first element of out
     * @param length the number of elements
     */
    void addExpm1Scaled(double[] p, int pOffset, double alpha, double[] v, int vOffset,
                        double[] out, int outOffset, int length);

    /**
     * Σ log1p(a[k]) for k in [from, to), each term to an ulp or two; arguments with
     * |a| ≤ {@link SmallLog1p#LIMIT} (the usual softmax shifts) take a polynomial that is exact to
     * rounding and cheaper than log1p.
     *
     * @param a the arguments. Not modified.
     * @param from the first element
     * @param to one past the last element
     * @return Σ log1p(a[k])
     */
    double sumLog1p(double[] a, int from, int to);

    /**
     * A power series without constant term with per-element coefficients, by Horner:
     * out[outOffset+k] = Σ_{n=1..terms} c_n·x^n with x = x[xOffset+k] and
     * c_n = coefficients[offset + (n−1)·stride + k]. Delta evaluation uses it for the softmax
     * shift Σ_c p_c·expm1(w_c·x) = Σ_n (Σ_c p_c·w_cⁿ/n!)·xⁿ when x is small enough that the
     * truncation is below rounding.
     *
     * @param coefficients terms rows of coefficients, stride apart. Not modified.
     * @param offset the position of c_1 for element 0
     * @param stride the distance between the rows of c_n and c_{n+1}
     * @param terms the number of terms, n = 1..terms
     * @param x the variable. Not modified.
     * @param xOffset the first element of x
     * @param out modified in [outOffset, outOffset + length).
     * @param outOffset the first element of out
     * @param length the number of elements
     */
    void powerSeries(double[] coefficients, int offset, int stride, int terms, double[] x, int xOffset,
                     double[] out, int outOffset, int length);

    /**
     * Both signs of a last-hidden tanh unit's delta in one pass, where that pass can reproduce
     * the separate kernels' bits: for s = +step (sums[0]) and s = −step (sums[1]),
     * <pre>
     *   change_s = tanhDifference(z, tanhZ, sech2Z, offset, s, v, vOffset, ·, length)
     *   sums[·]  = sumLog1p(powerSeries(coefficients, offset, stride, terms, change_s))
     *              − dot(labelWeight, offset, change_s, length)
     * </pre>
     * bit for bit what those calls give on this implementation. Central differences of delta
     * evaluation need exactly these two, and the pair shares every load, the step's tanh and one
     * product (see {@code MlpDeltaEvaluator}). Returns false, leaving sums untouched, when the
     * implementation has no fused pass (the default) or an element needs a slow branch of one of
     * those kernels (a step beyond tanh's series, a shift beyond log1p's polynomial); the caller
     * then makes the separate calls. No z argument: tanhDifference reads z only for a saturated
     * unit, which a step within tanh's series cannot reach.
     *
     * @param tanhZ tanh(z) at the same offsets. Not modified.
     * @param sech2Z sech²(z) at the same offsets. Not modified.
     * @param offset the first element of tanhZ, sech2Z, labelWeight and coefficient row 0
     * @param step the scale of the direction; both +step and −step are evaluated
     * @param v direction. Not modified.
     * @param vOffset the first element of v
     * @param coefficients the power series' rows, stride apart. Not modified.
     * @param stride the distance between coefficient rows
     * @param terms the number of series terms, at least 1
     * @param labelWeight the weights of the label term. Not modified.
     * @param changePlus receives change_{+step} in [0, length) when true is returned. Modified.
     * @param changeMinus receives change_{−step} in [0, length) when true is returned. Modified.
     * @param length the number of elements (samples)
     * @param sums receives the two sums in [0, 2) when true is returned. Modified.
     * @return whether sums holds the result
     */
    default boolean tanhSeriesDeltaPair(double[] tanhZ, double[] sech2Z, int offset, double step,
                                        double[] v, int vOffset, double[] coefficients, int stride, int terms,
                                        double[] labelWeight, double[] changePlus, double[] changeMinus, int length,
                                        double[] sums) {
        return false;
    }
}
