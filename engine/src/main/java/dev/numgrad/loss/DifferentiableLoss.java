package dev.numgrad.loss;

import java.util.function.ToDoubleFunction;

/** A loss with an exact (analytic or backpropagated) gradient. */
public interface DifferentiableLoss extends Loss {

    /**
     * A fresh exact-gradient evaluator owning its own scratch; one per thread, never shared.
     *
     * @return a new exact-gradient evaluator
     */
    ExactGradient newExactGradient();

    /**
     * A loss with an exact gradient from two stateless, thread-safe functions: the value alone
     * (what the numeric gradient and the descent loop's value evaluations call) and value and
     * gradient together.
     *
     * <pre>{@code
     * DifferentiableLoss bowl = DifferentiableLoss.of("bowl", 2,
     *         x -> x[0] * x[0] + 10 * x[1] * x[1],
     *         (x, g) -> { g[0] = 2 * x[0]; g[1] = 20 * x[1]; return x[0] * x[0] + 10 * x[1] * x[1]; });
     * }</pre>
     *
     * @param name the loss's name; not blank
     * @param dimension number of parameters, at least 1
     * @param value f(x); must not modify x
     * @param valueAndGradient writes ∇f(x) into its second argument and returns f(x)
     * @return the loss
     * @throws IllegalArgumentException if the name is blank
     * @throws dev.numgrad.InvalidDimensionException if dimension is below 1
     */
    static DifferentiableLoss of(String name, int dimension, ToDoubleFunction<double[]> value,
            ExactGradient valueAndGradient) {
        return new GradientFunctionLoss(name, dimension, value, valueAndGradient);
    }
}
