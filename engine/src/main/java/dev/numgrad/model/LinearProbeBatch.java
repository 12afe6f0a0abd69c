package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.ProbeBatchEvaluator;

/**
 * The batched probes of a loss whose value is a function of one product X·w ({@link LinearRegression},
 * {@link LogisticRegression}): one {@link KernelSupport#gemvProbes} pass over X for up to
 * {@code maxProbes} points, then each probe's m products go through the loss's own per-row tail.
 * As gemvProbes gives each probe the bits of gemv, every value is the plain evaluator's.
 */
abstract class LinearProbeBatch implements ProbeBatchEvaluator {

    private final KernelSupport kernels;
    private final double[] matrix;
    private final int rows;
    private final int cols;
    private final int maxProbes;
    private final double[] work;
    /** maxProbes blocks of m: probe j's products X·(w + sⱼ·e_{iⱼ}) from j·m, then the tail's scratch. */
    final double[] products;

    /**
     * @param kernels the loss's kernels
     * @param matrix X, row-major m × n. Not modified.
     * @param maxProbes at least 1
     * @throws IllegalArgumentException if maxProbes is below 1 or maxProbes·m exceeds an array
     */
    LinearProbeBatch(KernelSupport kernels, double[] matrix, int rows, int cols, int maxProbes) {
        this.products = new double[DesignMatrix.probeBufferLength(maxProbes, rows)];
        this.kernels = kernels;
        this.matrix = matrix;
        this.rows = rows;
        this.cols = cols;
        this.maxProbes = maxProbes;
        this.work = new double[KernelSupport.probeWorkLength(cols)];
    }

    @Override
    public final int maxProbes() {
        return maxProbes;
    }

    @Override
    public final void values(double[] w, int[] coordinates, double[] steps, int count, double[] values) {
        LossChecks.checkLength(w, cols);
        DesignMatrix.checkProbeCount(count, maxProbes, values);
        kernels.gemvProbes(matrix, 0, rows, cols, w, 0, coordinates, steps, count, products, 0, work);
        for (int j = 0; j < count; j++) {
            values[j] = valueOfProducts(j * rows);
        }
    }

    /**
     * The loss from the m products in {@link #products} from {@code from}, which it may overwrite,
     * exactly as the plain evaluator computes it after its gemv.
     */
    abstract double valueOfProducts(int from);
}
