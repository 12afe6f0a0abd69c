package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.loss.ParameterBlocks;
import dev.numgrad.loss.ProbeBatchEvaluator;
import dev.numgrad.loss.ProbeBatchLoss;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Least squares, the {@code linreg(m, n)} workload: f(w) = (1/(2m))·Σ_r (X_r·w − y_r)² for an
 * m × n design matrix X and targets y.
 *
 * <p>X is held twice ({@link DesignMatrix}): row-major for the value (one matrix-vector product),
 * and column-major so that column i — all a delta of coordinate i reads — is contiguous for the
 * dot kernel. The column's squared norm is data-only and computed once here. The value's
 * product reads a third copy, off-heap and cache-line aligned ({@link KernelSupport#alignedCopy},
 * {@link KernelSupport#gemvSegment}: the same bits as the array's gemv, about 10 % faster when X
 * streams from L3), forwards and backwards in turn ({@link KernelSupport#gemvSegmentFromLastRow}:
 * the same bits again), so that each pass starts on the rows the previous one left in L2.
 * Memory: 3·m·n + m + n doubles, m·n of them off-heap.
 *
 * <p>Batched probes ({@link ProbeBatchLoss}): k points x + sⱼ·e_{iⱼ} share one pass over X
 * ({@link KernelSupport#gemvProbes}), then each probe's residuals take the same axpy and
 * sum of squares as {@link #newEvaluator()}, so every value is that evaluator's to the bit.
 */
public final class LinearRegression implements BundledLoss, ProbeBatchLoss {

    private final int rows;
    private final int cols;
    private final KernelSupport kernels;
    private final double[] features;        // row-major: X[r][c] at r·cols + c
    private final MemorySegment alignedFeatures;  // the same, off-heap from a cache-line boundary
    private final double[] featureColumns;  // column-major: X[r][c] at c·rows + r
    private final double[] columnSquares;   // Σ_r X[r][c]²
    private final double[] targets;

    /**
     * As {@link #LinearRegression(int, int, double[], double[], KernelSupport)} on {@link Kernels#get()}.
     *
     * @param rows m, the number of samples, at least 1
     * @param cols n, the number of parameters, at least 1
     * @param features X, row-major, length m·n, finite. Not modified (copied).
     * @param targets y, length m, finite. Not modified (copied).
     */
    public LinearRegression(int rows, int cols, double[] features, double[] targets) {
        this(rows, cols, features, targets, Kernels.get());
    }

    /**
     * Mean squared error of a linear model over m samples.
     *
     * @param rows m, the number of samples, at least 1
     * @param cols n, the number of parameters, at least 1
     * @param features X, row-major, length m·n, finite. Not modified (copied).
     * @param targets y, length m, finite. Not modified (copied).
     * @param kernels the arithmetic to evaluate with (tests force {@link Kernels#scalar()})
     */
    public LinearRegression(int rows, int cols, double[] features, double[] targets, KernelSupport kernels) {
        DesignMatrix.checkedLength(rows, cols, features, "targets", targets);
        LossChecks.checkFinite("targets", targets);
        this.rows = rows;
        this.cols = cols;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.features = features.clone();
        this.alignedFeatures = KernelSupport.alignedCopy(features);
        this.featureColumns = DesignMatrix.columnMajor(features, rows, cols);
        this.targets = targets.clone();
        this.columnSquares = new double[cols];
        for (int c = 0; c < cols; c++) {
            columnSquares[c] = kernels.sumOfSquares(featureColumns, c * rows, (c + 1) * rows);
        }
    }

    /**
     * One block {@code w}: the n coefficients.
     *
     * @return the layout
     */
    @Override
    public ParameterBlocks parameterBlocks() {
        return ParameterBlocks.single("w", dimension());
    }

    @Override
    public int dimension() {
        return cols;
    }

    /** {@return m, the number of samples} */
    public int rows() {
        return rows;
    }

    @Override
    public String name() {
        return "linreg(" + rows + "," + cols + ")";
    }

    @Override
    public Evaluator newEvaluator() {
        return new Value();
    }

    /** f(w), passing over X in alternate directions ({@link AlternatingProduct}). */
    private final class Value implements Evaluator {
        private final double[] residuals = new double[rows];
        private final AlternatingProduct product = new AlternatingProduct(kernels, alignedFeatures, rows, cols);

        @Override
        public double value(double[] w) {
            LossChecks.checkLength(w, cols);
            product.multiply(w, residuals);
            return meanHalfSquare(residuals);
        }
    }

    /** Writes r = X·w − y into {@code residuals} and returns f(w) = |r|²/(2m). */
    private double residuals(double[] w, double[] residuals) {
        kernels.gemvSegment(alignedFeatures, rows, cols, w, 0, residuals, 0);
        return meanHalfSquare(residuals);
    }

    /** Turns X·w in {@code residuals} into r = X·w − y and returns |r|²/(2m). */
    private double meanHalfSquare(double[] residuals) {
        kernels.axpy(-1.0, targets, 0, residuals, 0, rows);
        return kernels.sumOfSquares(residuals, 0, rows) / (2.0 * rows);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if maxProbes is below 1 or maxProbes·m exceeds an array
     */
    @Override
    public ProbeBatchEvaluator newProbeBatchEvaluator(int maxProbes) {
        return new ProbeBatch(maxProbes);
    }

    /** {@link LinearProbeBatch} over this loss's matrix; its plain value is {@link #newEvaluator()}'s. */
    private final class ProbeBatch extends LinearProbeBatch {

        ProbeBatch(int maxProbes) {
            super(kernels, features, rows, cols, maxProbes);
        }

        @Override
        public double value(double[] w) {
            LossChecks.checkLength(w, cols);
            return residuals(w, products);
        }

        @Override
        double valueOfProducts(int from) {
            kernels.axpy(-1.0, targets, 0, products, from, rows);
            return kernels.sumOfSquares(products, from, from + rows) / (2.0 * rows);
        }
    }

    @Override
    public ExactGradient newExactGradient() {
        double[] residuals = new double[rows];
        return (w, gradient) -> {
            LossChecks.checkLength(w, cols);
            LossChecks.checkLength(gradient, cols);
            double value = residuals(w, residuals);
            // ∇f = Xᵀr / m: scale the m residuals, not the n gradient entries, then one dot per
            // contiguous column.
            for (int r = 0; r < rows; r++) {
                residuals[r] /= rows;
            }
            kernels.gemv(featureColumns, 0, cols, rows, residuals, 0, gradient, 0);
            return value;
        };
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        return new Delta();
    }

    /**
     * Caches the residuals r = X·w − y. Moving wᵢ by s moves every residual by s·X_ri, so
     * <pre>
     *   f(w + s·eᵢ) − f(w) = (1/(2m))·Σ_r [(r_r + s·X_ri)² − r_r²]
     *                      = s·(X_{·i}·r + s·|X_{·i}|²/2) / m
     * </pre>
     * one dot product over the contiguous column, O(m), with no difference of two totals.
     */
    private final class Delta implements DeltaEvaluator {

        private final double[] residuals = new double[rows];

        @Override
        public double prepare(double[] w) {
            LossChecks.checkLength(w, cols);
            return residuals(w, residuals);
        }

        @Override
        public double delta(int i, double step) {
            Objects.checkIndex(i, cols);
            double slope = kernels.dot(featureColumns, i * rows, residuals, 0, rows);
            return step * (slope + 0.5 * step * columnSquares[i]) / rows;
        }
    }
}
