package dev.numgrad.kernel;

/**
 * tanh(z + dz) − tanh(z) to a few ulps of itself, the scalar rule behind
 * {@link KernelSupport#tanhDifference} (and, through tanh(z/2), the sigmoid's change).
 *
 * <p>The plain difference loses everything below the rounding of tanh z: for dz = 1e-6 it keeps
 * about 10 digits. The addition theorem gives, with t = tanh z and u = tanh dz,
 * <pre>  tanh(z + dz) − tanh z = u·sech²z / (1 + t·u)</pre>
 * whose factors are all accurate (sech²z is cached from z itself, not as 1 − t²). Its only
 * weakness is the denominator: rounding t and u costs about 2⁻⁵³ absolutely, so the relative
 * error is about 2⁻⁵³/(1 + t·u). That is small unless z and dz are both large with opposite
 * signs; below {@link #SATURATED} the identity 1 + t·u = cosh(z + dz)/(cosh z·cosh dz) turns the
 * change into sinh(dz)/(cosh z·cosh(z + dz)), evaluated in the log domain so that nothing
 * overflows, with relative error about 2⁻⁵³·(|z| + |dz| + |z + dz|). Example: z = 25,
 * dz = −5 changes tanh by −8.5e-18, which both tanh values round away (plain difference 0).
 *
 * <p>In a hand-written delta evaluator: cache z, tanh z and {@link #sech2(double) sech²z} for
 * every unit in {@code prepare}, then a parameter that moves z by dz changes the unit's output by
 * {@code TanhDifference.of(z, tanhZ, sech2Z, dz)}; carry that change forward instead of
 * recomputing the unit and subtracting.
 */
public final class TanhDifference {

    /** Where the addition formula hands over to the log-domain form; see the class comment. */
    public static final double SATURATED = 0x1p-6;

    static final double LN2 = Math.log(2.0);

    private TanhDifference() {
    }

    /**
     * The change tanh(z + dz) − tanh z to a few ulps of itself, from values cached at z.
     *
     * @param z the pre-activation
     * @param tanhZ tanh z
     * @param sech2Z sech²z, computed from z (e.g. 4e/(1+e)² with e = exp(−2|z|))
     * @param dz the change of z
     * @return tanh(z + dz) − tanh z
     */
    public static double of(double z, double tanhZ, double sech2Z, double dz) {
        double u = Math.tanh(dz);
        double denominator = Math.fma(tanhZ, u, 1.0);
        if (denominator >= SATURATED) {
            return u * sech2Z / denominator;
        }
        return saturated(z, dz);
    }

    /**
     * sech²z = 1 − tanh²z, computed from z as 4e/(1 + e)² with e = exp(−2|z|): accurate to a few
     * ulps even where tanh z rounds to ±1 and 1 − tanh²z would give 0 (|z| &gt; 19).
     *
     * @param z the pre-activation
     * @return sech²z, the derivative of tanh at z
     */
    public static double sech2(double z) {
        double e = Math.exp(-2.0 * Math.abs(z));
        double onePlus = 1.0 + e;
        return 4.0 * e / (onePlus * onePlus);
    }

    /**
     * sinh(dz)/(cosh z·cosh(z + dz)) from log|sinh x| = |x| + log1p(−e^{−2|x|}) − ln 2 and
     * log cosh x = |x| + log1p(e^{−2|x|}) − ln 2. Also propagates NaN.
     *
     * @param z the pre-activation
     * @param dz the change of z
     * @return tanh(z + dz) − tanh z
     */
    public static double saturated(double z, double dz) {
        double shifted = z + dz;
        double absDz = Math.abs(dz);
        double absZ = Math.abs(z);
        double absShifted = Math.abs(shifted);
        double logMagnitude = absDz - absZ - absShifted + LN2
                + Math.log1p(-Math.exp(-2 * absDz))
                - Math.log1p(Math.exp(-2 * absZ))
                - Math.log1p(Math.exp(-2 * absShifted));
        return Math.copySign(Math.exp(logMagnitude), dz);
    }
}
