package dev.numgrad.optim;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;

/** f(x) = Σ wᵢ·xᵢ², ∇f = 2wᵢxᵢ: the smallest problem whose steps can be done by hand. */
record Quadratic(double... weights) implements DifferentiableLoss {

    @Override
    public int dimension() {
        return weights.length;
    }

    @Override
    public Evaluator newEvaluator() {
        return x -> {
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i] * x[i] * x[i];
            }
            return sum;
        };
    }

    @Override
    public ExactGradient newExactGradient() {
        Evaluator value = newEvaluator();
        return (x, gradient) -> {
            for (int i = 0; i < weights.length; i++) {
                gradient[i] = 2 * weights[i] * x[i];
            }
            return value.value(x);
        };
    }
}
