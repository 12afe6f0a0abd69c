package dev.numgrad.kernel;

/**
 * log1p(a) for |a| ≤ {@link #LIMIT} by its Taylor polynomial, exact to rounding, for
 * {@link KernelSupport#sumLog1p}: in delta evaluation every argument is a softmax shift of order
 * |step|, and a polynomial is several times cheaper than a general log1p (the vector LOG1P is
 * half the cost of a whole first-layer delta).
 *
 * <p>Truncating after a⁸/8 leaves |a|⁹/(9·(1 − |a|)) ≤ 2⁻⁵⁹·|a| for |a| ≤ 2⁻⁷, below half an ulp
 * of log1p(a) ≈ a; Horner's rule in fused multiply-adds then rounds like one or two ulps.
 * Beyond the limit callers use {@link Math#log1p}.
 *
 * <p>In a hand-written delta evaluator of a log-sum-exp (a softmax cross-entropy, a log-partition
 * function): with p_c the softmax probabilities cached at the base point and δ_c the change of
 * each logit, log Σ exp(z_c + δ_c) − log Σ exp(z_c) = log1p(Σ_c p_c·expm1(δ_c)), and for a small
 * step that argument is small: {@link #orMath(double)} evaluates it without ever forming either
 * log-sum-exp, so no digits cancel.
 */
public final class SmallLog1p {

    /** Largest |a| for which {@link #of(double)} is exact to rounding. */
    public static final double LIMIT = 0x1p-7;

    // (−1)^(n+1)/n for n = 2 … 8
    /** Coefficient of a² in log1p(a) = Σ (−1)ⁿ⁺¹ aⁿ/n. */
    public static final double C2 = -1.0 / 2;
    /** Coefficient of a³. */
    public static final double C3 = 1.0 / 3;
    /** Coefficient of a⁴. */
    public static final double C4 = -1.0 / 4;
    /** Coefficient of a⁵. */
    public static final double C5 = 1.0 / 5;
    /** Coefficient of a⁶. */
    public static final double C6 = -1.0 / 6;
    /** Coefficient of a⁷. */
    public static final double C7 = 1.0 / 7;
    /** Coefficient of a⁸. */
    public static final double C8 = -1.0 / 8;

    private SmallLog1p() {
    }

    /**
     * log1p(a) for |a| ≤ {@link #LIMIT}; outside it the result is not accurate.
     *
     * @param a the argument, |a| ≤ {@link #LIMIT}
     * @return log1p(a)
     */
    public static double of(double a) {
        double p = Math.fma(a, C8, C7);
        p = Math.fma(a, p, C6);
        p = Math.fma(a, p, C5);
        p = Math.fma(a, p, C4);
        p = Math.fma(a, p, C3);
        p = Math.fma(a, p, C2);
        p = Math.fma(a, p, 1.0);
        return a * p;
    }

    /**
     * log1p(a) for any a: the polynomial where it is exact, else {@link Math#log1p}.
     *
     * @param a the argument
     * @return log1p(a)
     */
    public static double orMath(double a) {
        return Math.abs(a) <= LIMIT ? of(a) : Math.log1p(a);
    }
}
