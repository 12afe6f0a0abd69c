package dev.numgrad.optim;

import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Loss;
import java.util.OptionalInt;

/**
 * Where the descent loop gets f(x) and ∇f(x): the loss's exact gradient
 * ({@link #exact(DifferentiableLoss)}), the engine's numeric one
 * ({@link #numeric(NumericGradient, Loss)}), or anything else that fills a gradient array.
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
     * @throws RuntimeException any failure; the loop stops with {@link StopReason#FAILED} and keeps
     *     the last good iterate
     */
    double valueAndGradient(double[] x, double[] gradient);

    /**
     * The number of parameters this source expects, when it knows it, so that a start vector
     * of the wrong length is rejected before anything is evaluated.
     *
     * @return the dimension, or empty when the source does not know it
     */
    default OptionalInt dimension() {
        return OptionalInt.empty();
    }

    /**
     * The loss's own analytic or backpropagated gradient. Makes one
     * {@link DifferentiableLoss#newExactGradient()} evaluator now and reuses it for every call.
     *
     * @param loss the loss
     * @return the source
     */
    static GradientSource exact(DifferentiableLoss loss) {
        return new ExactGradientSource(loss);
    }

    /**
     * The engine's numeric gradient of {@code loss}, black-box or delta as {@code gradient}
     * says; f(x) comes from one evaluator of the loss. A non-finite loss value, at x or at a
     * perturbed point, becomes divergence rather than an exception (see
     * {@link NumericGradientSource}).
     *
     * @param gradient the numeric gradient's configuration
     * @param loss the loss
     * @return the source
     * @throws dev.numgrad.UnsupportedModeException at once, for delta mode on a loss that is not
     *     a {@link dev.numgrad.loss.DeltaLoss}
     */
    static NumericGradientSource numeric(NumericGradient gradient, Loss loss) {
        return new NumericGradientSource(gradient, loss);
    }
}
