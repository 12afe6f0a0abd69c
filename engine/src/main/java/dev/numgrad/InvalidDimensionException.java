package dev.numgrad;

/**
 * A loss declares fewer than one parameter: {@code "loss 'bowl' has dimension -1; a loss needs at
 * least 1 parameter"}. Raised before anything of that size is allocated or evaluated.
 */
public final class InvalidDimensionException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final int dimension;

    /**
     * A loss with fewer than one parameter.
     *
     * @param lossName the loss's name, for the message
     * @param dimension the invalid dimension
     */
    public InvalidDimensionException(String lossName, int dimension) {
        super("loss '" + lossName + "' has dimension " + dimension + "; a loss needs at least 1 parameter");
        this.dimension = dimension;
    }

    /**
     * Validates a loss's dimension.
     *
     * @param lossName the loss's name, for the message
     * @param dimension the dimension to check
     * @return {@code dimension}, when it is at least 1
     * @throws InvalidDimensionException when it is not
     */
    public static int check(String lossName, int dimension) {
        if (dimension < 1) {
            throw new InvalidDimensionException(lossName, dimension);
        }
        return dimension;
    }

    /** {@return the invalid dimension} */
    public int dimension() {
        return dimension;
    }
}
