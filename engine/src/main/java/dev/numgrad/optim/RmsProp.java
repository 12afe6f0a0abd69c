package dev.numgrad.optim;

/**
 * RMSProp (Tieleman &amp; Hinton, Coursera "Neural Networks for Machine Learning", lecture 6e,
 * 2012):
 *
 * <pre>
 *   E ← ρ·E + (1 − ρ)·g²       (element-wise, E = 0 at the start)
 *   x ← x − α_t · g / (√E + ε)
 * </pre>
 *
 * AdaGrad with a moving average in place of the running sum, so the step does not decay to
 * zero. ε is added outside the root, as in PyTorch (TensorFlow adds it inside).
 *
 * @param learningRate base rate α, positive and finite
 * @param decay ρ in [0, 1)
 * @param epsilon ε &gt; 0, finite
 */
public record RmsProp(double learningRate, double decay, double epsilon) implements Optimizer {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException naming the first invalid one
     */
    public RmsProp {
        Checks.positiveFinite("learning rate", learningRate);
        Checks.beta("decay", decay);
        Checks.positiveFinite("epsilon", epsilon);
    }

    /**
     * ρ = 0.9 (Hinton's lecture) and ε = 1e-8.
     *
     * @param learningRate base rate α, positive and finite
     */
    public RmsProp(double learningRate) {
        this(learningRate, 0.9, 1e-8);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public OptimizerState newState(int dimension) {
        return new State(Checks.dimension(dimension), decay, epsilon);
    }

    private static final class State implements OptimizerState {
        private final double rho;
        private final double epsilon;
        private final double[] meanSquare;

        State(int dimension, double rho, double epsilon) {
            this.rho = rho;
            this.epsilon = epsilon;
            this.meanSquare = new double[dimension];
        }

        @Override
        public void step(double[] x, double[] gradient, double rate) {
            Checks.stepLengths(meanSquare.length, x, gradient);
            double[] e = meanSquare;
            for (int i = 0; i < e.length; i++) {
                double g = gradient[i];
                e[i] = rho * e[i] + (1 - rho) * g * g;
                x[i] -= rate * g / (Math.sqrt(e[i]) + epsilon);
            }
        }
    }
}
