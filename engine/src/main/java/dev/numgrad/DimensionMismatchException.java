package dev.numgrad;

/** An array's length does not match the loss dimension: {@code "dimension 3 != loss dimension 4"}. */
public final class DimensionMismatchException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final int actual;
    private final int expected;

    /**
     * An array of the wrong length.
     *
     * @param what what the array is, e.g. {@code "x"} or {@code "out"}
     * @param actual the array's length
     * @param expected the loss dimension
     */
    public DimensionMismatchException(String what, int actual, int expected) {
        super(what + " dimension " + actual + " != loss dimension " + expected);
        this.actual = actual;
        this.expected = expected;
    }

    /**
     * As {@link #DimensionMismatchException(String, int, int)} for the parameter vector x.
     *
     * @param actual x's length
     * @param expected the loss dimension
     */
    public DimensionMismatchException(int actual, int expected) {
        this("x", actual, expected);
    }

    /** {@return the array's length} */
    public int actual() {
        return actual;
    }

    /** {@return the length the loss needs} */
    public int expected() {
        return expected;
    }
}
