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
            DoubleVector u = VectorMath.tanh(dz);
            DoubleVector denominator = t.fma(u, one);
            DoubleVector change = u.mul(DoubleVector.fromArray(SPECIES, sech2Z, offset + k)).div(denominator);
            // NaN lanes fail the comparison and are NaN already
            VectorMask<Double> saturated = denominator.lt(TanhDifference.SATURATED);
            if (saturated.anyTrue()) {
                // rare: z and dz both large with opposite signs; see TanhDifference
                change = change.blend(saturatedChange(DoubleVector.fromArray(SPECIES, z, offset + k), dz), saturated);
            }
            change.intoArray(out, outOffset + k);
        }
        // scalar tail
        for (; k < length; k++) {
            out[outOffset + k] = tanhDifference(z[offset + k], tanhZ[offset + k], sech2Z[offset + k], alpha * v[vOffset + k]);
        }
    }

    /** {@link TanhDifference#saturated} lane-wise: sinh(dz)/(cosh z·cosh(z + dz)) in the log domain. */
    private static DoubleVector saturatedChange(DoubleVector z, DoubleVector dz) {
        DoubleVector absDz = dz.abs();
        DoubleVector absZ = z.abs();
        DoubleVector absShifted = z.add(dz).abs();
        DoubleVector logMagnitude = absDz.sub(absZ).sub(absShifted).add(LN2)
                .add(VectorMath.log1pFinite(VectorMath.exp(absDz.mul(-2.0)).neg()))
                .sub(VectorMath.log1pFinite(VectorMath.exp(absZ.mul(-2.0))))
                .sub(VectorMath.log1pFinite(VectorMath.exp(absShifted.mul(-2.0))));
        DoubleVector magnitude = VectorMath.exp(logMagnitude);
        return magnitude.blend(magnitude.neg(), dz.lt(0.0));
    }

    /**
     * {@link TanhDifference#of} with the operations of a vector lane, for the scalar tail: an
     * element gets the same bits wherever the tail starts.
     */
    private static double tanhDifference(double z, double tanhZ, double sech2Z, double dz) {
        double u = VectorMath.tanhScalar(dz);
        double denominator = Math.fma(tanhZ, u, 1.0);
        if (denominator >= TanhDifference.SATURATED || Double.isNaN(denominator)) {
            return u * sech2Z / denominator;
        }
        return saturatedChange(z, dz);
    }

    /** {@link #saturatedChange(DoubleVector, DoubleVector)} for one element. */
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

    /** See {@link dev.numgrad.kernel.KernelSupport#sumLog1p}. */
    static double sumLog1p(double[] a, int from, int to) {
        int length = to - from;
        int bound = SPECIES.loopBound(length);
        int k = 0;
        double sum = 0;
        if (bound > 0) {
            // One call site of log1p, so that C2 inlines its general branch (a big one) once and
            // stays below its node-count cutoff; one accumulator, whose add latency hides behind
            // the polynomial of the next iteration.
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (; k < bound; k += SPECIES.length()) {
                acc = acc.add(log1p(DoubleVector.fromArray(SPECIES, a, from + k)));
            }
            // reduce
            sum = Lanes.sum(acc);
        }
        // scalar tail
        for (; k < length; k++) {
            double ak = a[from + k];
            sum += Math.abs(ak) <= SmallLog1p.LIMIT ? SmallLog1p.of(ak) : VectorMath.log1pScalar(ak);
        }
        return sum;
    }

    /** {@link SmallLog1p#of} lane-wise, with {@link VectorMath#log1p} only for lanes beyond its limit. */
    private static DoubleVector log1p(DoubleVector a) {
        DoubleVector p = a.fma(SmallLog1p.C8, SmallLog1p.C7);
        p = p.fma(a, broadcast(SmallLog1p.C6));
        p = p.fma(a, broadcast(SmallLog1p.C5));
        p = p.fma(a, broadcast(SmallLog1p.C4));
        p = p.fma(a, broadcast(SmallLog1p.C3));
        p = p.fma(a, broadcast(SmallLog1p.C2));
        p = p.fma(a, broadcast(1.0));
        DoubleVector result = a.mul(p);
        // NaN lanes fail the comparison and stay NaN through the polynomial
        VectorMask<Double> large = a.abs().compare(VectorOperators.GT, SmallLog1p.LIMIT);
        if (large.anyTrue()) {
            result = result.blend(VectorMath.log1p(a), large);
        }
        return result;
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(SPECIES, value);
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
