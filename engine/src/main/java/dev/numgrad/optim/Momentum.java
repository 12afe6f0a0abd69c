package dev.numgrad.optim;

/**
 * Classical (heavy-ball, Polyak 1964) momentum in the form of Sutskever, Martens, Dahl &amp;
 * Hinton, "On the importance of initialization and momentum in deep learning" (ICML 2013),
 * eq. (1)–(2):
 *
 * <pre>
 *   v ← μ·v − ε·∇f(θ)
 *   θ ← θ + v
 * </pre>
 *
 * with ε the step's learning rate and v = 0 at the start. The velocity carries the learning
 * rate, so a schedule changes new contributions only (PyTorch instead keeps v ← μv + g and
 * scales the whole of v by the current rate; the two agree under a constant rate).
 *
 * @param learningRate base rate α, positive and finite
 * @param momentum μ in [0, 1); 0 is plain gradient descent
 */
public record Momentum(double learningRate, double momentum) implements Optimizer {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException naming the first invalid one
     */
    public Momentum {
        Checks.positiveFinite("learning rate", learningRate);
        Checks.beta("momentum", momentum);
    }

    /**
     * Momentum 0.9, the value Sutskever et al. and most practice start from.
     *
     * @param learningRate base rate α, positive and finite
     */
    public Momentum(double learningRate) {
        this(learningRate, 0.9);
    }

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public OptimizerState newState(int dimension) {
        return new VelocityState(Checks.dimension(dimension), momentum) {
            @Override
            void update(double[] x, double[] gradient, double rate) {
                double[] v = velocity;
                for (int i = 0; i < v.length; i++) {
                    v[i] = mu * v[i] - rate * gradient[i];
                    x[i] += v[i];
                }
            }
        };
    }
}
