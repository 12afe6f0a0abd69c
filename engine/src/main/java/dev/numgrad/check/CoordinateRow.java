package dev.numgrad.check;

import java.util.Objects;

/**
 * One coordinate's comparison in a {@link CheckReport}.
 *
 * @param index the flat index
 * @param coordinate its name under the loss's blocks, e.g. {@code W1[17,203]}
 * @param block the name of its block, e.g. {@code W1}
 * @param analytic the gradient under test
 * @param numeric the numeric partial derivative the verdict rests on
 * @param absoluteError |analytic − numeric| (NaN when either is not finite)
 * @param relativeError absoluteError / max(|analytic|, |numeric|, 10⁻³·‖analytic‖∞)
 * @param tolerance the absolute mismatch allowed: rtol·scale + atol + the numeric noise
 * @param verdict the verdict
 * @param how how the numeric value was obtained: {@code central}, {@code central h/16},
 *     {@code adaptive}, {@code one-sided} (a kink) or {@code not re-examined}
 */
public record CoordinateRow(int index, String coordinate, String block, double analytic, double numeric,
        double absoluteError, double relativeError, double tolerance, Verdict verdict, String how) {

    /** Requires the names, the verdict and the method. */
    public CoordinateRow {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(how, "how");
    }

    /**
     * How far beyond its tolerance the mismatch is: above 1 fails at this value; infinite for a non-finite value.
     *
     * @return absoluteError / tolerance
     */
    public double excess() {
        return Double.isNaN(absoluteError) ? Double.POSITIVE_INFINITY : absoluteError / tolerance;
    }
}
