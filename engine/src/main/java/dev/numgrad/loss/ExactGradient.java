package dev.numgrad.loss;

/** The exact gradient of a loss, computed analytically or by backpropagation. Not thread-safe. */
@FunctionalInterface
public interface ExactGradient {

    /**
     * The loss and its exact gradient at x.
     *
     * @param x parameters. Not modified.
     * @param gradient output, length of x. Modified: overwritten with ∇f(x).
     * @return f(x)
     */
    double valueAndGradient(double[] x, double[] gradient);
}
