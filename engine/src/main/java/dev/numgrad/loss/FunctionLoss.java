package dev.numgrad.loss;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** A {@link Loss} over a stateless function; see {@link Loss#of(int, ToDoubleFunction)}. */
record FunctionLoss(String name, int dimension, ToDoubleFunction<double[]> function) implements Loss {

    FunctionLoss {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        if (dimension < 1) {
            throw new IllegalArgumentException("loss dimension must be at least 1, got " + dimension);
        }
    }

    @Override
    public Evaluator newEvaluator() {
        return function::applyAsDouble;
    }
}
