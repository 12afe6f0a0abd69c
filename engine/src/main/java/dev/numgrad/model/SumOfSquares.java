package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import java.util.Objects;

/**
 * f(x) = Σᵢ xᵢ², the {@code sumsq(n)} workload: the cheapest possible loss, so a gradient of it
 * measures the engine's own overhead. Gradient 2x; delta O(1) per coordinate.
 */
public final class SumOfSquares implements BundledLoss {

    private final int dimension;
    private final KernelSupport kernels;

    /**
     * sumsq(n) on the kernels chosen for this JVM.
     *
     * @param dimension n, at least 1
     */
    public SumOfSquares(int dimension) {
        this(dimension, Kernels.get());
    }

    /**
     * sumsq(n) on the given kernels.
     *
     * @param dimension n, at least 1
     * @param kernels the arithmetic to evaluate with (tests force {@link Kernels#scalar()})
     */
    public SumOfSquares(int dimension, KernelSupport kernels) {
        if (dimension < 1) {
            throw new IllegalArgumentException("sumsq dimension must be at least 1, got " + dimension);
        }
        this.dimension = dimension;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return "sumsq(" + dimension + ")";
    }

    @Override
    public Evaluator newEvaluator() {
        return x -> {
            LossChecks.checkLength(x, dimension);
            return kernels.sumOfSquares(x, 0, dimension);
        };
    }

    @Override
    public ExactGradient newExactGradient() {
        return (x, gradient) -> {
            LossChecks.checkLength(x, dimension);
            LossChecks.checkLength(gradient, dimension);
            for (int i = 0; i < dimension; i++) {
                gradient[i] = 2 * x[i];
            }
            return kernels.sumOfSquares(x, 0, dimension);
        };
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        return new Delta();
    }

    /** Caches a copy of x; only the i-th term changes: (x + s)² − x² = s·(2x + s). */
    private final class Delta implements DeltaEvaluator {

        private final double[] base = new double[dimension];

        @Override
        public double prepare(double[] x) {
            LossChecks.checkLength(x, dimension);
            System.arraycopy(x, 0, base, 0, dimension);
            return kernels.sumOfSquares(base, 0, dimension);
        }

        @Override
        public double delta(int i, double step) {
            // Two roundings, no subtraction of totals: relative error a few ulps (2x + s is
            // exact by Sterbenz's lemma when it nearly cancels).
            return step * (2 * base[Objects.checkIndex(i, dimension)] + step);
        }
    }
}
