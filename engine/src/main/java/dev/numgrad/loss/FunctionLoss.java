package dev.numgrad.loss;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** A {@link Loss} over a stateless function; see {@link Loss#of(String, int, ToDoubleFunction)}. */
record FunctionLoss(String name, int dimension, ToDoubleFunction<double[]> function) implements Loss {

    FunctionLoss {
        LossArguments.name(name);
        LossArguments.dimension(name, dimension);
        Objects.requireNonNull(function, "function");
    }

    @Override
    public Evaluator newEvaluator() {
        return function::applyAsDouble;
    }
}
