package dev.numgrad.optim;

import dev.numgrad.loss.DifferentiableLoss;
import java.util.OptionalInt;

/**
 * Where the descent loop gets f(x) and ∇f(x): an exact gradient, a numeric one, or anything
 * else that fills a gradient array.
 *
 * <p>A source may own scratch buffers (the exact-gradient evaluators do), so one source serves
 * one run at a time; build a new one per concurrent run.
 */
@FunctionalInterface
public interface GradientSource {

    /**
     * Evaluates the loss and its gradient at x.
     *
     * @param x the point. Not modified.
     * @param gradient output, length of x. Modified: overwritten with ∇f(x).
     * @return f(x); a non-finite value makes the loop stop with {@link StopReason#DIVERGED}
     */
    double valueAndGradient(double[] x, double[] gradient);

    /**
     * The number of parameters this source expects, when it knows it, so that a start vector
     * of the wrong length is rejected before anything is evaluated.
     */
    default OptionalInt dimension() {
        return OptionalInt.empty();
    }

    /**
     * The loss's own analytic or backpropagated gradient. Makes one
     * {@link DifferentiableLoss#newExactGradient()} evaluator now and reuses it for every call.
     */
    static GradientSource exact(DifferentiableLoss loss) {
        return new ExactGradientSource(loss);
    }
}
