package dev.numgrad.loss;

import java.util.function.ToDoubleFunction;

/**
 * A scalar function of {@link #dimension()} parameters: the thing numgrad differentiates.
 *
 * <p>A loss is immutable and shareable; all mutable scratch lives in the {@link Evaluator}s it
 * hands out, one per worker. Losses that know their own structure also implement
 * {@link DeltaLoss} (cheap f(x + s·eᵢ) − f(x)) and {@link DifferentiableLoss} (exact gradient).
 * The factories {@link #of(String, int, ToDoubleFunction)},
 * {@link DifferentiableLoss#of(String, int, ToDoubleFunction, ExactGradient)} and
 * {@link DeltaLoss#of(String, int, ToDoubleFunction, DeltaFunction)} build each kind from lambdas;
 * {@link dev.numgrad.loss.terms.SumOfTerms} derives the delta evaluator of a sum of small terms.
 */
public interface Loss {

    /**
     * {@return the number of parameters, at least 1}
     */
    int dimension();

    /**
     * A fresh evaluator owning its own scratch buffers. Each worker thread takes one and never
     * shares it, so implementations need no synchronisation.
     *
     * @return a new evaluator
     */
    Evaluator newEvaluator();

    /**
     * {@return a short human-readable name, used in reports and error messages; the simple class
     * name (the full one for an anonymous class) unless overridden}
     */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /**
     * The named parts of the flat parameter vector, which gradient checks and reports use to name
     * a coordinate {@code W1[17,203]} rather than {@code 13531}. The default is one block
     * {@code "x"} over the whole vector; a loss with structure (weights, biases) overrides it.
     *
     * @return blocks tiling {@code [0, dimension())}
     */
    default ParameterBlocks parameterBlocks() {
        return ParameterBlocks.single("x", dimension());
    }

    /**
     * Wraps a stateless, thread-safe function, named {@code "function"} in messages. Convenient
     * for tests; give a loss that others will read about a name with
     * {@link #of(String, int, ToDoubleFunction)}.
     *
     * @param dimension number of parameters, at least 1
     * @param function f(x); must not modify x
     * @return the loss
     * @throws dev.numgrad.InvalidDimensionException if dimension is below 1
     */
    static Loss of(int dimension, ToDoubleFunction<double[]> function) {
        return new FunctionLoss(LossArguments.DEFAULT_NAME, dimension, function);
    }

    /**
     * Wraps a stateless, thread-safe function under a name that error messages and reports use.
     *
     * <pre>{@code
     * Loss bowl = Loss.of("bowl", 2, x -> x[0] * x[0] + 10 * x[1] * x[1]);
     * }</pre>
     *
     * @param name the loss's name; not blank
     * @param dimension number of parameters, at least 1
     * @param function f(x); must not modify x
     * @return the loss
     * @throws IllegalArgumentException if the name is blank
     * @throws dev.numgrad.InvalidDimensionException if dimension is below 1
     */
    static Loss of(String name, int dimension, ToDoubleFunction<double[]> function) {
        return new FunctionLoss(name, dimension, function);
    }
}
