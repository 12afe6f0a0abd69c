package dev.numgrad.model;

/**
 * Scalar logistic functions that stay accurate where the textbook formulas overflow or cancel.
 *
 * <p>The delta of a softplus term is the delicate one. With u the cached margin and d the
 * change in it, the naive {@code softplus(u + d) − softplus(u)} subtracts two numbers of size
 * about max(u, 0) + log 2 to get one of size about σ(u)·d: at d = 1e-8 it keeps only half the
 * digits. Instead, from (1 + e^(u+d)) / (1 + e^u) = 1 + σ(u)·(e^d − 1):
 * <pre>
 *   softplus(u + d) − softplus(u) = log1p(σ(u) · expm1(d))                    (1)
 *                                 = log(σ(−u) + σ(u)·e^d)
 *                                 = logAddExp(−softplus(u), d − softplus(−u))  (2)
 * </pre>
 * (1) is accurate to a few ulps while its argument a = σ(u)·expm1(d) lies in [−½, ½], because
 * every factor is computed to full relative precision and log1p is well conditioned there.
 * Outside that range the result is at least log 1.5 in magnitude, so (2) — two finite
 * logarithms combined without overflow — loses nothing that matters, and it also covers d so
 * large that expm1(d) overflows.
 *
 * <p>Speed: a central difference moves a margin by d = h·X_ri with h near 1e-5, and expm1 and
 * log1p (not intrinsics) would then dominate a logistic delta. For |d| ≤ 2⁻¹⁰ both are replaced
 * by their Taylor polynomials through the sixth power, evaluated by Horner's rule: the
 * truncation errs by less than d⁶/5040 ≈ 2e-22 (expm1) and a⁶/7 ≈ 2e-19 (log1p, |a| ≤ |expm1(d)| < 1.001·|d|)
 * relative, far below one ulp, and the alternating log1p series has no cancellation for
 * |a| < 2⁻⁹.
 */
final class LogisticMath {

    private static final double LOG1P_RANGE = 0.5;
    private static final double SERIES_LIMIT = 0x1p-10;

    private LogisticMath() {
    }

    /**
     * softplus(u + d) − softplus(u) without cancellation, given the four values a delta
     * evaluator caches per margin u.
     *
     * @param sigmoidU σ(u)
     * @param softplusU softplus(u)
     * @param softplusNegU softplus(−u)
     * @param d change of the margin
     */
    static double softplusDifference(double sigmoidU, double softplusU, double softplusNegU, double d) {
        if (Math.abs(d) <= SERIES_LIMIT) {
            double expm1 = d * (1 + d * (1.0 / 2 + d * (1.0 / 6 + d * (1.0 / 24 + d * (1.0 / 120 + d / 720)))));
            double a = sigmoidU * expm1;
            return a * (1 - a * (1.0 / 2 - a * (1.0 / 3 - a * (1.0 / 4 - a * (1.0 / 5 - a / 6)))));
        }
        double a = sigmoidU * Math.expm1(d);
        if (Math.abs(a) <= LOG1P_RANGE) { // false for NaN, which (2) then handles
            return Math.log1p(a);
        }
        return logAddExp(-softplusU, d - softplusNegU);
    }

    /** log(eᵃ + eᵇ) without overflow. */
    static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
