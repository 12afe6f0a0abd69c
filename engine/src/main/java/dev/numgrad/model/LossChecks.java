package dev.numgrad.model;

/** Argument checks shared by the bundled losses; each message names the offending value. */
final class LossChecks {

    private LossChecks() {
    }

    static void checkLength(double[] x, int dimension) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("x has length " + x.length + " but the loss dimension is " + dimension);
        }
    }

    static void checkFinite(String name, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] is " + values[k]);
            }
        }
    }
}
