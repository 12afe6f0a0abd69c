package dev.numgrad.check;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.ExactGradient;
import java.util.Objects;

/**
 * The gradient under test: any function x ↦ ∇f(x), typically a hand-written backward pass.
 * The checker calls it from one thread at a time.
 */
@FunctionalInterface
public interface AnalyticGradient {

    /**
     * The gradient at x.
     *
     * @param x the point. Not modified (the checker verifies this).
     * @return ∇f(x), a new array or one the caller does not reuse until the next call, of the
     *     loss's dimension
     */
    double[] at(double[] x);

    /**
     * The exact gradient of a {@link DifferentiableLoss}, through one {@link ExactGradient}.
     *
     * @param loss the loss
     * @return its gradient, in a fresh array per call
     */
    static AnalyticGradient of(DifferentiableLoss loss) {
        return of(Objects.requireNonNull(loss, "loss").newExactGradient());
    }

    /**
     * The gradient of an {@link ExactGradient}, in a fresh array per call.
     *
     * @param exact the evaluator; the checker uses it from one thread
     * @return the gradient function
     */
    static AnalyticGradient of(ExactGradient exact) {
        Objects.requireNonNull(exact, "exact");
        return x -> {
            double[] gradient = new double[x.length];
            exact.valueAndGradient(x, gradient);
            return gradient;
        };
    }
}
