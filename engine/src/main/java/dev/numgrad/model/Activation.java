package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.TanhDifference;

/**
 * A hidden-layer activation of an {@link Mlp}: its value, its derivative and its exact change,
 * side by side, so that the forward pass, backprop and delta evaluation read from one place.
 *
 * <p>The change {@code act(z + dz) − act(z)} is what delta evaluation needs per sample. Computing
 * it as the difference of two activations loses everything below the rounding of act(z): for
 * dz = 1e-6 and tanh, about 1e-10 relative error. Each constant here computes it without that
 * cancellation:
 * <ul>
 *   <li>tanh: {@link TanhDifference}, tanh(z+dz) − tanh z = u·sech²z / (1 + tanh z·u) with
 *       u = tanh dz, and a log-domain form where the denominator cancels;
 *   <li>sigmoid: σ(x) = (1 + tanh(x/2))/2 makes it half the tanh change at z/2, with
 *       tanh(z/2) = 2σ(z) − 1 and sech²(z/2) = 4σ'(z);
 *   <li>ReLU: dz itself where z and z+dz are both positive, 0 where both are not, else the plain
 *       difference (which is then exact).
 * </ul>
 */
public enum Activation {

    /** tanh(z), computed through the kernels; its difference by {@link dev.numgrad.kernel.TanhDifference}. */
    TANH {
        @Override
        public void apply(KernelSupport kernels, double[] z, double[] a, int from, int to) {
            kernels.tanh(z, a, from, to);
        }

        @Override
        public double derivative(double z) {
            return TanhDifference.sech2(z);
        }

        @Override
        public double difference(double z, double a, double derivative, double dz) {
            return TanhDifference.of(z, a, derivative, dz);
        }

        @Override
        public void difference(KernelSupport kernels, double[] z, double[] a, double[] derivative, int offset,
                               double alpha, double[] v, int vOffset, double[] out, int outOffset, int length) {
            kernels.tanhDifference(z, a, derivative, offset, alpha, v, vOffset, out, outOffset, length);
        }
    },

    /** max(z, 0); its derivative at 0 is taken as 0. */
    RELU {
        @Override
        public void apply(KernelSupport kernels, double[] z, double[] a, int from, int to) {
            kernels.relu(z, a, from, to);
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : 0.0;
        }

        @Override
        public double difference(double z, double a, double derivative, double dz) {
            double shifted = z + dz;
            if (z > 0 && shifted > 0) {
                return dz;
            }
            if (z <= 0 && shifted <= 0) {
                return 0.0;
            }
            return Math.max(shifted, 0.0) - Math.max(z, 0.0); // crosses the kink: no cancellation
        }
    },

    /** 1 / (1 + e^−z), without overflow. */
    SIGMOID {
        @Override
        public void apply(KernelSupport kernels, double[] z, double[] a, int from, int to) {
            kernels.sigmoid(z, a, from, to);
        }

        @Override
        public double derivative(double z) {
            // σ(1−σ) = e/(1+e)² with e = exp(−|z|): accurate where σ rounds to 1.
            double e = Math.exp(-Math.abs(z));
            double onePlus = 1.0 + e;
            return e / (onePlus * onePlus);
        }

        @Override
        public double difference(double z, double a, double derivative, double dz) {
            // σ(x) = (1 + tanh(x/2))/2, tanh(z/2) = 2σ(z) − 1, sech²(z/2) = 4σ'(z)
            return 0.5 * TanhDifference.of(0.5 * z, Math.fma(2.0, a, -1.0), 4.0 * derivative, 0.5 * dz);
        }
    };

    /**
     * a[k] = act(z[k]) for k in [from, to), through the kernels.
     *
     * @param z pre-activations. Not modified (unless it is a).
     * @param a activations. Modified in [from, to); may be z.
     * @param kernels the arithmetic
     * @param from the first element
     * @param to one past the last element
     */
    public abstract void apply(KernelSupport kernels, double[] z, double[] a, int from, int to);

    /**
     * act'(z), computed from z so that it stays accurate where act(z) saturates.
     *
     * @param z the pre-activation
     * @return act'(z)
     */
    public abstract double derivative(double z);

    /**
     * act(z + dz) − act(z) without cancellation (see the class comment).
     *
     * @param z the pre-activation
     * @param a act(z), as cached
     * @param derivative {@link #derivative(double) act'(z)}, as cached
     * @param dz the change of the pre-activation
     * @return act(z + dz) − act(z)
     */
    public abstract double difference(double z, double a, double derivative, double dz);

    /**
     * The batch form of {@link #difference(double, double, double, double)}: for k in [0, length),
     * out[outOffset+k] = act(z[offset+k] + alpha·v[vOffset+k]) − act(z[offset+k]), with
     * a = act(z) and derivative = act'(z) cached at the same offsets. tanh runs on the kernels;
     * the others are a plain loop over the scalar rule.
     *
     * @param z pre-activations. Not modified.
     * @param a activations act(z). Not modified.
     * @param derivative act'(z). Not modified.
     * @param kernels the arithmetic
     * @param offset the first element of z, a and derivative
     * @param alpha the scale of the direction
     * @param v direction of the change. Not modified.
     * @param vOffset the first element of v
     * @param out the changes. Modified in [outOffset, outOffset + length).
     * @param outOffset the first element of out
     * @param length the number of elements
     */
    public void difference(KernelSupport kernels, double[] z, double[] a, double[] derivative, int offset,
                           double alpha, double[] v, int vOffset, double[] out, int outOffset, int length) {
        for (int k = 0; k < length; k++) {
            out[outOffset + k] = difference(z[offset + k], a[offset + k], derivative[offset + k], alpha * v[vOffset + k]);
        }
    }
}
