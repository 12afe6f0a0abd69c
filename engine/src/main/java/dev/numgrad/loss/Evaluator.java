package dev.numgrad.loss;

/**
 * Computes a loss value. Owns its scratch buffers; one per worker, never shared between threads.
 */
@FunctionalInterface
public interface Evaluator {

    /**
     * The loss at x.
     *
     * @param x parameters, length {@link Loss#dimension()}. Not modified.
     * @return f(x); may be non-finite, which the engine reports as an error
     */
    double value(double[] x);
}
