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
}
