package dev.numgrad;

/**
 * The loss was finite at every probe of a coordinate, but its difference quotient was not: the
 * difference overflowed (f(x + h) − f(x − h) beyond the largest double) or the division by the
 * step did. A finite loss does not guarantee a finite derivative estimate, and numgrad never
 * returns a NaN or infinite gradient entry silently.
 */
public final class NonFiniteDerivativeException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final int coordinate;
    private final double step;
    private final double value;

    /**
     * The derivative of coordinate {@code coordinate} came out non-finite.
     *
     * @param lossName the loss's name
     * @param coordinate the coordinate whose derivative is non-finite
     * @param xi the coordinate's value
     * @param step the finite-difference step used there
     * @param value the non-finite derivative
     */
    public NonFiniteDerivativeException(String lossName, int coordinate, double xi, double step, double value) {
        super("the derivative of loss '" + lossName + "' along x[" + coordinate + "] = " + xi + " is " + value
                + " with step " + step + " although every loss value was finite: the difference quotient overflowed");
        this.coordinate = coordinate;
        this.step = step;
        this.value = value;
    }

    /** {@return the coordinate whose derivative is non-finite} */
    public int coordinate() {
        return coordinate;
    }

    /** {@return the finite-difference step used at that coordinate} */
    public double step() {
        return step;
    }

    /** {@return the non-finite derivative: NaN or ±∞} */
    public double value() {
        return value;
    }
}
