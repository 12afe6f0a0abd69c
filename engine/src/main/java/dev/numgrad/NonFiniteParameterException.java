package dev.numgrad;

/** A parameter is NaN or infinite: {@code "x[17] is NaN"}. */
public final class NonFiniteParameterException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final double value;

    /**
     * A parameter that is NaN or infinite.
     *
     * @param index its index
     * @param value its value
     */
    public NonFiniteParameterException(int index, double value) {
        super("x[" + index + "] is " + value);
        this.index = index;
        this.value = value;
    }

    /** {@return index of the first non-finite parameter} */
    public int index() {
        return index;
    }

    /** {@return the non-finite value} */
    public double value() {
        return value;
    }
}
