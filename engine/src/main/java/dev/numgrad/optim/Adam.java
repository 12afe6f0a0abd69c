package dev.numgrad.optim;

/**
 * Adam (Kingma &amp; Ba, "Adam: A method for stochastic optimization", ICLR 2015), Algorithm 1
 * as printed, with its bias correction:
 *
 * <pre>
 *   t ← t + 1
 *   m_t ← β₁·m_{t−1} + (1 − β₁)·g_t
 *   v_t ← β₂·v_{t−1} + (1 − β₂)·g_t²
 *   m̂_t ← m_t / (1 − β₁^t)
 *   v̂_t ← v_t / (1 − β₂^t)
 *   θ_t ← θ_{t−1} − α_t · m̂_t / (√v̂_t + ε)
 * </pre>
 *
 * with m₀ = v₀ = 0 and α_t the scheduled rate. This is the algorithm itself, not the paper's
 * "more efficient" reordering at the end of its section 2, which moves ε inside the correction.
 * The first step therefore has length α·|g|/(|g| + ε) ≈ α in every coordinate.
 *
 * @param learningRate base rate α, positive and finite
 * @param beta1 β₁ in [0, 1), decay of the first-moment average
 * @param beta2 β₂ in [0, 1), decay of the second-moment average
 * @param epsilon ε &gt; 0, finite
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException naming the first invalid one
     */
    public Adam {
        Checks.positiveFinite("learning rate", learningRate);
        Checks.beta("beta1", beta1);
        Checks.beta("beta2", beta2);
        Checks.positiveFinite("epsilon", epsilon);
    }

    /**
     * The paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param learningRate base rate α, positive and finite
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public OptimizerState newState(int dimension) {
        return new AdamState(Checks.dimension(dimension), learningRate, beta1, beta2, epsilon, 0);
    }
}
