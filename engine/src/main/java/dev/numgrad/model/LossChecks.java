package dev.numgrad.model;

import java.lang.foreign.MemorySegment;

/** Argument checks shared by the bundled losses; each message names the offending value. */
final class LossChecks {

    private LossChecks() {
    }

    static void checkLength(double[] x, int dimension) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("x has length " + x.length + " but the loss dimension is " + dimension);
        }
    }

    /** As {@link #checkLength(double[], int)} for a point held as doubles in a segment. */
    static void checkLength(MemorySegment x, int dimension) {
        if (x.byteSize() != (long) dimension * Double.BYTES) {
            throw new IllegalArgumentException("x has " + x.byteSize() + " bytes but the loss dimension " + dimension
                    + " needs " + (long) dimension * Double.BYTES);
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
