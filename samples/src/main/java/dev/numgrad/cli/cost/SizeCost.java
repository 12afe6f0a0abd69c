package dev.numgrad.cli.cost;

import dev.numgrad.workload.WorkloadSpec;
import java.util.Objects;

/**
 * What one gradient costs at one model size, by each method: one row of {@code numgrad cost}.
 *
 * @param model the network, e.g. {@code mlp(784,128,10,32)}
 * @param lossSeconds one loss evaluation, single-threaded (fastest of the batches timed)
 * @param backpropSeconds one backprop gradient, single-threaded (fastest of the batches timed)
 * @param delta the delta central gradient
 * @param blackBox the black-box central gradient, possibly extrapolated from a sample
 */
public record SizeCost(WorkloadSpec model, double lossSeconds, double backpropSeconds, NumericCost delta,
        NumericCost blackBox) {

    /**
     * Validates the row.
     *
     * @throws IllegalArgumentException for a time that is not positive and finite
     * @throws NullPointerException for a missing part
     */
    public SizeCost {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(blackBox, "blackBox");
        for (double seconds : new double[] {lossSeconds, backpropSeconds}) {
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                throw new IllegalArgumentException("seconds must be positive and finite, got " + seconds);
            }
        }
    }

    /**
     * The model's parameter count P.
     *
     * @return the gradient's dimension
     */
    public int parameters() {
        return model.parameters();
    }

    /**
     * The seconds of one call of a method: a loss evaluation or a whole gradient.
     *
     * @param method which
     * @return its seconds
     */
    public double seconds(CostMethod method) {
        return switch (method) {
            case LOSS -> lossSeconds;
            case BACKPROP -> backpropSeconds;
            case DELTA -> delta.seconds();
            case BLACK_BOX -> blackBox.seconds();
        };
    }

    /**
     * The delta gradient's time over backprop's.
     *
     * @return how many backprop gradients a delta gradient costs
     */
    public double deltaOverBackprop() {
        return delta.seconds() / backpropSeconds;
    }

    /**
     * The black-box gradient's time over backprop's.
     *
     * @return how many backprop gradients a black-box gradient costs
     */
    public double blackBoxOverBackprop() {
        return blackBox.seconds() / backpropSeconds;
    }
}
