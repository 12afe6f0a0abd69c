package dev.numgrad.optim;

import dev.numgrad.InvalidDimensionException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.UnsupportedModeException;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link GradientSource#numeric(NumericGradient, Loss)}: f(x) from one evaluator of the loss,
 * ∇f(x) from the engine's {@link NumericGradient} (black-box or delta, any scheme), written
 * straight into the loop's gradient buffer.
 *
 * <p>Divergence instead of an exception: the numeric gradient refuses to difference a
 * non-finite loss value ({@link NonFiniteLossException}), but in a descent that is exactly the
 * divergence the loop reports with the last healthy iterate. So a non-finite f(x) is returned
 * as it is, and a non-finite value at a perturbed point x ± h·eᵢ gives an all-NaN gradient;
 * either way the loop stops with {@link StopReason#DIVERGED}. Every other exception of the
 * numeric gradient propagates.
 *
 * <p>Owns one evaluator, so it serves one run at a time.
 */
public final class NumericGradientSource implements GradientSource {

    private final NumericGradient gradient;
    private final Loss loss;
    private final Evaluator evaluator;
    private long evaluations;

    NumericGradientSource(NumericGradient gradient, Loss loss) {
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.loss = Objects.requireNonNull(loss, "loss");
        InvalidDimensionException.check(loss.name(), loss.dimension());
        // The numeric gradient would find this at its first call; the loop promises to find
        // every configuration error before the first evaluation.
        if (gradient.mode() == Mode.DELTA && !(loss instanceof DeltaLoss)) {
            throw new UnsupportedModeException(Mode.DELTA.id(), loss.name(), "a delta evaluator (a DeltaLoss)");
        }
        this.evaluator = loss.newEvaluator();
    }

    @Override
    public double valueAndGradient(double[] x, double[] out) {
        double value = evaluator.value(x);
        evaluations++;
        if (!Double.isFinite(value)) {
            Arrays.fill(out, Double.NaN);
            return value;
        }
        try {
            GradientResult result = gradient.compute(loss, x, out);
            evaluations += result.evaluations();
        } catch (NonFiniteLossException e) {
            Arrays.fill(out, Double.NaN);
        }
        return value;
    }

    @Override
    public OptionalInt dimension() {
        return OptionalInt.of(loss.dimension());
    }

    /**
     * Loss evaluations so far: one per value, plus what each {@link GradientResult#evaluations()}
     * counted (black-box: full evaluations; delta: delta evaluations and prepares). Evaluations of
     * a gradient that failed on a non-finite value are not counted.
     *
     * @return the number of loss evaluations
     */
    public long evaluations() {
        return evaluations;
    }

    /** {@return the numeric gradient configuration} */
    public NumericGradient gradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return "numeric " + gradient.mode().id() + " gradient of " + loss.name();
    }
}
