package dev.numgrad.loss;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A {@link DeltaLoss} over a value function and a {@link DeltaFunction}; see
 * {@link DeltaLoss#of(String, int, ToDoubleFunction, DeltaFunction)}. Each delta evaluator keeps a
 * private copy of the base point, so the caller's array may change after {@code prepare}.
 */
record DeltaFunctionLoss(String name, int dimension, ToDoubleFunction<double[]> value, DeltaFunction delta)
        implements DeltaLoss {

    DeltaFunctionLoss {
        LossArguments.name(name);
        LossArguments.dimension(name, dimension);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(delta, "delta");
    }

    @Override
    public Evaluator newEvaluator() {
        return value::applyAsDouble;
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        double[] base = new double[dimension];
        return new DeltaEvaluator() {
            @Override
            public double prepare(double[] x) {
                System.arraycopy(x, 0, base, 0, dimension);
                return value.applyAsDouble(base);
            }

            @Override
            public double delta(int i, double step) {
                return delta.delta(base, i, step);
            }
        };
    }
}
