package dev.numgrad.loss;

import java.util.function.ToDoubleFunction;

/** A loss that can evaluate single-coordinate changes from the terms that change. */
public interface DeltaLoss extends Loss {

    /**
     * A fresh delta evaluator owning its own cache; one per worker, never shared.
     *
     * @return a new, unprepared delta evaluator
     */
    DeltaEvaluator newDeltaEvaluator();

    /**
     * A delta loss from a value function and a hand-written single-coordinate change. Both must
     * be stateless and thread-safe. Each delta evaluator copies the base point when it is
     * prepared and passes that copy to {@code delta}.
     *
     * <pre>{@code
     * // f(x) = Σ x_i⁴: only the i-th term changes, by (x_i + s)⁴ − x_i⁴
     * DeltaLoss quartic = DeltaLoss.of("quartic", n,
     *         x -> { double f = 0; for (double v : x) f += v * v * v * v; return f; },
     *         (x, i, s) -> { double a = x[i], b = a + s; return (b * b - a * a) * (b * b + a * a); });
     * }</pre>
     *
     * <p>For a sum of many small terms, {@link dev.numgrad.loss.terms.SumOfTerms} writes the
     * delta for you.
     *
     * @param name the loss's name; not blank
     * @param dimension number of parameters, at least 1
     * @param value f(x); must not modify x
     * @param delta f(x + s·eᵢ) − f(x) at the prepared base point
     * @return the loss
     * @throws IllegalArgumentException if the name is blank
     * @throws dev.numgrad.InvalidDimensionException if dimension is below 1
     */
    static DeltaLoss of(String name, int dimension, ToDoubleFunction<double[]> value, DeltaFunction delta) {
        return new DeltaFunctionLoss(name, dimension, value, delta);
    }
}
