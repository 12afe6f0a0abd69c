package dev.numgrad.model;

import java.util.Objects;

/**
 * One hidden dense layer of an {@link Mlp}: its width and its activation. The layer's input width
 * is the previous layer's width, so a list of these cannot describe mismatched shapes.
 *
 * @param units number of hidden units, at least 1
 * @param activation applied to the layer's pre-activations
 */
public record HiddenLayer(int units, Activation activation) {

    /**
     * Validates the layer.
     *
     * @throws IllegalArgumentException if units is below 1
     */
    public HiddenLayer {
        if (units < 1) {
            throw new IllegalArgumentException("hidden layer units must be at least 1, got " + units);
        }
        Objects.requireNonNull(activation, "activation");
    }

    /**
     * A tanh layer, the activation of the standard {@code mlp} workload.
     *
     * @param units number of hidden units, at least 1
     * @return the layer
     */
    public static HiddenLayer tanh(int units) {
        return new HiddenLayer(units, Activation.TANH);
    }
}
