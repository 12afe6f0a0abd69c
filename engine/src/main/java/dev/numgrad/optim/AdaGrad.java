package dev.numgrad.optim;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer, "Adaptive subgradient methods", JMLR 2011), diagonal form:
 *
 * <pre>
 *   G ← G + g²                 (element-wise, G = 0 at the start)
 *   x ← x − α_t · g / (√G + ε)
 * </pre>
 *
 * Each coordinate's step shrinks with the squared gradients it has seen, so the rate decays on
 * its own; ε only guards the division while G is still zero.
 *
 * @param learningRate base rate α, positive and finite
 * @param epsilon ε &gt; 0, finite
 */
public record AdaGrad(double learningRate, double epsilon) implements Optimizer {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException naming a rate or ε that is not positive and finite
     */
    public AdaGrad {
        Checks.positiveFinite("learning rate", learningRate);
        Checks.positiveFinite("epsilon", epsilon);
    }

    /**
     * ε = 1e-10 (PyTorch's default).
     *
     * @param learningRate base rate α, positive and finite
     */
    public AdaGrad(double learningRate) {
        this(learningRate, 1e-10);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public OptimizerState newState(int dimension) {
        return new State(Checks.dimension(dimension), epsilon);
    }

    private static final class State implements OptimizerState {
        private final double epsilon;
        private final double[] sumOfSquares;

        State(int dimension, double epsilon) {
            this.epsilon = epsilon;
            this.sumOfSquares = new double[dimension];
        }

        @Override
        public void step(double[] x, double[] gradient, double rate) {
            Checks.stepLengths(sumOfSquares.length, x, gradient);
            double[] sum = sumOfSquares;
            for (int i = 0; i < sum.length; i++) {
                double g = gradient[i];
                sum[i] += g * g;
                x[i] -= rate * g / (Math.sqrt(sum[i]) + epsilon);
            }
        }
    }
}
