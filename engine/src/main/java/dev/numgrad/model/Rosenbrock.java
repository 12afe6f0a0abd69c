package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.loss.SegmentEvaluator;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The chained Rosenbrock function, the {@code rosen(n)} workload:
 * f(x) = Σ_{i=0}^{n−2} [100·(x_{i+1} − xᵢ²)² + (1 − xᵢ)²]. A curved valley with its minimum
 * at (1, …, 1); each coordinate appears in at most two terms, so its delta is O(1).
 *
 * <p>The value is one fused pass of the {@link KernelSupport#rosenbrock} kernel: no scratch array,
 * each element of x loaded twice (as xᵢ and as x_{i+1}) from cache, eight SIMD accumulators on
 * the Panama kernels. The evaluator is a {@link SegmentEvaluator}, so that black-box gradients
 * run the kernel on a cache-line-aligned copy of x ({@link KernelSupport#rosenbrockSegment}).
 */
public final class Rosenbrock implements BundledLoss {

    private final int dimension;
    private final KernelSupport kernels;

    /**
     * rosen(n) on the kernels chosen for this JVM.
     *
     * @param dimension n, at least 2
     */
    public Rosenbrock(int dimension) {
        this(dimension, Kernels.get());
    }

    /**
     * rosen(n) on the given kernels.
     *
     * @param dimension n, at least 2 (one term needs two coordinates)
     * @param kernels the arithmetic to evaluate with (tests force {@link Kernels#scalar()})
     */
    public Rosenbrock(int dimension, KernelSupport kernels) {
        if (dimension < 2) {
            throw new IllegalArgumentException("rosen dimension must be at least 2, got " + dimension);
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
        return "rosen(" + dimension + ")";
    }

    /**
     * An evaluator that also reads x from a segment ({@link SegmentEvaluator}), so the black-box
     * gradient evaluates on its cache-line-aligned copy; both paths give the same bits.
     */
    @Override
    public Evaluator newEvaluator() {
        return new Value();
    }

    @Override
    public ExactGradient newExactGradient() {
        return (x, gradient) -> {
            LossChecks.checkLength(x, dimension);
            LossChecks.checkLength(gradient, dimension);
            gradient[0] = 0;
            for (int i = 0; i < dimension - 1; i++) {
                double c = Math.fma(-x[i], x[i], x[i + 1]);
                // ∂/∂xᵢ of term i, then term i's share of ∂/∂x_{i+1}
                gradient[i] += -400 * x[i] * c - 2 * (1 - x[i]);
                gradient[i + 1] = 200 * c;
            }
            return kernels.rosenbrock(x, 0, dimension);
        };
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        return new Delta();
    }

    /** The value from an array or a segment: {@link KernelSupport#rosenbrock} or its segment twin. */
    private final class Value implements SegmentEvaluator {

        @Override
        public double value(double[] x) {
            LossChecks.checkLength(x, dimension);
            return kernels.rosenbrock(x, 0, dimension);
        }

        @Override
        public double value(MemorySegment x) {
            LossChecks.checkLength(x, dimension);
            return kernels.rosenbrockSegment(x, 0, dimension);
        }
    }

    /**
     * Caches a copy of x. Changing xᵢ by s changes x_i² by d = s·(2xᵢ + s), and each touched
     * term changes by a product rather than a difference of squares:
     * <ul>
     *   <li>term i, valley part c = x_{i+1} − xᵢ² → c − d: 100·((c − d)² − c²) = 100·d·(d − 2c);
     *   <li>term i, offset a = 1 − xᵢ → a − s: (a − s)² − a² = s·(s − 2a);
     *   <li>term i−1, valley part b = xᵢ − x_{i−1}² → b + s: 100·s·(2b + s).
     * </ul>
     */
    private final class Delta implements DeltaEvaluator {

        private final double[] base = new double[dimension];

        @Override
        public double prepare(double[] x) {
            LossChecks.checkLength(x, dimension);
            System.arraycopy(x, 0, base, 0, dimension);
            return kernels.rosenbrock(base, 0, dimension);
        }

        @Override
        public double delta(int i, double step) {
            Objects.checkIndex(i, dimension);
            double xi = base[i];
            double d = step * (2 * xi + step);
            double change = 0;
            if (i < dimension - 1) {
                double c = Math.fma(-xi, xi, base[i + 1]);
                double a = 1 - xi;
                change += 100 * d * (d - 2 * c) + step * (step - 2 * a);
            }
            if (i > 0) {
                double b = Math.fma(-base[i - 1], base[i - 1], xi);
                change += 100 * step * (2 * b + step);
            }
            return change;
        }
    }
}
