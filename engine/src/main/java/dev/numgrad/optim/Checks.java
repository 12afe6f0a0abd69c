package dev.numgrad.optim;

/** Validation shared by the optimizer, schedule and clipping records; messages name the value. */
final class Checks {

    private Checks() {
    }

    /** A learning rate (or any other step size): positive and finite. */
    static double positiveFinite(String what, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
        return value;
    }

    /** An exponential-decay rate β of a moving average: 0 <= β < 1. */
    static double beta(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** A non-negative finite coefficient (weight decay, a tolerance). */
    static double nonNegativeFinite(String what, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + " must be non-negative and finite, got " + value);
        }
        return value;
    }

    /** A multiplicative decay factor: 0 < factor <= 1. */
    static double decayFactor(String what, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1], got " + value);
        }
        return value;
    }

    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }

    static int dimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        return dimension;
    }

    /** Guards {@link OptimizerState#step}: both arrays must have the state's dimension. */
    static void stepLengths(int dimension, double[] x, double[] gradient) {
        if (x.length != dimension || gradient.length != dimension) {
            throw new IllegalArgumentException("step needs x and gradient of length " + dimension
                    + ", got " + x.length + " and " + gradient.length);
        }
    }
}
