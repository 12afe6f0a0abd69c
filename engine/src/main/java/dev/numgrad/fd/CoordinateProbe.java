package dev.numgrad.fd;

/**
 * The one-dimensional function a {@link Scheme} differences: the loss along one coordinate axis.
 *
 * <p>In black-box mode {@code at(offset)} is f(x + offset·eᵢ); in delta mode it is
 * f(x + offset·eᵢ) − f(x), so {@code at(0) == 0}. Schemes never call {@code at(0)}: the value
 * at the base point arrives as their {@code base} argument (f(x), or 0 in delta mode).
 * Implementations are stateful workers, one per thread.
 */
@FunctionalInterface
public interface CoordinateProbe {

    /**
     * The coordinate's function at x_i + offset.
     *
     * @param offset the signed offset added to x_i
     * @return f(x + offset·eᵢ), or its change from f(x) in delta mode
     */
    double at(double offset);

    /**
     * f(x + offset·eᵢ) − f(x − offset·eᵢ), the numerator of a central difference: by default
     * {@code at(offset) - at(-offset)}, probing +offset first. A probe that can evaluate both
     * sides in one pass (a delta evaluator sharing its cached terms) overrides it, with the same
     * bits.
     *
     * @param offset the signed offset
     * @return the symmetric difference of the coordinate's function
     */
    default double symmetricDifference(double offset) {
        double plus = at(offset);
        return plus - at(-offset);
    }
}
