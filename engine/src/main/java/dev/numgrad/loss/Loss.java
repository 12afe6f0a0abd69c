package dev.numgrad.loss;

import java.util.function.ToDoubleFunction;

/**
 * A scalar function of {@link #dimension()} parameters: the thing numgrad differentiates.
 *
 * <p>A loss is immutable and shareable; all mutable scratch lives in the {@link Evaluator}s it
 * hands out, one per worker. Losses that know their own structure also implement
 * {@link DeltaLoss} (cheap f(x + s·eᵢ) − f(x)) and {@link DifferentiableLoss} (exact gradient).
 */
public interface Loss {

    /** Number of parameters, at least 1. */
    int dimension();

    /**
     * A fresh evaluator owning its own scratch buffers. Each worker thread takes one and never
     * shares it, so implementations need no synchronisation.
     */
    Evaluator newEvaluator();

    /** A short human-readable name, used in reports and error messages. */
    default String name() {
        return getClass().getSimpleName();
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
     * Wraps a stateless, thread-safe function. Convenient for tests and small user functions;
     * a loss with scratch buffers should implement {@link Loss} itself.
     *
     * @param dimension number of parameters, at least 1
     * @param function f(x); must not modify x
     */
    static Loss of(int dimension, ToDoubleFunction<double[]> function) {
        return new FunctionLoss("function", dimension, function);
    }

    /** As {@link #of(int, ToDoubleFunction)} with a name for messages. */
    static Loss of(String name, int dimension, ToDoubleFunction<double[]> function) {
        return new FunctionLoss(name, dimension, function);
    }
}
