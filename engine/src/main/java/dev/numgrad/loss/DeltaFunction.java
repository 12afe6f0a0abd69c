package dev.numgrad.loss;

/**
 * A hand-written single-coordinate change, for {@link DeltaLoss#of(String, int,
 * java.util.function.ToDoubleFunction, DeltaFunction)}: f(x + step·eᵢ) − f(x) computed from the
 * terms of f that read x[i], without evaluating f twice and subtracting.
 *
 * <p>Must be stateless and thread-safe: every worker calls the same instance. The kernel
 * helpers {@link dev.numgrad.kernel.TanhDifference} and {@link dev.numgrad.kernel.SmallLog1p}
 * compute such differences without cancellation.
 */
@FunctionalInterface
public interface DeltaFunction {

    /**
     * The change of f when x[i] moves by {@code step}.
     *
     * @param x the base point, a private copy that numgrad made when it prepared; do not modify
     * @param i the coordinate, {@code 0 <= i < x.length}
     * @param step the signed offset added to x[i]
     * @return f(x + step·eᵢ) − f(x)
     */
    double delta(double[] x, int i, double step);
}
