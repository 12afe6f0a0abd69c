package dev.numgrad.kernel;

import static dev.numgrad.kernel.KernelAssertions.ACTIVATION_ULPS;

/** The element-wise kernels, each with its per-element tolerance in ulps. */
enum Activation {
    TANH(ACTIVATION_ULPS) {
        @Override
        void apply(KernelSupport kernels, double[] in, double[] out, int from, int to) {
            kernels.tanh(in, out, from, to);
        }
    },
    SOFTPLUS(ACTIVATION_ULPS) {
        @Override
        void apply(KernelSupport kernels, double[] in, double[] out, int from, int to) {
            kernels.softplus(in, out, from, to);
        }
    },
    SIGMOID(ACTIVATION_ULPS) {
        @Override
        void apply(KernelSupport kernels, double[] in, double[] out, int from, int to) {
            kernels.sigmoid(in, out, from, to);
        }
    },
    RELU(0) {
        @Override
        void apply(KernelSupport kernels, double[] in, double[] out, int from, int to) {
            kernels.relu(in, out, from, to);
        }
    };

    final double ulps;

    Activation(double ulps) {
        this.ulps = ulps;
    }

    abstract void apply(KernelSupport kernels, double[] in, double[] out, int from, int to);
}
