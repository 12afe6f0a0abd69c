package dev.numgrad.optim;

/**
 * Plain gradient descent: x ← x − α_t·g.
 *
 * @param learningRate base rate α, positive and finite
 */
public record Sgd(double learningRate) implements Optimizer {

    /**
     * Validates the rate.
     *
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    public Sgd {
        Checks.positiveFinite("learning rate", learningRate);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public OptimizerState newState(int dimension) {
        int n = Checks.dimension(dimension);
        return (x, gradient, rate) -> {
            Checks.stepLengths(n, x, gradient);
            for (int i = 0; i < n; i++) {
                x[i] -= rate * gradient[i];
            }
        };
    }
}
