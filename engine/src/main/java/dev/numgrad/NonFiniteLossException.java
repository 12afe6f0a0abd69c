package dev.numgrad;

/**
 * The loss returned NaN or ±∞, at a perturbed point x + s·eᵢ (naming i, s and the value) or at
 * the base point (coordinate {@link #BASE_POINT}). A finite difference of a non-finite value is
 * meaningless, so numgrad stops instead of returning a NaN gradient entry.
 */
public final class NonFiniteLossException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /** {@link #coordinate()} of a non-finite value at the base point x. */
    public static final int BASE_POINT = -1;

    private final int coordinate;
    private final double offset;
    private final double value;

    private NonFiniteLossException(String message, int coordinate, double offset, double value) {
        super(message);
        this.coordinate = coordinate;
        this.offset = offset;
        this.value = value;
    }

    /**
     * The loss (or its delta) returned {@code value} at x + offset·eᵢ.
     *
     * @param lossName the loss's name
     * @param i the coordinate being differenced
     * @param offset the offset s added to x[i]
     * @param value the non-finite value
     * @return the exception
     */
    public static NonFiniteLossException atCoordinate(String lossName, int i, double offset, double value) {
        return new NonFiniteLossException("loss '" + lossName + "' returned " + value + " at coordinate " + i
                + " (x + s·e[" + i + "], s = " + offset + ")", i, offset, value);
    }

    /**
     * One part of the loss (a term of a sum, a dense part) returned {@code value} while the loss
     * was differenced at x + offset·eᵢ, e.g. {@code "loss 'chain' returned NaN at coordinate 41
     * (x + s·e[41], s = 1.0E-6): term 'link' #41 on x[41], x[42] returned NaN"}.
     *
     * @param lossName the loss's name
     * @param i the coordinate being differenced
     * @param offset the offset s added to x[i]
     * @param value the non-finite value the part returned
     * @param part what returned it, e.g. {@code "term 'link' #41 on x[41], x[42]"}
     * @return the exception
     */
    public static NonFiniteLossException inPart(String lossName, int i, double offset, double value, String part) {
        return new NonFiniteLossException("loss '" + lossName + "' returned " + value + " at coordinate " + i
                + " (x + s·e[" + i + "], s = " + offset + "): " + part + " returned " + value, i, offset, value);
    }

    /**
     * The loss returned {@code value} at the base point x.
     *
     * @param lossName the loss's name
     * @param value the non-finite value
     * @return the exception
     */
    public static NonFiniteLossException atBasePoint(String lossName, double value) {
        return new NonFiniteLossException("loss '" + lossName + "' returned " + value + " at the base point x",
                BASE_POINT, 0.0, value);
    }

    /** {@return the coordinate being differenced, or {@link #BASE_POINT}} */
    public int coordinate() {
        return coordinate;
    }

    /** {@return the offset s added to x[coordinate]; 0 at the base point} */
    public double offset() {
        return offset;
    }

    /** {@return the non-finite value returned} */
    public double value() {
        return value;
    }
}
