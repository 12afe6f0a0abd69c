package dev.numgrad.loss;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A {@link DifferentiableLoss} over two stateless functions; see
 * {@link DifferentiableLoss#of(String, int, ToDoubleFunction, ExactGradient)}.
 */
record GradientFunctionLoss(String name, int dimension, ToDoubleFunction<double[]> value, ExactGradient gradient)
        implements DifferentiableLoss {

    GradientFunctionLoss {
        LossArguments.name(name);
        LossArguments.dimension(name, dimension);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
    }

    @Override
    public Evaluator newEvaluator() {
        return value::applyAsDouble;
    }

    @Override
    public ExactGradient newExactGradient() {
        return gradient;
    }
}
