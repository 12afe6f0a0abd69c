package dev.numgrad.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Reference kernels: plain loops in index order, {@link Math#fma} for every product added to a
 * running sum (rosenbrock's cᵢ = x_{i+1} − xᵢ·xᵢ is a product, then a difference), and
 * the JDK's {@link Math#tanh}/{@link Math#exp}/{@link Math#log1p}. Every Panama kernel is
 * tested against these, so they stay simple enough to be obviously right; speed comes from
 * {@code PanamaKernelSupport}.
 *
 * <p>Accuracy: each reduction (dot, sum of squares, a gemv row) is one fused multiply-add chain,
 * so its error is at most {@code n·ε·Σ|termₖ|} (ε = 2⁻⁵³); axpy and the transposed product are
 * one correctly rounded fma per element and row; the activations inherit the 1-ulp accuracy of
 * {@link Math}.
 */
public final class ScalarKernelSupport implements KernelSupport {

    /** The reference kernels; {@link Kernels#scalar()} holds the shared instance. */
    public ScalarKernelSupport() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        KernelArguments.checkRange(a, "a", aOffset, length);
        KernelArguments.checkRange(b, "b", bOffset, length);
        return dotUnchecked(a, aOffset, b, bOffset, length);
    }

    private static double dotUnchecked(double[] a, int aOffset, double[] b, int bOffset, int length) {
        double sum = 0;
        for (int k = 0; k < length; k++) {
            sum = Math.fma(a[aOffset + k], b[bOffset + k], sum);
        }
        return sum;
    }

    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        KernelArguments.checkRange(x, "x", xOffset, length);
        KernelArguments.checkRange(y, "y", yOffset, length);
        axpyUnchecked(alpha, x, xOffset, y, yOffset, length);
    }

    private static void axpyUnchecked(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        for (int k = 0; k < length; k++) {
            y[yOffset + k] = Math.fma(alpha, x[xOffset + k], y[yOffset + k]);
        }
    }

    @Override
    public double sumOfSquares(double[] a, int from, int to) {
        KernelArguments.checkFromTo(a, "a", from, to);
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum = Math.fma(a[k], a[k], sum);
        }
        return sum;
    }

    @Override
    public double rosenbrock(double[] x, int from, int to) {
        KernelArguments.checkFromTo(x, "x", from, to);
        double valley = 0;
        double offset = 0;
        for (int i = from; i < to - 1; i++) {
            double c = x[i + 1] - x[i] * x[i];
            double a = 1 - x[i];
            valley = Math.fma(c, c, valley);
            offset = Math.fma(a, a, offset);
        }
        return 100 * valley + offset;
    }

    /** {@link #rosenbrock}'s loop reading the segment element by element. */
    @Override
    public double rosenbrockSegment(MemorySegment x, int from, int to) {
        KernelArguments.checkFromTo(x, "x", from, to);
        double valley = 0;
        double offset = 0;
        for (int i = from; i < to - 1; i++) {
            double xi = x.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
            double c = x.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i + 1) - xi * xi;
            double a = 1 - xi;
            valley = Math.fma(c, c, valley);
            offset = Math.fma(a, a, offset);
        }
        return 100 * valley + offset;
    }

    /** One {@link #gemv} per probe, of a perturbed copy of x in work: the definition itself. */
    @Override
    public void gemvProbes(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, int[] coordinates,
                           double[] steps, int count, double[] y, int yOffset, double[] work) {
        KernelArguments.checkMatrix(a, aOffset, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkProbes(coordinates, steps, count, rows, cols, y, yOffset, work);
        System.arraycopy(x, xOffset, work, 0, cols);
        for (int j = 0; j < count; j++) {
            int i = coordinates[j];
            work[i] = x[xOffset + i] + steps[j];
            for (int r = 0; r < rows; r++) {
                y[yOffset + j * rows + r] = dotUnchecked(a, aOffset + r * cols, work, 0, cols);
            }
            work[i] = x[xOffset + i];
        }
    }

    @Override
    public void gemv(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
        KernelArguments.checkMatrix(a, aOffset, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkRange(y, "y", yOffset, rows);
        for (int r = 0; r < rows; r++) {
            y[yOffset + r] = dotUnchecked(a, aOffset + r * cols, x, xOffset, cols);
        }
    }

    /** Each row the fma chain of {@link #gemv}'s dot, reading the segment element by element. */
    @Override
    public void gemvSegment(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
        KernelArguments.checkMatrix(a, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkRange(y, "y", yOffset, rows);
        for (int r = 0; r < rows; r++) {
            y[yOffset + r] = segmentRowDot(a, r, cols, x, xOffset);
        }
    }

    @Override
    public void gemvSegmentFromLastRow(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y,
                                       int yOffset) {
        KernelArguments.checkMatrix(a, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, cols);
        KernelArguments.checkRange(y, "y", yOffset, rows);
        for (int r = rows - 1; r >= 0; r--) {
            y[yOffset + r] = segmentRowDot(a, r, cols, x, xOffset);
        }
    }

    private static double segmentRowDot(MemorySegment a, int r, int cols, double[] x, int xOffset) {
        long row = (long) r * cols;
        double sum = 0;
        for (int c = 0; c < cols; c++) {
            sum = Math.fma(a.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, row + c), x[xOffset + c], sum);
        }
        return sum;
    }

    @Override
    public void gemvTransposed(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
        KernelArguments.checkMatrix(a, aOffset, rows, cols);
        KernelArguments.checkRange(x, "x", xOffset, rows);
        KernelArguments.checkRange(y, "y", yOffset, cols);
        Arrays.fill(y, yOffset, yOffset + cols, 0.0);
        for (int r = 0; r < rows; r++) {
            axpyUnchecked(x[xOffset + r], a, aOffset + r * cols, y, yOffset, cols);
        }
    }

    /** One axpy per element of A: row r of C += A[r][k]·(row k of B), k in order. */
    @Override
    public void gemm(double[] a, int aOffset, int rows, int inner, double[] b, int bOffset, int cols,
                     double[] c, int cOffset) {
        KernelArguments.checkMatrix(a, "a", aOffset, rows, inner);
        KernelArguments.checkMatrix(b, "b", bOffset, inner, cols);
        KernelArguments.checkMatrix(c, "c", cOffset, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                axpyUnchecked(a[aOffset + r * inner + k], b, bOffset + k * cols, c, cOffset + r * cols, cols);
            }
        }
    }

    @Override
    public void tanh(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        for (int k = from; k < to; k++) {
            out[k] = Math.tanh(in[k]);
        }
    }

    @Override
    public void softplus(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        for (int k = from; k < to; k++) {
            out[k] = softplus(in[k]);
        }
    }

    /** log(1 + eᶻ) = max(z, 0) + log1p(e^−|z|): no overflow for large z, no loss for small. */
    static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    public double logSumExp(double[] a, int from, int to) {
        KernelArguments.checkFromTo(a, "a", from, to);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = from; k < to; k++) {
            max = Math.max(max, a[k]);
        }
        if (Double.isInfinite(max)) {
            return max; // empty or all −∞ gives −∞; any +∞ gives +∞; NaN propagated by Math.max
        }
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += Math.exp(a[k] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public void relu(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        for (int k = from; k < to; k++) {
            out[k] = Math.max(in[k], 0.0);
        }
    }

    @Override
    public void sigmoid(double[] in, double[] out, int from, int to) {
        KernelArguments.checkFromTo(in, "in", from, to);
        KernelArguments.checkFromTo(out, "out", from, to);
        for (int k = from; k < to; k++) {
            out[k] = sigmoid(in[k]);
        }
    }

    /** Branches on the sign so exp never overflows: e^−|z| ≤ 1 on both branches. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    // batch kernels for delta evaluation

    @Override
    public void tanhDifference(double[] z, double[] tanhZ, double[] sech2Z, int offset, double alpha,
                               double[] v, int vOffset, double[] out, int outOffset, int length) {
        KernelArguments.checkRange(z, "z", offset, length);
        KernelArguments.checkRange(tanhZ, "tanhZ", offset, length);
        KernelArguments.checkRange(sech2Z, "sech2Z", offset, length);
        KernelArguments.checkRange(v, "v", vOffset, length);
        KernelArguments.checkRange(out, "out", outOffset, length);
        for (int k = 0; k < length; k++) {
            out[outOffset + k] = TanhDifference.of(z[offset + k], tanhZ[offset + k], sech2Z[offset + k], alpha * v[vOffset + k]);
        }
    }

    @Override
    public void addExpm1Scaled(double[] p, int pOffset, double alpha, double[] v, int vOffset,
                               double[] out, int outOffset, int length) {
        KernelArguments.checkRange(p, "p", pOffset, length);
        KernelArguments.checkRange(v, "v", vOffset, length);
        KernelArguments.checkRange(out, "out", outOffset, length);
        for (int k = 0; k < length; k++) {
            out[outOffset + k] = Math.fma(p[pOffset + k], Math.expm1(alpha * v[vOffset + k]), out[outOffset + k]);
        }
    }

    @Override
    public double sumLog1p(double[] a, int from, int to) {
        KernelArguments.checkFromTo(a, "a", from, to);
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += SmallLog1p.orMath(a[k]);
        }
        return sum;
    }

    @Override
    public void powerSeries(double[] coefficients, int offset, int stride, int terms, double[] x, int xOffset,
                            double[] out, int outOffset, int length) {
        KernelArguments.checkSeries(coefficients, offset, stride, terms, length);
        KernelArguments.checkRange(x, "x", xOffset, length);
        KernelArguments.checkRange(out, "out", outOffset, length);
        for (int k = 0; k < length; k++) {
            double xk = x[xOffset + k];
            double sum = coefficients[offset + (terms - 1) * stride + k];
            for (int n = terms - 2; n >= 0; n--) {
                sum = Math.fma(sum, xk, coefficients[offset + n * stride + k]);
            }
            out[outOffset + k] = sum * xk;
        }
    }
}
