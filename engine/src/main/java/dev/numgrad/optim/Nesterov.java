package dev.numgrad.optim;

/**
 * Nesterov's accelerated gradient as formulated by Sutskever, Martens, Dahl &amp; Hinton (ICML
 * 2013), eq. (3)–(4), which takes the gradient at the look-ahead point θ + μv:
 *
 * <pre>
 *   v_{t+1} = μ·v_t − ε·∇f(θ_t + μ·v_t)
 *   θ_{t+1} = θ_t + v_{t+1}
 * </pre>
 *
 * <p>A descent loop only has the gradient at its own iterate, so this class iterates the
 * look-ahead point φ_t = θ_t + μ·v_t instead (Bengio, Boulanger-Lewandowski &amp; Pascanu,
 * "Advances in optimizing recurrent networks", 2013, eq. 7). Substituting θ_t = φ_t − μv_t:
 *
 * <pre>
 *   v_{t+1} = μ·v_t − ε·∇f(φ_t)
 *   φ_{t+1} = φ_t + μ·v_{t+1} − ε·∇f(φ_t)
 * </pre>
 *
 * so the iterates are Sutskever's look-ahead points exactly, and at convergence (v → 0) φ and θ
 * coincide. This is also what PyTorch and Keras compute with {@code nesterov=True} under a
 * constant rate.
 *
 * @param learningRate base rate α, positive and finite
 * @param momentum μ in [0, 1)
 */
public record Nesterov(double learningRate, double momentum) implements Optimizer {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException naming the first invalid one
     */
    public Nesterov {
        Checks.positiveFinite("learning rate", learningRate);
        Checks.beta("momentum", momentum);
    }

    /**
     * Momentum 0.9.
     *
     * @param learningRate base rate α, positive and finite
     */
    public Nesterov(double learningRate) {
        this(learningRate, 0.9);
    }

    @Override
    public String name() {
        return "nesterov";
    }

    @Override
    public OptimizerState newState(int dimension) {
        return new VelocityState(Checks.dimension(dimension), momentum) {
            @Override
            void update(double[] x, double[] gradient, double rate) {
                double[] v = velocity;
                for (int i = 0; i < v.length; i++) {
                    double descent = rate * gradient[i];
                    v[i] = mu * v[i] - descent;
                    x[i] += mu * v[i] - descent;
                }
            }
        };
    }
}
