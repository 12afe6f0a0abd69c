package dev.numgrad.model;

/** What one Java array can hold, checked before a model or workload allocates its matrices. */
public final class ArrayLimits {

    /** The largest array length every JVM allows (HotSpot reserves a few header words). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private ArrayLimits() {
    }

    /**
     * rows·cols as an int, or a clear error when the matrix cannot be one Java array.
     *
     * @param rows number of rows, at least 1
     * @param cols number of columns, at least 1
     * @return rows·cols
     * @throws IllegalArgumentException when either is below 1 or the product exceeds {@link #MAX_ARRAY_LENGTH}
     */
    public static int matrixLength(int rows, int cols) {
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
