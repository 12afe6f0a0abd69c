package dev.numgrad.gradient;

/**
 * How far a computed gradient is from the exact one, as {@code WORKLOADS.md} defines it.
 */
public final class GradientError {

    private GradientError() {
    }

    /**
     * err_inf = maxᵢ |gᵢ − g*ᵢ| / maxᵢ |g*ᵢ|: the worst coordinate error relative to the
     * largest exact component, so coordinates where g* is tiny do not dominate.
     *
     * <p>When g* is all zeros the ratio is defined by its limit: 0 if g is too, else +∞. A NaN
     * anywhere in either gradient gives NaN.
     *
     * @param gradient the computed gradient. Not modified.
     * @param exact the exact gradient, same length. Not modified.
     * @return err_inf
     */
    public static double relativeInf(double[] gradient, double[] exact) {
        if (gradient.length != exact.length) {
            throw new IllegalArgumentException("gradient length " + gradient.length + " != exact gradient length " + exact.length);
        }
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < exact.length; i++) {
            worst = Math.max(worst, Math.abs(gradient[i] - exact[i]));  // Math.max keeps NaN
            scale = Math.max(scale, Math.abs(exact[i]));
        }
        if (scale == 0 && worst == 0) {
            return 0;
        }
        return worst / scale;
    }
    /**
     * err_inf over a sample of coordinates, as {@link #relativeInf} would count those
     * coordinates: the worst error among them, relative to the largest exact component of the
     * whole gradient (the same scale as for a full gradient, so the two compare).
     *
     * @param values {@code values[k]} is the computed derivative along {@code coordinates[k]},
     *     e.g. from {@link NumericGradient#computeCoordinates}. Not modified.
     * @param coordinates the sampled indices into {@code exact}. Not modified.
     * @param exact the whole exact gradient. Not modified.
     * @return the sampled err_inf; 0 when everything is zero, NaN when a value is NaN
     * @throws IllegalArgumentException if {@code values} and {@code coordinates} differ in length
     * @throws IndexOutOfBoundsException if a coordinate is not an index of {@code exact}
     */
    public static double relativeInfAt(double[] values, int[] coordinates, double[] exact) {
        if (values.length != coordinates.length) {
            throw new IllegalArgumentException("values length " + values.length + " != coordinates length "
                    + coordinates.length);
        }
        double worst = 0;
        for (int k = 0; k < coordinates.length; k++) {
            worst = Math.max(worst, Math.abs(values[k] - exact[coordinates[k]])); // Math.max keeps NaN
        }
        double scale = 0;
        for (double value : exact) {
            scale = Math.max(scale, Math.abs(value));
        }
        return scale == 0 && worst == 0 ? 0 : worst / scale;
    }
}
