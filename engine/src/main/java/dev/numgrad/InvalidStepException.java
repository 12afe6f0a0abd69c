package dev.numgrad;

/**
 * A finite-difference step is zero, negative, non-finite, or too small to change the coordinate
 * it perturbs (x + h == x), or it pushes the coordinate out of the finite range.
 */
public final class InvalidStepException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /** {@link #coordinate()} of an error in the step configuration itself rather than at one coordinate. */
    public static final int NO_COORDINATE = -1;

    private final int coordinate;
    private final double step;

    private InvalidStepException(String message, int coordinate, double step) {
        super(message);
        this.coordinate = coordinate;
        this.step = step;
    }

    /**
     * A configured step or ratio that can never be valid, e.g. {@code "step h = 0.0 must be positive and finite"}.
     *
     * @param name the setting, e.g. {@code "step h"}
     * @param value its value
     * @return the exception
     */
    public static InvalidStepException ofConfiguration(String name, double value) {
        return new InvalidStepException(name + " = " + value + " must be positive and finite", NO_COORDINATE, value);
    }

    /**
     * A step that is invalid at coordinate i, e.g. {@code "step 1.0E-30 at x[3] = 1.0: x + h == x"}.
     *
     * @param i the coordinate
     * @param xi its value
     * @param step the step
     * @param problem what is wrong, e.g. {@code "x + h == x"}
     * @return the exception
     */
    public static InvalidStepException atCoordinate(int i, double xi, double step, String problem) {
        return new InvalidStepException("step " + step + " at x[" + i + "] = " + xi + ": " + problem, i, step);
    }

    /** {@return the coordinate whose step is invalid, or {@link #NO_COORDINATE}} */
    public int coordinate() {
        return coordinate;
    }

    /** {@return the offending step (or ratio, for a configuration error)} */
    public double step() {
        return step;
    }
}
