package dev.numgrad.loss;

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
 */
final class LogisticMath {

    private static final double LOG1P_RANGE = 0.5;

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
