package dev.numgrad;

/** A parameter is NaN or infinite: {@code "x[17] is NaN"}. */
public final class NonFiniteParameterException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final double value;

    public NonFiniteParameterException(int index, double value) {
        super("x[" + index + "] is " + value);
        this.index = index;
        this.value = value;
    }

    /** Index of the first non-finite parameter. */
    public int index() {
        return index;
    }

    public double value() {
        return value;
    }
}
