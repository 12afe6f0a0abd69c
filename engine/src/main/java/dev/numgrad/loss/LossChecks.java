package dev.numgrad.loss;

/** Argument checks shared by the bundled losses; each message names the offending value. */
final class LossChecks {

    /** The largest array length every JVM allows (HotSpot reserves a few header words). */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

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

    /** rows·cols as an int, or a clear error when the matrix cannot be one Java array. */
    static int matrixLength(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " matrix needs at least one row and one column");
        }
        long length = (long) rows * cols;
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " matrix has " + length
                    + " elements, more than one Java array holds (" + MAX_ARRAY_LENGTH + ")");
        }
        return (int) length;
    }
}
