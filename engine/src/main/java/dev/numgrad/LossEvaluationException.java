package dev.numgrad;

/**
 * The loss threw while numgrad evaluated it. Keeps the loss's exception as the cause and says
 * where: at the perturbed point x + s·eᵢ of coordinate i, or at the unperturbed base point
 * (coordinate {@link #BASE_POINT}).
 */
public final class LossEvaluationException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /** {@link #coordinate()} of a failure at the base point x (value, prepare or evaluator creation). */
    public static final int BASE_POINT = -1;

    private final int coordinate;
    private final double offset;

    private LossEvaluationException(String message, Throwable cause, int coordinate, double offset) {
        super(message, cause);
        this.coordinate = coordinate;
        this.offset = offset;
    }

    /**
     * The loss threw at x + offset·eᵢ.
     *
     * @param lossName the loss's name
     * @param i the coordinate being differenced
     * @param offset the offset s added to x[i]
     * @param cause what the loss threw, checked or not
     * @return the exception
     */
    public static LossEvaluationException atCoordinate(String lossName, int i, double offset, Throwable cause) {
        return new LossEvaluationException("loss '" + lossName + "' threw at coordinate " + i
                + " (x + s·e[" + i + "], s = " + offset + "): " + cause, cause, i, offset);
    }

    /**
     * The loss threw at the base point, doing {@code what} (e.g. "evaluating f(x)").
     *
     * @param lossName the loss's name
     * @param what what numgrad was doing
     * @param cause what the loss threw, checked or not
     * @return the exception
     */
    public static LossEvaluationException atBasePoint(String lossName, String what, Throwable cause) {
        return new LossEvaluationException("loss '" + lossName + "' threw " + what
                + " at the base point x: " + cause, cause, BASE_POINT, 0.0);
    }

    /** {@return the coordinate being differenced, or {@link #BASE_POINT}} */
    public int coordinate() {
        return coordinate;
    }

    /** {@return the offset s added to x[coordinate]; 0 at the base point} */
    public double offset() {
        return offset;
    }
}
