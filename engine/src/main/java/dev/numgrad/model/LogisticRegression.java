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
 * Logistic regression, the {@code logreg(m, n)} workload:
 * f(w) = (1/m)·Σ_r [softplus(z_r) − t_r·z_r] with margins z = X·w and labels t_r ∈ {0, 1}.
 *
 * <p>Signed margins. Because softplus(z) − z = softplus(−z), each term is softplus(u_r) with
 * u_r = (1 − 2t_r)·z_r. The loss therefore stores the signed rows (1 − 2t_r)·X_r (an exact sign
 * flip) and evaluates f = (1/m)·Σ softplus(u_r), u = X'·w: every term is positive, so no label-1
 * term subtracts a large z_r from a large softplus(z_r), and the gradient is simply
 * X'ᵀσ(u)/m.
 *
 * <p>The signed matrix is held row-major (gradient), column-major (delta and gradient) and, for
 * the value, as a third copy off-heap and cache-line aligned ({@link KernelSupport#alignedCopy}),
 * which each evaluator reads in alternate directions ({@link KernelSupport#gemvSegment},
 * {@link KernelSupport#gemvSegmentFromLastRow}: the same bits either way; each pass starts on the
 * rows the previous one left in L2): 2·m·n + n doubles on the heap, m·n off it. An earlier aligned
 * copy, read in one direction with the four-row loop inlined beside the softplus, made four of six
 * JVM starts compile the gradient's loop twice as slow; with the four-row step a method of its own
 * (the same bits), fourteen starts of {@code numgrad gradient -w logreg -s 256,1000 -t 2 --warmup 3
 * -r 5} gave medians of 22.7–29.0 ms.
 *
 * <p>Batched probes ({@link ProbeBatchLoss}): k points share one pass over X'
 * ({@link KernelSupport#gemvProbes}), then each probe's margins take the same softplus and sum
 * as {@link #newEvaluator()}, so every value is that evaluator's to the bit.
 */
public final class LogisticRegression implements BundledLoss, ProbeBatchLoss {

    private final int rows;
    private final int cols;
    private final KernelSupport kernels;
    private final double[] signedFeatures;        // row-major (1 − 2t_r)·X[r][c]
    private final MemorySegment alignedSignedFeatures; // the same, off-heap, cache-line aligned (value)
    private final double[] signedFeatureColumns;  // the same, column-major

    /**
     * As {@link #LogisticRegression(int, int, double[], double[], KernelSupport)} on {@link Kernels#get()}.
     *
     * @param rows m, the number of samples, at least 1
     * @param cols n, the number of parameters, at least 1
     * @param features X, row-major, length m·n, finite. Not modified (copied).
     * @param labels t, length m, each 0 or 1. Not modified (copied).
     */
    public LogisticRegression(int rows, int cols, double[] features, double[] labels) {
        this(rows, cols, features, labels, Kernels.get());
    }

    /**
     * Mean logistic loss of a linear classifier over m samples.
     *
     * @param rows m, the number of samples, at least 1
     * @param cols n, the number of parameters, at least 1
     * @param features X, row-major, length m·n, finite. Not modified (copied).
     * @param labels t, length m, each exactly 0 or 1. Not modified.
     * @param kernels the arithmetic to evaluate with (tests force {@link Kernels#scalar()})
     */
    public LogisticRegression(int rows, int cols, double[] features, double[] labels, KernelSupport kernels) {
        int length = DesignMatrix.checkedLength(rows, cols, features, "labels", labels);
        for (int r = 0; r < rows; r++) {
            if (labels[r] != 0.0 && labels[r] != 1.0) {
                throw new IllegalArgumentException("labels[" + r + "] is " + labels[r] + ", expected 0 or 1");
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.signedFeatures = new double[length];
        for (int r = 0; r < rows; r++) {
            double sign = 1 - 2 * labels[r];
            for (int c = 0; c < cols; c++) {
                signedFeatures[r * cols + c] = sign * features[r * cols + c];
            }
        }
        this.alignedSignedFeatures = KernelSupport.alignedCopy(signedFeatures);
        this.signedFeatureColumns = DesignMatrix.columnMajor(signedFeatures, rows, cols);
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
        return "logreg(" + rows + "," + cols + ")";
    }

    @Override
    public Evaluator newEvaluator() {
        return new Value();
    }

    /** f(w), passing over the signed features in alternate directions ({@link AlternatingProduct}). */
    private final class Value implements Evaluator {
        private final double[] margins = new double[rows];
        private final AlternatingProduct product = new AlternatingProduct(kernels, alignedSignedFeatures, rows, cols);

        @Override
        public double value(double[] w) {
            LossChecks.checkLength(w, cols);
            product.multiply(w, margins);
            return meanSoftplus(margins, margins);
        }
    }

    /** (1/m)·Σ softplus(margins); {@code terms} may be {@code margins} (then overwritten). */
    private double meanSoftplus(double[] margins, double[] terms) {
        return meanSoftplus(margins, terms, 0);
    }

    /** As {@link #meanSoftplus(double[], double[])} over the m elements from {@code from}. */
    private double meanSoftplus(double[] margins, double[] terms, int from) {
        kernels.softplus(margins, terms, from, from + rows);
        // A plain sum: m additions next to the m·n of the product above.
        double sum = 0;
        for (int r = from; r < from + rows; r++) {
            sum += terms[r];
        }
        return sum / rows;
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
            super(kernels, signedFeatures, rows, cols, maxProbes);
        }

        @Override
        public double value(double[] w) {
            LossChecks.checkLength(w, cols);
            kernels.gemv(signedFeatures, 0, rows, cols, w, 0, products, 0);
            return meanSoftplus(products, products);
        }

        @Override
        double valueOfProducts(int from) {
            return meanSoftplus(products, products, from);
        }
    }

    @Override
    public ExactGradient newExactGradient() {
        double[] margins = new double[rows];
        double[] weights = new double[rows];
        return (w, gradient) -> {
            LossChecks.checkLength(w, cols);
            LossChecks.checkLength(gradient, cols);
            kernels.gemv(signedFeatures, 0, rows, cols, w, 0, margins, 0);
            double value = meanSoftplus(margins, weights);
            // d softplus(u)/du = σ(u), so ∇f = X'ᵀσ(u)/m
            kernels.sigmoid(margins, weights, 0, rows);
            for (int r = 0; r < rows; r++) {
                weights[r] /= rows;
            }
            kernels.gemv(signedFeatureColumns, 0, cols, rows, weights, 0, gradient, 0);
            return value;
        };
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        return new Delta();
    }

    /**
     * Caches, per sample, σ(u), softplus(u) and softplus(−u) at the signed margins u = X'·w.
     * Moving wᵢ by s moves u_r by d_r = s·X'_ri (the contiguous column i), and each term changes
     * by {@link LogisticMath#softplusDifference}, which never subtracts two softplus values:
     * f(w + s·eᵢ) − f(w) = (1/m)·Σ_r log1p(σ(u_r)·expm1(d_r)) in the usual case. O(m) per call.
     */
    private final class Delta implements DeltaEvaluator {

        private final double[] margins = new double[rows];
        private final double[] negatedMargins = new double[rows];
        private final double[] sigmoids = new double[rows];
        private final double[] softplus = new double[rows];
        private final double[] softplusNegated = new double[rows];

        @Override
        public double prepare(double[] w) {
            LossChecks.checkLength(w, cols);
            kernels.gemv(signedFeatures, 0, rows, cols, w, 0, margins, 0);
            for (int r = 0; r < rows; r++) {
                negatedMargins[r] = -margins[r];
            }
            kernels.sigmoid(margins, sigmoids, 0, rows);
            kernels.softplus(negatedMargins, softplusNegated, 0, rows);
            return meanSoftplus(margins, softplus);
        }

        @Override
        public double delta(int i, double step) {
            Objects.checkIndex(i, cols);
            int column = i * rows;
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                double d = step * signedFeatureColumns[column + r];
                sum += LogisticMath.softplusDifference(sigmoids[r], softplus[r], softplusNegated[r], d);
            }
            return sum / rows;
        }
    }
}
