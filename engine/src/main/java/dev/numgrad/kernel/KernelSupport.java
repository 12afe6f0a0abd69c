package dev.numgrad.kernel;

/**
 * The arithmetic that losses share, in double precision. Two implementations give the same
 * answers to within rounding: {@link ScalarKernelSupport} (the reference) and
 * {@code dev.numgrad.kernel.panama.PanamaKernelSupport} (the Java Vector API). Callers go
 * through {@link Kernels}, never pick one directly.
 *
 * <p>Ranges are half-open {@code [from, to)} or an offset plus a length. Every method checks its
 * ranges before touching any element and throws {@link IndexOutOfBoundsException} naming the
 * array. Outputs are written only inside their range. The element-wise kernels may run in place
 * ({@code in == out}); in axpy, gemv and gemvTransposed the output must not overlap an input.
 *
 * <p>How close the implementations are, kernel by kernel, is stated in
 * {@code PanamaKernelSupport} and enforced by {@code KernelEquivalenceTest}.
 */
public interface KernelSupport {

    /** Short name for messages and benchmark labels: "scalar" or "panama". */
    String name();

    /**
     * Σ a[aOffset + k]·b[bOffset + k] for k in [0, length); 0 when length is 0.
     *
     * @param a the first vector; not modified
     * @param b the second vector; not modified
     */
    double dot(double[] a, int aOffset, double[] b, int bOffset, int length);

    /**
     * y[yOffset + k] += alpha·x[xOffset + k] for k in [0, length), one fma per element.
     *
     * @param x the vector scaled; not modified
     * @param y the accumulator; modified in [yOffset, yOffset + length) only
     */
    void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length);

    /**
     * Σ a[k]² for k in [from, to).
     *
     * @param a the vector; not modified
     */
    double sumOfSquares(double[] a, int from, int to);

    /**
     * Row-major matrix-vector product y = A·x, where A is {@code rows × cols} stored at
     * {@code a[aOffset + r·cols + c]}.
     *
     * @param a the matrix; not modified
     * @param x the vector, read in [xOffset, xOffset + cols); not modified
     * @param y the result; modified in [yOffset, yOffset + rows) only, overwritten
     */
    void gemv(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset);

    /**
     * Transposed product y = Aᵀ·x for the same row-major A ({@code rows × cols}), accumulated
     * row by row: y = Σᵣ x[r]·A[r, ·].
     *
     * @param a the matrix; not modified
     * @param x the vector, read in [xOffset, xOffset + rows); not modified
     * @param y the result; modified in [yOffset, yOffset + cols) only, overwritten
     */
    void gemvTransposed(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset);

    /**
     * out[k] = tanh(in[k]) for k in [from, to).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     */
    void tanh(double[] in, double[] out, int from, int to);

    /**
     * out[k] = log(1 + exp(in[k])), computed without overflow, for k in [from, to).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     */
    void softplus(double[] in, double[] out, int from, int to);

    /**
     * log Σ exp(a[k]) for k in [from, to), shifted by the maximum so it never overflows;
     * −∞ for an empty range or all −∞, +∞ if any element is +∞, NaN if any is NaN.
     *
     * @param a the arguments; not modified
     */
    double logSumExp(double[] a, int from, int to);

    /**
     * out[k] = max(in[k], 0) for k in [from, to), with {@link Math#max} semantics (−0 → +0,
     * NaN → NaN).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     */
    void relu(double[] in, double[] out, int from, int to);

    /**
     * out[k] = 1 / (1 + exp(−in[k])), without overflow, for k in [from, to).
     *
     * @param in  the arguments; not modified (unless it is {@code out})
     * @param out the results; modified in [from, to) only; may be {@code in}
     */
    void sigmoid(double[] in, double[] out, int from, int to);
}
