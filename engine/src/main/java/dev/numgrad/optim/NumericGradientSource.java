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
 * <p>Divergence: a non-finite f(x) is returned as it is (with an all-NaN gradient), and the loop
 * stops with {@link StopReason#DIVERGED}. A non-finite value at a perturbed point x ± h·eᵢ, or a
 * difference quotient that overflows, reaches the loop as the numeric gradient's
 * {@link NonFiniteLossException} or {@link dev.numgrad.NonFiniteDerivativeException}, which the
 * loop also reports as divergence, naming the coordinate and the offset. Every other exception of
 * the numeric gradient ends the run with {@link StopReason#FAILED} and the last good iterate.
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
        GradientResult result = gradient.compute(loss, x, out);
        evaluations += result.evaluations();
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
