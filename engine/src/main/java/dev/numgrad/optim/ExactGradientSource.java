package dev.numgrad.optim;

import dev.numgrad.InvalidDimensionException;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.ExactGradient;
import java.util.Objects;
import java.util.OptionalInt;

/** {@link GradientSource#exact(DifferentiableLoss)}: one exact-gradient evaluator, reused. */
final class ExactGradientSource implements GradientSource {

    private final DifferentiableLoss loss;
    private final ExactGradient gradient;

    ExactGradientSource(DifferentiableLoss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        InvalidDimensionException.check(loss.name(), loss.dimension());
        this.gradient = loss.newExactGradient();
    }

    @Override
    public double valueAndGradient(double[] x, double[] out) {
        return gradient.valueAndGradient(x, out);
    }

    @Override
    public OptionalInt dimension() {
        return OptionalInt.of(loss.dimension());
    }

    @Override
    public String toString() {
        return "exact gradient of " + loss.name();
    }
}
