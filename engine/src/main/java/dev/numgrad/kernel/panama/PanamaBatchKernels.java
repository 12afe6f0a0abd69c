package dev.numgrad.kernel.panama;

import dev.numgrad.kernel.SmallLog1p;
import dev.numgrad.kernel.TanhDifference;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The batch kernels of delta evaluation on the Vector API; {@link PanamaKernelSupport} checks
 * the ranges of its {@code tanhDifference}, {@code addExpm1Scaled}, {@code sumLog1p} and
 * {@code powerSeries} and delegates here. Contracts and the accuracy reasoning are on {@link dev.numgrad.kernel.KernelSupport}; the
 * scalar reference is {@link dev.numgrad.kernel.ScalarKernelSupport}.
 *
 * <p>These loops run over a mini-batch (32 samples in the standard workloads: four AVX-512
 * vectors) and are dominated by one transcendental per element ({@link VectorMath} tanh, expm1,
 * log1p), so they are element-wise with a scalar tail that repeats a lane's operations with
 * {@link VectorMath}'s scalar versions: every element gets the same bits wherever the tail
 * starts, and in every JIT tier. Only {@link #sumLog1p} reduces, with one accumulator and a
 * fixed-order lane sum ({@link Lanes#sum}). The scalar reference uses {@link Math}, so results
 * agree with it to a few ulps, not bitwise; {@link #powerSeries} is the same fma chain in both
 * and agrees bitwise.
 */
final class PanamaBatchKernels {

    private static final VectorSpecies<Double> SPECIES = PanamaConstants.SPECIES;

    private static final double LN2 = Math.log(2.0);

    // SmallLog1p's coefficients as vectors, for the polynomial written out in the sumLog1p loops
    private static final DoubleVector V_ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final DoubleVector V_C2 = DoubleVector.broadcast(SPECIES, SmallLog1p.C2);
    private static final DoubleVector V_C3 = DoubleVector.broadcast(SPECIES, SmallLog1p.C3);
    private static final DoubleVector V_C4 = DoubleVector.broadcast(SPECIES, SmallLog1p.C4);
    private static final DoubleVector V_C5 = DoubleVector.broadcast(SPECIES, SmallLog1p.C5);
    private static final DoubleVector V_C6 = DoubleVector.broadcast(SPECIES, SmallLog1p.C6);
    private static final DoubleVector V_C7 = DoubleVector.broadcast(SPECIES, SmallLog1p.C7);
    private static final DoubleVector V_C8 = DoubleVector.broadcast(SPECIES, SmallLog1p.C8);

    private PanamaBatchKernels() {
    }

    /** See {@link dev.numgrad.kernel.KernelSupport#tanhDifference}. */
    static void tanhDifference(double[] z, double[] tanhZ, double[] sech2Z, int offset, double alpha,
                                      double[] v, int vOffset, double[] out, int outOffset, int length) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int bound = SPECIES.loopBound(length);
        int k = 0;
        for (; k < bound; k += SPECIES.length()) {
            DoubleVector dz = DoubleVector.fromArray(SPECIES, v, vOffset + k).mul(alpha);
            DoubleVector t = DoubleVector.fromArray(SPECIES, tanhZ, offset + k);
            // the step's tanh by its Taylor polynomial where that is exact to rounding (every lane,
            // for delta evaluation's steps): no exponential and no division
            DoubleVector u = VectorMath.tanhSmall(dz);
            VectorMask<Double> large = dz.abs().compare(VectorOperators.GT, VectorMath.TANH_SERIES_LIMIT);
            if (large.anyTrue()) {
                u = u.blend(VectorMath.tanh(dz), large);
            }
            DoubleVector denominator = t.fma(u, one);
            DoubleVector change = u.mul(DoubleVector.fromArray(SPECIES, sech2Z, offset + k)).div(denominator);
            change.intoArray(out, outOffset + k);
            // NaN lanes fail the comparison and are NaN already
            if (denominator.lt(TanhDifference.SATURATED).anyTrue()) {
                // rare: z and dz both large with opposite signs; see TanhDifference
                overwriteSaturated(z, tanhZ, offset + k, alpha, v, vOffset + k, out, outOffset + k);
            }
        }
        // scalar tail
        for (; k < length; k++) {
            out[outOffset + k] = tanhDifference(z[offset + k], tanhZ[offset + k], sech2Z[offset + k], alpha * v[vOffset + k]);
        }
    }

    /**
     * Replaces the saturated elements of one vector's worth of output by the log-domain form,
     * element by element with the scalar tail's operations (the same bits). Scalar and out of
     * line on purpose: four exps and three log1ps inlined into the vector loop would push C2 past
     * its node-count cutoff for inlining, and the rest of the loop would then box its vectors.
     */
    private static void overwriteSaturated(double[] z, double[] tanhZ, int offset, double alpha, double[] v, int vOffset,
                                           double[] out, int outOffset) {
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            double dz = alpha * v[vOffset + lane];
            double denominator = Math.fma(tanhZ[offset + lane], tanhOfStep(dz), 1.0);
            if (denominator < TanhDifference.SATURATED) {
                out[outOffset + lane] = saturatedChange(z[offset + lane], dz);
            }
        }
    }

    /**
     * {@link TanhDifference#of} with the operations of a vector lane, for the scalar tail: an
     * element gets the same bits wherever the tail starts.
     */
    private static double tanhDifference(double z, double tanhZ, double sech2Z, double dz) {
        double u = tanhOfStep(dz);
        double denominator = Math.fma(tanhZ, u, 1.0);
        if (denominator >= TanhDifference.SATURATED || Double.isNaN(denominator)) {
            return u * sech2Z / denominator;
        }
        return saturatedChange(z, dz);
    }

    /** tanh dz with the choice and the operations of one lane of {@link #tanhDifference}'s vector loop. */
    private static double tanhOfStep(double dz) {
        return Math.abs(dz) > VectorMath.TANH_SERIES_LIMIT ? VectorMath.tanhScalar(dz) : VectorMath.tanhSmallScalar(dz);
    }

    /** {@link TanhDifference#saturated}: sinh(dz)/(cosh z·cosh(z + dz)) in the log domain, with VectorMath. */
    private static double saturatedChange(double z, double dz) {
        double absDz = Math.abs(dz);
        double absZ = Math.abs(z);
        double absShifted = Math.abs(z + dz);
        double logMagnitude = absDz - absZ - absShifted + LN2
                + VectorMath.log1pFiniteScalar(-VectorMath.expScalar(absDz * -2.0))
                - VectorMath.log1pFiniteScalar(VectorMath.expScalar(absZ * -2.0))
                - VectorMath.log1pFiniteScalar(VectorMath.expScalar(absShifted * -2.0));
        double magnitude = VectorMath.expScalar(logMagnitude);
        return dz < 0.0 ? -magnitude : magnitude;
    }

    /** See {@link dev.numgrad.kernel.KernelSupport#addExpm1Scaled}. */
    static void addExpm1Scaled(double[] p, int pOffset, double alpha, double[] v, int vOffset,
                                      double[] out, int outOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int k = 0;
        for (; k < bound; k += SPECIES.length()) {
            DoubleVector growth = VectorMath.expm1(DoubleVector.fromArray(SPECIES, v, vOffset + k).mul(alpha));
            DoubleVector.fromArray(SPECIES, p, pOffset + k)
                    .fma(growth, DoubleVector.fromArray(SPECIES, out, outOffset + k))
                    .intoArray(out, outOffset + k);
        }
        // scalar tail
        for (; k < length; k++) {
            out[outOffset + k] = Math.fma(p[pOffset + k], VectorMath.expm1Scalar(v[vOffset + k] * alpha), out[outOffset + k]);
        }
    }

    /**
     * See {@link dev.numgrad.kernel.KernelSupport#sumLog1p}. Defined by {@link #sumLog1pGeneral};
     * this fast path handles the usual case of delta evaluation, every argument within
     * {@link SmallLog1p#LIMIT}, with the polynomial alone and hands over to the general loop at
     * the first argument beyond it. Both add the same terms in the same order, so the hand-over
     * does not change a bit; it keeps the general log1p, hundreds of C2 nodes per vector
     * operation, out of this loop, which C2 can then compile with every vector in registers.
     */
    static double sumLog1p(double[] a, int from, int to) {
        int length = to - from;
        int bound = SPECIES.loopBound(length);
        int k = 0;
        double sum = 0;
        if (bound > 0) {
            // one accumulator: its add latency hides behind the polynomial of the next iteration
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (; k < bound; k += SPECIES.length()) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, a, from + k);
                // NaN lanes fail the comparison and stay NaN through the polynomial
                if (v.abs().compare(VectorOperators.GT, SmallLog1p.LIMIT).anyTrue()) {
                    return sumLog1pGeneral(a, from, to);
                }
                // smallLog1p and Lanes.sum written out: C2 reaches its inlining cutoff in this loop
                DoubleVector p = v.fma(V_C8, V_C7).fma(v, V_C6).fma(v, V_C5).fma(v, V_C4).fma(v, V_C3).fma(v, V_C2)
                        .fma(v, V_ONE);
                acc = acc.add(v.mul(p));
            }
            // reduce, in lane order like Lanes.sum
            sum = acc.lane(0);
            for (int lane = 1; lane < SPECIES.length(); lane++) {
                sum += acc.lane(lane);
            }
        }
        // scalar tail
        for (; k < length; k++) {
            double ak = a[from + k];
            if (Math.abs(ak) > SmallLog1p.LIMIT) {
                return sumLog1pGeneral(a, from, to);
            }
            sum += SmallLog1p.of(ak);
        }
        return sum;
    }

    /** Σ log1p: the polynomial where it is exact, {@link VectorMath#log1p} beyond, lane by lane. */
    private static double sumLog1pGeneral(double[] a, int from, int to) {
        int length = to - from;
        int bound = SPECIES.loopBound(length);
        int k = 0;
        double sum = 0;
        if (bound > 0) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (; k < bound; k += SPECIES.length()) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, a, from + k);
                DoubleVector p = v.fma(V_C8, V_C7).fma(v, V_C6).fma(v, V_C5).fma(v, V_C4).fma(v, V_C3).fma(v, V_C2)
                        .fma(v, V_ONE);
                DoubleVector result = v.mul(p);
                VectorMask<Double> large = v.abs().compare(VectorOperators.GT, SmallLog1p.LIMIT);
                if (large.anyTrue()) {
                    result = result.blend(VectorMath.log1p(v), large);
                }
                acc = acc.add(result);
            }
            // reduce: Lanes.sum written out, as C2 reaches its inlining cutoff here
            sum = acc.lane(0);
            for (int lane = 1; lane < SPECIES.length(); lane++) {
                sum += acc.lane(lane);
            }
        }
        // scalar tail
        for (; k < length; k++) {
            double ak = a[from + k];
            sum += Math.abs(ak) <= SmallLog1p.LIMIT ? SmallLog1p.of(ak) : VectorMath.log1pScalar(ak);
        }
        return sum;
    }

    /**
     * The first half of {@link dev.numgrad.kernel.KernelSupport#tanhSeriesDeltaPair}: Δa± =
     * {@link #tanhDifference} at ±step, written to changePlus and changeMinus with exactly that
     * kernel's operations. What the pair shares: the loads of v, tanh z and sech²z, the step's
     * tanh (odd bit for bit, so tanh(−dz) = −tanh dz) and the product u·sech²z; each sign keeps
     * its own division. Returns false where an element's step is beyond the tanh series
     * (tanhDifference's exponential branch). Its other slow branch, a saturated denominator, cannot
     * occur here: |dz| ≤ 2⁻⁵ gives |u| ≤ 2⁻⁵, so 1 ± t·u ≥ 1 − 2⁻⁵ for |t| ≤ 1, far above
     * {@link TanhDifference#SATURATED} (and a NaN fails tanhDifference's test as well). A method of its own, as
     * is {@link #crossEntropyChangePair}: in one method C2 reached its node-count cutoff and boxed two
     * vectors per iteration.
     */
    static boolean tanhDifferencePair(double[] tanhZ, double[] sech2Z, int offset, double step, double[] v,
                                      int vOffset, double[] changePlus, double[] changeMinus, int length) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int bound = SPECIES.loopBound(length);
        int k = 0;
        for (; k < bound; k += SPECIES.length()) {
            DoubleVector dz = DoubleVector.fromArray(SPECIES, v, vOffset + k).mul(step);
            if (dz.abs().compare(VectorOperators.GT, VectorMath.TANH_SERIES_LIMIT).anyTrue()) {
                return false;
            }
            DoubleVector u = VectorMath.tanhSmall(dz);
            DoubleVector t = DoubleVector.fromArray(SPECIES, tanhZ, offset + k);
            DoubleVector denominatorPlus = t.fma(u, one);
            DoubleVector denominatorMinus = t.fma(u.neg(), one);
            // (−u)·sech²z = −(u·sech²z) exactly: one product serves both signs
            DoubleVector numerator = u.mul(DoubleVector.fromArray(SPECIES, sech2Z, offset + k));
            numerator.div(denominatorPlus).intoArray(changePlus, k);
            numerator.neg().div(denominatorMinus).intoArray(changeMinus, k);
        }
        // scalar tail
        for (; k < length; k++) {
            double dz = step * v[vOffset + k];
            if (Math.abs(dz) > VectorMath.TANH_SERIES_LIMIT) {
                return false;
            }
            double u = VectorMath.tanhSmallScalar(dz);
            double denominatorPlus = Math.fma(tanhZ[offset + k], u, 1.0);
            double denominatorMinus = Math.fma(tanhZ[offset + k], -u, 1.0);
            double numerator = u * sech2Z[offset + k];
            changePlus[k] = numerator / denominatorPlus;
            changeMinus[k] = -numerator / denominatorMinus;
        }
        return true;
    }

    /**
     * The second half of {@link dev.numgrad.kernel.KernelSupport#tanhSeriesDeltaPair}, the
     * change of the batch's summed cross-entropy for each sign:
     * sums[0] = Σ log1p(powerSeries(changePlus)) − dot(labelWeight, changePlus) and sums[1] the
     * same of changeMinus, with exactly the operations and reduction orders of
     * {@link #powerSeries}, {@link #sumLog1p}'s fast path and {@code PanamaKernelSupport.dot};
     * the two Horner chains share every coefficient load. Returns false, with sums untouched,
     * where a shift is beyond the log1p polynomial (sumLog1p's general branch). The label dots are
     * here rather than in the caller so that they compile with this method: inlined into the
     * caller's larger compile, the second one met C2's node-count cutoff.
     */
    static boolean crossEntropyChangePair(double[] coefficients, int offset, int stride, int terms,
                                          double[] labelWeight, double[] changePlus, double[] changeMinus, int length,
                                          double[] sums) {
        int bound = SPECIES.loopBound(length);
        int top = offset + (terms - 1) * stride;
        int k = 0;
        double sumPlus = 0;
        double sumMinus = 0;
        if (bound > 0) {
            DoubleVector accPlus = DoubleVector.zero(SPECIES);
            DoubleVector accMinus = accPlus;
            for (; k < bound; k += SPECIES.length()) {
                DoubleVector plus = DoubleVector.fromArray(SPECIES, changePlus, k);
                DoubleVector minus = DoubleVector.fromArray(SPECIES, changeMinus, k);
                DoubleVector seriesPlus = DoubleVector.fromArray(SPECIES, coefficients, top + k);
                DoubleVector seriesMinus = seriesPlus;
                for (int n = terms - 2; n >= 0; n--) {
                    DoubleVector c = DoubleVector.fromArray(SPECIES, coefficients, offset + n * stride + k);
                    seriesPlus = seriesPlus.fma(plus, c);
                    seriesMinus = seriesMinus.fma(minus, c);
                }
                DoubleVector shiftPlus = seriesPlus.mul(plus);
                DoubleVector shiftMinus = seriesMinus.mul(minus);
                if (shiftPlus.abs().compare(VectorOperators.GT, SmallLog1p.LIMIT)
                        .or(shiftMinus.abs().compare(VectorOperators.GT, SmallLog1p.LIMIT)).anyTrue()) {
                    return false;
                }
                accPlus = accPlus.add(shiftPlus.mul(smallLog1pPolynomial(shiftPlus)));
                accMinus = accMinus.add(shiftMinus.mul(smallLog1pPolynomial(shiftMinus)));
            }
            // reduce, in lane order like Lanes.sum
            sumPlus = accPlus.lane(0);
            sumMinus = accMinus.lane(0);
            for (int lane = 1; lane < SPECIES.length(); lane++) {
                sumPlus += accPlus.lane(lane);
                sumMinus += accMinus.lane(lane);
            }
        }
        // scalar tail
        for (; k < length; k++) {
            double plus = changePlus[k];
            double minus = changeMinus[k];
            double seriesPlus = coefficients[top + k];
            double seriesMinus = seriesPlus;
            for (int n = terms - 2; n >= 0; n--) {
                double c = coefficients[offset + n * stride + k];
                seriesPlus = Math.fma(seriesPlus, plus, c);
                seriesMinus = Math.fma(seriesMinus, minus, c);
            }
            double shiftPlus = seriesPlus * plus;
            double shiftMinus = seriesMinus * minus;
            if (Math.abs(shiftPlus) > SmallLog1p.LIMIT || Math.abs(shiftMinus) > SmallLog1p.LIMIT) {
                return false;
            }
            sumPlus += SmallLog1p.of(shiftPlus);
            sumMinus += SmallLog1p.of(shiftMinus);
        }
        sums[0] = sumPlus - PanamaKernelSupport.dotUnchecked(labelWeight, offset, changePlus, 0, length);
        sums[1] = sumMinus - PanamaKernelSupport.dotUnchecked(labelWeight, offset, changeMinus, 0, length);
        return true;
    }

    /** {@link SmallLog1p#of}'s polynomial P, with log1p(a) = a·P(a), in {@link #sumLog1p}'s fmas. */
    private static DoubleVector smallLog1pPolynomial(DoubleVector a) {
        return a.fma(V_C8, V_C7).fma(a, V_C6).fma(a, V_C5).fma(a, V_C4).fma(a, V_C3).fma(a, V_C2).fma(a, V_ONE);
    }

    /** See {@link dev.numgrad.kernel.KernelSupport#powerSeries}. */
    static void powerSeries(double[] coefficients, int offset, int stride, int terms, double[] x, int xOffset,
                                   double[] out, int outOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int top = offset + (terms - 1) * stride;
        int k = 0;
        for (; k < bound; k += SPECIES.length()) {
            DoubleVector xv = DoubleVector.fromArray(SPECIES, x, xOffset + k);
            DoubleVector sum = DoubleVector.fromArray(SPECIES, coefficients, top + k);
            for (int n = terms - 2; n >= 0; n--) {
                sum = sum.fma(xv, DoubleVector.fromArray(SPECIES, coefficients, offset + n * stride + k));
            }
            sum.mul(xv).intoArray(out, outOffset + k);
        }
        // scalar tail
        for (; k < length; k++) {
            double xk = x[xOffset + k];
            double sum = coefficients[top + k];
            for (int n = terms - 2; n >= 0; n--) {
                sum = Math.fma(sum, xk, coefficients[offset + n * stride + k]);
            }
            out[outOffset + k] = sum * xk;
        }
    }
}
