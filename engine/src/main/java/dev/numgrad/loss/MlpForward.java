package dev.numgrad.loss;

import dev.numgrad.kernel.KernelSupport;

/**
 * One sample's forward pass with its scratch: the pre-activations and activations of every layer
 * and the log-sum-exp of the logits, left in place for backprop and the delta cache to read.
 */
final class MlpForward {

    private final Mlp mlp;
    private final KernelSupport kernels;
    private final int[] widths;
    private final int[] weightOffsets;
    private final int layers;
    /** z[l]: pre-activations of layer l; z[L − 1] are the logits. */
    final double[][] z;
    /** a[l]: activations of hidden layer l, the input of layer l + 1. */
    final double[][] a;
    /** log Σ_c exp(logit_c) of the last sample. */
    double logSumExp;

    MlpForward(Mlp mlp) {
        this.mlp = mlp;
        this.kernels = mlp.kernels();
        this.widths = mlp.widths();
        this.weightOffsets = mlp.weightOffsets();
        this.layers = mlp.layerCount();
        this.z = new double[layers][];
        this.a = new double[layers - 1][];
        for (int l = 0; l < layers; l++) {
            z[l] = new double[widths[l + 1]];
            if (l < layers - 1) {
                a[l] = new double[widths[l + 1]];
            }
        }
    }

    /** Doubles this forward pass allocates for a network of these widths (input first). */
    static long scratchElements(int[] widths) {
        long elements = 0;
        for (int l = 1; l < widths.length; l++) {
            elements += l < widths.length - 1 ? 2L * widths[l] : widths[l];
        }
        return elements;
    }

    /**
     * @param theta parameters. Not modified.
     * @return the cross-entropy of sample s
     */
    double sampleLoss(double[] theta, int s) {
        double[] input = mlp.inputRows();
        int inputOffset = s * widths[0];
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            // dense: z = W·input + b
            kernels.gemv(theta, weightOffsets[l], out, in, input, inputOffset, z[l], 0);
            kernels.axpy(1.0, theta, weightOffsets[l] + out * in, z[l], 0, out);
            if (l < layers - 1) {
                // activation: a = act(z)
                mlp.activation(l).apply(kernels, z[l], a[l], 0, out);
                input = a[l];
                inputOffset = 0;
            }
        }
        // softmax cross-entropy: log Σ exp(logits) − logit_label
        double[] logits = z[layers - 1];
        logSumExp = kernels.logSumExp(logits, 0, logits.length);
        return logSumExp - logits[mlp.label(s)];
    }
}
