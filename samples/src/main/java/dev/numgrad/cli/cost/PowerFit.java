package dev.numgrad.cli.cost;

/**
 * A power law y ≈ c·xᵃ fitted by least squares to log₁₀ y against log₁₀ x: a straight line on a
 * log-log plot, whose slope {@code exponent} says how a cost grows (1: linearly, 2: quadratically).
 *
 * @param exponent the slope a
 * @param log10Coefficient log₁₀ c, the line's intercept
 * @param rSquared the coefficient of determination of the line in log-log space: 1 for points
 *     exactly on it; 1 also when all log y are equal (nothing left to explain)
 * @param points how many points were fitted, at least 2
 */
public record PowerFit(double exponent, double log10Coefficient, double rSquared, int points) {

    /**
     * Validates the fit.
     *
     * @throws IllegalArgumentException for fewer than 2 points or a non-finite slope
     */
    public PowerFit {
        if (points < 2) {
            throw new IllegalArgumentException("a fit needs at least 2 points, got " + points);
        }
        if (!Double.isFinite(exponent) || !Double.isFinite(log10Coefficient)) {
            throw new IllegalArgumentException("fit is not finite: exponent " + exponent + ", log10 c " + log10Coefficient);
        }
    }

    /**
     * Fits y ≈ c·xᵃ.
     *
     * @param xs positive and finite, at least two distinct values. Not modified.
     * @param ys positive and finite, as many as {@code xs}. Not modified.
     * @return the fit
     * @throws IllegalArgumentException for arrays of different lengths, fewer than 2 points, a
     *     value that is not positive and finite (naming it), or all x equal
     */
    public static PowerFit of(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs length " + xs.length + " != ys length " + ys.length);
        }
        int n = xs.length;
        if (n < 2) {
            throw new IllegalArgumentException("a fit needs at least 2 points, got " + n);
        }
        double[] u = new double[n];
        double[] v = new double[n];
        double meanU = 0;
        double meanV = 0;
        for (int i = 0; i < n; i++) {
            u[i] = log10Positive("xs", i, xs[i]);
            v[i] = log10Positive("ys", i, ys[i]);
            meanU += u[i];
            meanV += v[i];
        }
        meanU /= n;
        meanV /= n;
        // Centred sums: no cancellation between large sums of squares.
        double suu = 0;
        double suv = 0;
        double svv = 0;
        for (int i = 0; i < n; i++) {
            double du = u[i] - meanU;
            double dv = v[i] - meanV;
            suu += du * du;
            suv += du * dv;
            svv += dv * dv;
        }
        if (suu == 0) {
            throw new IllegalArgumentException("all " + n + " x values are equal (" + xs[0] + "): no slope to fit");
        }
        double slope = suv / suu;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - (meanV + slope * (u[i] - meanU));
            residual += r * r;
        }
        double rSquared = svv == 0 ? 1 : Math.max(0, 1 - residual / svv);
        return new PowerFit(slope, meanV - slope * meanU, rSquared, n);
    }

    /**
     * The fitted y at x.
     *
     * @param x positive
     * @return c·xᵃ
     */
    public double at(double x) {
        return Math.pow(10, log10Coefficient + exponent * Math.log10(x));
    }

    private static double log10Positive(String name, int index, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "[" + index + "] must be positive and finite, got " + value);
        }
        return Math.log10(value);
    }
}
