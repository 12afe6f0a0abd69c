package dev.numgrad.optim;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled weight decay
 * regularization", ICLR 2019), Algorithm 2, line 12:
 *
 * <pre>
 *   θ_t ← θ_{t−1} − η_t · ( α·m̂_t / (√v̂_t + ε) + λ·θ_{t−1} )
 * </pre>
 *
 * with m̂ and v̂ exactly as in {@link Adam}. The decay acts on the weights directly instead of
 * being added to the gradient, so Adam's per-coordinate scaling does not weaken it where
 * gradients are large. η_t is the schedule multiplier: the loop's rate for step t is α·η_t, so
 * the decay per step is λ·η_t — independent of α, as in the paper.
 *
 * <p>PyTorch's {@code AdamW} multiplies the decay by the whole rate α·η_t instead; its
 * {@code weight_decay = w} corresponds to λ = α·w here. With λ = 0 this is {@link Adam}.
 *
 * @param learningRate base rate α, positive and finite
 * @param beta1 β₁ in [0, 1)
 * @param beta2 β₂ in [0, 1)
 * @param epsilon ε &gt; 0, finite
 * @param weightDecay λ ≥ 0, finite; the fraction of θ removed per step at η = 1, so below 1
 */
public record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        implements Optimizer {

    /**
     * λ = 1e-4, a light decay. The paper normalises λ = λ_norm·√(b/(B·T)), which is λ_norm over
     * the square root of the number of steps; its λ_norm ≈ 0.05 gives 1.6e-4 to 5e-4 for 10⁵ to
     * 10⁴ steps. Tune it for the problem: there is no universal value.
     */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-4;

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException naming the first invalid one
     */
    public AdamW {
        Checks.positiveFinite("learning rate", learningRate);
        Checks.beta("beta1", beta1);
        Checks.beta("beta2", beta2);
        Checks.positiveFinite("epsilon", epsilon);
        Checks.nonNegativeFinite("weight decay", weightDecay);
        if (weightDecay >= 1) {
            // At η = 1 a decay of λ ≥ 1 would flip or zero every weight in one step.
            throw new IllegalArgumentException("weight decay must be below 1, got " + weightDecay);
        }
    }

    /**
     * Adam's defaults and {@link #DEFAULT_WEIGHT_DECAY}.
     *
     * @param learningRate base rate α, positive and finite
     */
    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Adam's defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with the given λ.
     *
     * @param learningRate base rate α, positive and finite
     * @param weightDecay λ, non-negative and finite
     */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public OptimizerState newState(int dimension) {
        return new AdamState(Checks.dimension(dimension), learningRate, beta1, beta2, epsilon, weightDecay);
    }
}
