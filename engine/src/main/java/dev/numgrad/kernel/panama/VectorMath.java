package dev.numgrad.kernel.panama;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, expm1, log1p and tanh that give the same bits in every JIT tier, lane-wise and scalar.
 *
 * <p>Why not {@code lanewise(EXP)} and friends: C2 compiles them to Intel SVML, while the
 * interpreter and C1 run the Vector API's Java fallback, which calls {@link Math} per lane. The
 * two differ by an ulp or two, so a kernel's answer changed when C2 compiled it, and a gradient
 * computed partly before and partly after warm-up (or serially versus in parallel) was not
 * reproducible. These functions use only operations that IEEE 754 defines exactly and that both
 * tiers evaluate the same way: add, sub, mul, div, fma, neg, abs, min, max, comparisons and
 * blends, and integer arithmetic on the bits (through {@code reinterpretAsLongs}); no
 * conversions, no table look-ups. The scalar versions ({@code expScalar} …) perform the same
 * operations in the same order with {@link Math#fma}, so a kernel's scalar tail gives the bits
 * its vector lanes would have given.
 *
 * <p>Accuracy against {@link StrictMath}, measured over 400 000 seeded arguments per function
 * spread across the binades of its domain plus special values (VectorMathTest): exp, expm1 and
 * log1p within 1 ulp, tanh within 3 (fdlibm's tanh is itself up to 2 ulps off; at
 * 0.2391936871600911 StrictMath is 2.01 ulps below the exact value, this tanh 0.99 above). Special values follow {@link Math}: NaN in, NaN out (the payload is not
 * specified); exp(+∞) = +∞, exp(−∞) = +0, overflow to +∞ and gradual underflow through the
 * subnormals; expm1(±0) = ±0, expm1(−∞) = −1; log1p(±0) = ±0, log1p(−1) = −∞, log1p(x &lt; −1)
 * = NaN, log1p(+∞) = +∞; tanh(±0) = ±0, tanh(±∞) = ±1.
 *
 * <p>Design, following fdlibm: exp and expm1 reduce x = n·ln2 + r with |r| ≤ ln2/2 (n from the
 * round-to-integer trick of adding 1.5·2⁵², the reduction in two fmas), evaluate expm1(r) by its
 * Taylor polynomial to degree 13 (truncation below 2⁻⁵⁷ relative) and scale by 2ⁿ in two exact
 * power-of-two steps, so that results in the subnormal range are rounded once. log1p splits
 * 1 + x = 2ᵏ·(1 + f) with 1 + f in [√½, √2), keeps the rounding error of 1 + x (TwoSum) as a
 * correction, and evaluates log(1 + f) through the atanh series in s = f/(2 + f). tanh|x| is
 * −e/(2 + e) with e = expm1(−2|x|).
 *
 * <p>Inlining: each vector function is a few dozen Vector API calls, which C2 parses into many
 * nodes before intrinsifying them. If a function is not inlined into its kernel (C2's
 * node-count cutoff when a caller inlines the whole kernel, or the function compiled on its own
 * first and then "too big"), every vector crossing the call is boxed: the results stay the
 * same bits, but the kernel allocates and slows down several-fold. The kernels keep their loops
 * lean to avoid that (see sumLog1p and tanhDifference in {@link PanamaBatchKernels}).
 */
final class VectorMath {

    private static final double INV_LN2 = 0x1.71547652b82fep0;
    /** ln 2 rounded, and the rest: x − n·LN2_HI is exact for the n that occur (see expm1Reduced). */
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** fdlibm's split of ln 2 for log1p: LN2_HI_LOG has 11 trailing zero bits, so k·LN2_HI_LOG is exact. */
    private static final double LN2_HI_LOG = 6.93147180369123816490e-01;
    private static final double LN2_LO_LOG = 1.90821492927058770002e-10;

    /** 1.5·2⁵²: adding it rounds to an integer that then sits in the low bits of the sum. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final long EXPONENT_BIAS = 1023;
    private static final long SIGN_BIT = 0x8000_0000_0000_0000L;
    /** Bits of √½: subtracting them splits a positive double into 2ᵏ·m with m in [√½, √2). */
    private static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;

    /** exp(x) = +∞ above ln(MAX_VALUE) ≈ 709.78 and +0 below about −745.13; clamping keeps n small. */
    private static final double EXP_HIGH = 710;
    private static final double EXP_LOW = -746;
    /** expm1(x) rounds to −1 below −38; clamping at −45 keeps 2⁻ⁿ finite. */
    private static final double EXPM1_LOW = -45;
    /** Below this, expm1(x) and log1p(x) round to x (keeps −0 and subnormals exact). */
    private static final double TINY = 0x1p-54;
    /** 1 − 2⁻ⁿ rounds to 1 from n = 54 on; capping n keeps 2⁻ⁿ normal. */
    private static final long EXPM1_MAX_SHIFT = 60;

    // Taylor coefficients 1/j! of e^r for j = 2 … 13
    private static final double E2 = 1.0 / 2;
    private static final double E3 = 1.0 / 6;
    private static final double E4 = 1.0 / 24;
    private static final double E5 = 1.0 / 120;
    private static final double E6 = 1.0 / 720;
    private static final double E7 = 1.0 / 5040;
    private static final double E8 = 1.0 / 40320;
    private static final double E9 = 1.0 / 362880;
    private static final double E10 = 1.0 / 3628800;
    private static final double E11 = 1.0 / 39916800;
    private static final double E12 = 1.0 / 479001600;
    private static final double E13 = 1.0 / 6227020800.0;

    // 2/(2j+1) for j = 1 … 10: log(1+f) = 2s + Σ 2s^(2j+1)/(2j+1); |s| ≤ 0.1716, so s²¹ ends it
    private static final double L1 = 2.0 / 3;
    private static final double L2 = 2.0 / 5;
    private static final double L3 = 2.0 / 7;
    private static final double L4 = 2.0 / 9;
    private static final double L5 = 2.0 / 11;
    private static final double L6 = 2.0 / 13;
    private static final double L7 = 2.0 / 15;
    private static final double L8 = 2.0 / 17;
    private static final double L9 = 2.0 / 19;
    private static final double L10 = 2.0 / 21;

    // the constants above as vectors (see the comment on exp)
    private static final DoubleVector V_ZERO = broadcast(0.0);
    private static final DoubleVector V_ONE = broadcast(1.0);
    private static final DoubleVector V_TWO = broadcast(2.0);
    private static final DoubleVector V_HALF = broadcast(0.5);
    private static final DoubleVector V_INFINITY = broadcast(Double.POSITIVE_INFINITY);
    private static final DoubleVector V_NAN = broadcast(Double.NaN);
    private static final DoubleVector V_INV_LN2 = broadcast(INV_LN2);
    private static final DoubleVector V_LN2_HI = broadcast(LN2_HI);
    private static final DoubleVector V_LN2_LO = broadcast(LN2_LO);
    private static final DoubleVector V_LN2_HI_LOG = broadcast(LN2_HI_LOG);
    private static final DoubleVector V_LN2_LO_LOG = broadcast(LN2_LO_LOG);
    private static final DoubleVector V_SHIFTER = broadcast(SHIFTER);
    private static final DoubleVector V_EXP_HIGH = broadcast(EXP_HIGH);
    private static final DoubleVector V_EXP_LOW = broadcast(EXP_LOW);
    private static final DoubleVector V_EXPM1_LOW = broadcast(EXPM1_LOW);
    private static final DoubleVector V_TINY = broadcast(TINY);
    private static final LongVector V_SHIFTER_BITS = broadcastLong(SHIFTER_BITS);
    private static final LongVector V_BIAS = broadcastLong(EXPONENT_BIAS);
    private static final LongVector V_SIGN_BIT = broadcastLong(SIGN_BIT);
    private static final LongVector V_SQRT_HALF_BITS = broadcastLong(SQRT_HALF_BITS);
    private static final LongVector V_EXPM1_MAX_SHIFT = broadcastLong(EXPM1_MAX_SHIFT);
    private static final DoubleVector V_E2 = broadcast(E2);
    private static final DoubleVector V_E3 = broadcast(E3);
    private static final DoubleVector V_E4 = broadcast(E4);
    private static final DoubleVector V_E5 = broadcast(E5);
    private static final DoubleVector V_E6 = broadcast(E6);
    private static final DoubleVector V_E7 = broadcast(E7);
    private static final DoubleVector V_E8 = broadcast(E8);
    private static final DoubleVector V_E9 = broadcast(E9);
    private static final DoubleVector V_E10 = broadcast(E10);
    private static final DoubleVector V_E11 = broadcast(E11);
    private static final DoubleVector V_E12 = broadcast(E12);
    private static final DoubleVector V_E13 = broadcast(E13);
    private static final DoubleVector V_L1 = broadcast(L1);
    private static final DoubleVector V_L2 = broadcast(L2);
    private static final DoubleVector V_L3 = broadcast(L3);
    private static final DoubleVector V_L4 = broadcast(L4);
    private static final DoubleVector V_L5 = broadcast(L5);
    private static final DoubleVector V_L6 = broadcast(L6);
    private static final DoubleVector V_L7 = broadcast(L7);
    private static final DoubleVector V_L8 = broadcast(L8);
    private static final DoubleVector V_L9 = broadcast(L9);
    private static final DoubleVector V_L10 = broadcast(L10);

    private VectorMath() {
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(PanamaConstants.SPECIES, value);
    }

    private static LongVector broadcastLong(long value) {
        return PanamaConstants.SPECIES.zero().reinterpretAsLongs().broadcast(value);
    }

    // ---- exp
    //
    // The vector versions are written out in one method body each, with constants as static
    // final vectors: C2 parses every Vector API call into hundreds of nodes before intrinsifying
    // it, and past its node-count cutoff (18 000) it stops inlining calls to non-JDK methods, so
    // helper calls there would not be inlined and every vector crossing them would be boxed.

    /** e^x lane-wise. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(V_EXP_LOW).min(V_EXP_HIGH);
        DoubleVector kd = xc.fma(V_INV_LN2, V_SHIFTER);
        LongVector n = kd.reinterpretAsLongs().sub(V_SHIFTER_BITS);
        DoubleVector nd = kd.sub(V_SHIFTER).neg();
        DoubleVector r = nd.fma(V_LN2_LO, nd.fma(V_LN2_HI, xc));
        DoubleVector q = r.fma(V_E13, V_E12).fma(r, V_E11).fma(r, V_E10).fma(r, V_E9).fma(r, V_E8).fma(r, V_E7)
                .fma(r, V_E6).fma(r, V_E5).fma(r, V_E4).fma(r, V_E3).fma(r, V_E2);
        DoubleVector y = r.mul(r).fma(q, r).add(V_ONE);
        // y·2ⁿ in two exact steps, see scaleScalar
        LongVector half = n.lanewise(VectorOperators.ASHR, 1);
        DoubleVector s1 = half.add(V_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = n.sub(half).add(V_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return y.mul(s1).mul(s2);
    }

    /** e^x, the same operations as {@link #exp(DoubleVector)}. */
    static double expScalar(double x) {
        double xc = Math.min(Math.max(x, EXP_LOW), EXP_HIGH);
        double kd = Math.fma(xc, INV_LN2, SHIFTER);
        long n = Double.doubleToRawLongBits(kd) - SHIFTER_BITS;
        double nd = -(kd - SHIFTER);
        double r = Math.fma(nd, LN2_LO, Math.fma(nd, LN2_HI, xc));
        return scaleScalar(expm1Polynomial(r) + 1.0, n);
    }

    // ---- expm1

    /** e^x − 1 lane-wise, accurate near 0. */
    static DoubleVector expm1(DoubleVector x) {
        DoubleVector xc = x.max(V_EXPM1_LOW).min(V_EXP_HIGH);
        DoubleVector kd = xc.fma(V_INV_LN2, V_SHIFTER);
        LongVector n = kd.reinterpretAsLongs().sub(V_SHIFTER_BITS);
        DoubleVector nd = kd.sub(V_SHIFTER).neg();
        DoubleVector r = nd.fma(V_LN2_LO, nd.fma(V_LN2_HI, xc));
        // e^x − 1 = 2ⁿ·(expm1(r) + 1 − 2⁻ⁿ), where 1 − 2⁻ⁿ is exact for the n that matter (0 when n = 0)
        DoubleVector oneMinus = V_BIAS.sub(n.min(V_EXPM1_MAX_SHIFT)).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles().neg().add(V_ONE);
        // (1 − 2⁻ⁿ) + r exactly as sum + error (Fast2Sum: |1 − 2⁻ⁿ| ≥ |r| or 1 − 2⁻ⁿ = 0), then the r² terms
        DoubleVector sum = oneMinus.add(r);
        DoubleVector error = r.sub(sum.sub(oneMinus));
        DoubleVector q = r.fma(V_E13, V_E12).fma(r, V_E11).fma(r, V_E10).fma(r, V_E9).fma(r, V_E8).fma(r, V_E7)
                .fma(r, V_E6).fma(r, V_E5).fma(r, V_E4).fma(r, V_E3).fma(r, V_E2);
        DoubleVector y = sum.add(r.mul(r).fma(q, error));
        LongVector half = n.lanewise(VectorOperators.ASHR, 1);
        DoubleVector s1 = half.add(V_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = n.sub(half).add(V_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return y.mul(s1).mul(s2).blend(x, x.abs().lt(V_TINY));
    }

    /** e^x − 1, the same operations as {@link #expm1(DoubleVector)}. */
    static double expm1Scalar(double x) {
        double xc = Math.min(Math.max(x, EXPM1_LOW), EXP_HIGH);
        double kd = Math.fma(xc, INV_LN2, SHIFTER);
        long n = Double.doubleToRawLongBits(kd) - SHIFTER_BITS;
        double nd = -(kd - SHIFTER);
        double r = Math.fma(nd, LN2_LO, Math.fma(nd, LN2_HI, xc));
        double oneMinus = -powerOfTwoScalar(-Math.min(n, EXPM1_MAX_SHIFT)) + 1.0;
        double sum = oneMinus + r;
        double error = r - (sum - oneMinus);
        double result = scaleScalar(sum + Math.fma(r * r, expQuotient(r), error), n);
        return Math.abs(x) < TINY ? x : result;
    }

    private static double expm1Polynomial(double r) {
        return Math.fma(r * r, expQuotient(r), r);
    }

    /** (e^r − 1 − r)/r² = 1/2! + r/3! + … + r¹¹/13!, Taylor, truncation below 2⁻⁵⁷ relative for |r| ≤ ln2/2. */
    private static double expQuotient(double r) {
        double q = Math.fma(r, E13, E12);
        q = Math.fma(q, r, E11);
        q = Math.fma(q, r, E10);
        q = Math.fma(q, r, E9);
        q = Math.fma(q, r, E8);
        q = Math.fma(q, r, E7);
        q = Math.fma(q, r, E6);
        q = Math.fma(q, r, E5);
        q = Math.fma(q, r, E4);
        q = Math.fma(q, r, E3);
        return Math.fma(q, r, E2);
    }

    /**
     * y·2ⁿ for −1100 &lt; n &lt; 1100 as (y·2^⌊n/2⌋)·2^(n−⌊n/2⌋): both factors are normal, the
     * first product is exact, so the result rounds once even when it is subnormal, and
     * overflows to ∞ exactly when y·2ⁿ does.
     */
    private static double scaleScalar(double y, long n) {
        long half = n >> 1;
        return y * powerOfTwoScalar(half) * powerOfTwoScalar(n - half);
    }

    /** 2ⁿ for −1022 ≤ n ≤ 1023, from its exponent bits. */
    private static double powerOfTwoScalar(long n) {
        return Double.longBitsToDouble((n + EXPONENT_BIAS) << 52);
    }

    // ---- log1p

    /** log(1 + x) lane-wise, accurate near 0. */
    static DoubleVector log1p(DoubleVector x) {
        // log1pFinite is a method of its own to stay below C2's FreqInlineSize (325 bytecodes);
        // everything after it is Vector API calls, which C2 inlines past its node-count cutoff
        DoubleVector result = log1pFinite(x);
        // tiny (±0, subnormals), +∞ and NaN return x; the comparisons are false for NaN
        VectorMask<Double> regular = x.abs().compare(VectorOperators.GE, V_TINY).and(x.lt(V_INFINITY));
        return result.blend(x, regular.not())
                .blend(V_INFINITY.neg(), x.eq(V_ONE.neg()))
                .blend(V_NAN, x.lt(V_ONE.neg()));
    }

    /**
     * log(1 + x) lane-wise for finite x &gt; −1 and NaN, except that −0 gives +0: what
     * {@link #log1p} computes before fixing the special cases. For arguments known to be in
     * range (softplus's log1p(e^−|z|)), so that a kernel that also inlines an exp stays below C2's
     * node-count cutoff for inlining.
     */
    static DoubleVector log1pFinite(DoubleVector x) {
        DoubleVector u = x.add(V_ONE);
        // the rounding error of 1 + x, exactly (TwoSum)
        DoubleVector xPart = u.sub(V_ONE);
        DoubleVector onePart = u.sub(xPart);
        DoubleVector error = onePart.neg().add(V_ONE).add(x.sub(xPart));
        // u = 2ᵏ·m with m in [√½, √2); u ≥ 2⁻⁵³ is normal for every x > −1
        LongVector bits = u.reinterpretAsLongs();
        LongVector k = bits.sub(V_SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 52);
        DoubleVector f = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles().sub(V_ONE);
        DoubleVector kd = k.add(V_SHIFTER_BITS).reinterpretAsDoubles().sub(V_SHIFTER);
        DoubleVector correction = error.div(u);
        DoubleVector s = f.div(f.add(V_TWO));
        DoubleVector z = s.mul(s);
        DoubleVector p = z.fma(V_L10, V_L9).fma(z, V_L8).fma(z, V_L7).fma(z, V_L6).fma(z, V_L5).fma(z, V_L4)
                .fma(z, V_L3).fma(z, V_L2).fma(z, V_L1);
        DoubleVector series = z.mul(p);
        DoubleVector halfSquare = f.mul(f).mul(V_HALF);
        // fdlibm: k·ln2_hi − ((hfsq − (s·(hfsq + R) + (k·ln2_lo + c))) − f)
        DoubleVector small = kd.fma(V_LN2_LO_LOG, correction).add(s.mul(halfSquare.add(series)));
        return kd.mul(V_LN2_HI_LOG).sub(halfSquare.sub(small).sub(f));
    }

    /** log(1 + x), the same operations as {@link #log1p(DoubleVector)}. */
    static double log1pScalar(double x) {
        double result = log1pFiniteScalar(x);
        if (!(Math.abs(x) >= TINY && x < Double.POSITIVE_INFINITY)) {
            result = x;
        }
        if (x == -1.0) {
            result = Double.NEGATIVE_INFINITY;
        }
        return x < -1.0 ? Double.NaN : result;
    }

    /** The same operations as {@link #log1pFinite(DoubleVector)}. */
    static double log1pFiniteScalar(double x) {
        double u = x + 1.0;
        double xPart = u - 1.0;
        double onePart = u - xPart;
        double error = (-onePart + 1.0) + (x - xPart);
        long bits = Double.doubleToRawLongBits(u);
        long k = (bits - SQRT_HALF_BITS) >> 52;
        double f = Double.longBitsToDouble(bits - (k << 52)) - 1.0;
        double kd = Double.longBitsToDouble(k + SHIFTER_BITS) - SHIFTER;
        double correction = error / u;
        double s = f / (f + 2.0);
        double z = s * s;
        double p = Math.fma(z, L10, L9);
        p = Math.fma(p, z, L8);
        p = Math.fma(p, z, L7);
        p = Math.fma(p, z, L6);
        p = Math.fma(p, z, L5);
        p = Math.fma(p, z, L4);
        p = Math.fma(p, z, L3);
        p = Math.fma(p, z, L2);
        p = Math.fma(p, z, L1);
        double series = z * p;
        double halfSquare = f * f * 0.5;
        double small = Math.fma(kd, LN2_LO_LOG, correction) + s * (halfSquare + series);
        return kd * LN2_HI_LOG - ((halfSquare - small) - f);
    }

    // ---- sigmoid

    /**
     * 1/(1 + e^−z) lane-wise, with e = e^−|z| ≤ 1 (never overflows): 1/(1+e) where z ≥ 0 and
     * e/(1+e) where z &lt; 0, chosen by a mask so that one division serves both.
     */
    static DoubleVector sigmoid(DoubleVector z) {
        DoubleVector e = exp(z.abs().neg());
        return V_ONE.blend(e, z.lt(V_ZERO)).div(e.add(V_ONE));
    }

    /** 1/(1 + e^−z), the same operations as {@link #sigmoid(DoubleVector)}. */
    static double sigmoidScalar(double z) {
        double e = expScalar(-Math.abs(z));
        return (z < 0 ? e : 1.0) / (e + 1.0);
    }

    // ---- tanh

    /**
     * Largest |x| for which {@link #tanhSmall} is exact to rounding: the first Taylor term it
     * drops, 1382/155925·x¹¹, is below 2⁻⁵⁶·|x| there (the series alternates, so the truncation
     * error is at most that term).
     */
    static final double TANH_SERIES_LIMIT = 0x1p-5;

    // tanh's Taylor coefficients: x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835
    private static final double T3 = -1.0 / 3;
    private static final double T5 = 2.0 / 15;
    private static final double T7 = -17.0 / 315;
    private static final double T9 = 62.0 / 2835;
    private static final DoubleVector V_T3 = broadcast(T3);
    private static final DoubleVector V_T5 = broadcast(T5);
    private static final DoubleVector V_T7 = broadcast(T7);
    private static final DoubleVector V_T9 = broadcast(T9);

    /**
     * tanh x lane-wise for |x| ≤ {@link #TANH_SERIES_LIMIT}: x + x·(x²·P(x²)), the degree-9 Taylor
     * polynomial, with no exponential and no division. The correction x²·P(x²) is below 2⁻¹⁰, so
     * its own rounding errors nearly vanish in the final fma and the result is within an ulp of
     * tanh x (TanhSmallTest). Odd in x bit for bit, like {@link #tanh}. Lanes beyond the limit are not tanh.
     */
    static DoubleVector tanhSmall(DoubleVector x) {
        // on |x| with x's sign put back, as in tanh: x + x·(x²·P) alone would turn −0 into +0
        DoubleVector a = x.abs();
        DoubleVector x2 = a.mul(a);
        DoubleVector p = x2.fma(V_T9, V_T7).fma(x2, V_T5).fma(x2, V_T3);
        return a.fma(x2.mul(p), a).reinterpretAsLongs()
                .or(x.reinterpretAsLongs().and(V_SIGN_BIT))
                .reinterpretAsDoubles();
    }

    /** {@link #tanhSmall(DoubleVector)}'s operations on one lane. */
    static double tanhSmallScalar(double x) {
        double a = Math.abs(x);
        double x2 = a * a;
        double p = Math.fma(Math.fma(Math.fma(x2, T9, T7), x2, T5), x2, T3);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(Math.fma(a, x2 * p, a))
                | (Double.doubleToRawLongBits(x) & SIGN_BIT));
    }

    /** tanh x lane-wise: sign(x)·(−e)/(2 + e) with e = expm1(−2|x|), which saturates to ±1 by itself. */
    static DoubleVector tanh(DoubleVector x) {
        DoubleVector e = expm1(x.abs().mul(V_TWO.neg()));
        // −e/(2 + e) with 2 + e = d + dError exactly (Fast2Sum) and one correction step using the
        // exact remainder of the division: the quotient then adds well under an ulp to e's error
        DoubleVector d = e.add(V_TWO);
        DoubleVector dError = d.neg().add(V_TWO).add(e);
        DoubleVector q = e.neg().div(d);
        DoubleVector remainder = q.neg().fma(d, e.neg());
        DoubleVector magnitude = q.add(q.neg().fma(dError, remainder).div(d));
        return magnitude.reinterpretAsLongs()
                .or(x.reinterpretAsLongs().and(V_SIGN_BIT))
                .reinterpretAsDoubles();
    }

    /** tanh x, the same operations as {@link #tanh(DoubleVector)}. */
    static double tanhScalar(double x) {
        double e = expm1Scalar(Math.abs(x) * -2.0);
        double d = e + 2.0;
        double dError = (-d + 2.0) + e;
        double q = -e / d;
        double remainder = Math.fma(-q, d, -e);
        double magnitude = q + Math.fma(-q, dError, remainder) / d;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(magnitude)
                | (Double.doubleToRawLongBits(x) & SIGN_BIT));
    }
}
