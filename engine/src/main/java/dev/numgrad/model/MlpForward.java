package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import java.util.Arrays;

/**
 * The forward pass of the whole mini-batch, layer by layer, with its scratch: every layer's
 * pre-activations and activations and every sample's log-sum-exp of the logits, left in place
 * for backprop and the delta cache to read.
 *
 * <p>Layer by layer rather than sample by sample so that each dense layer is one
 * {@link KernelSupport#gemm}, Z = b + W·A_in: the weights are read once per block of the batch
 * instead of once per sample, which is what bounds a per-sample pass ({@code mlp(784,128,10,32)}
 * would stream its 800 KB first layer 32 times per evaluation). Every batch is stored one row
 * per unit, [unit][sample], as {@link Mlp#inputColumns()} and the delta cache are, so the
 * product runs along the samples. Scratch is {@code width × batch} per layer, allocated once; a
 * pass allocates nothing.
 */
final class MlpForward {

    private final Mlp mlp;
    private final KernelSupport kernels;
    private final int[] widths;
    private final int[] weightOffsets;
    private final int layers;
    private final int batch;
    /** z[l]: pre-activations of layer l at [unit][sample], widths[l + 1] × batch; z[L − 1] are the logits. */
    final double[][] z;
    /** a[l]: activations of hidden layer l (the input of layer l + 1), widths[l + 1] × batch. */
    final double[][] a;
    /** log Σ_c exp(logit_c) of each sample. */
    final double[] logSumExp;
    /** The logits of one sample, contiguous for {@link KernelSupport#logSumExp}. */
    private final double[] sampleLogits;

    MlpForward(Mlp mlp) {
        this.mlp = mlp;
        this.kernels = mlp.kernels();
        this.widths = mlp.widths();
        this.weightOffsets = mlp.weightOffsets();
        this.layers = mlp.layerCount();
        this.batch = mlp.batchSize();
        this.z = new double[layers][];
        this.a = new double[layers - 1][];
        for (int l = 0; l < layers; l++) {
            z[l] = new double[widths[l + 1] * batch];
            if (l < layers - 1) {
                a[l] = new double[widths[l + 1] * batch];
            }
        }
        this.logSumExp = new double[batch];
        this.sampleLogits = new double[mlp.classes()];
    }

    /** Doubles this forward pass allocates for a network of these widths (input first) and batch. */
    static long scratchElements(int[] widths, int batch) {
        long elements = batch + widths[widths.length - 1]; // logSumExp, sampleLogits
        for (int l = 1; l < widths.length; l++) {
            elements += (l < widths.length - 1 ? 2L : 1L) * widths[l] * batch; // z and a; the logits
        }
        return elements;
    }

    /**
     * Runs every sample through every layer.
     *
     * @param theta parameters. Not modified.
     * @return the mean cross-entropy over the batch
     */
    double meanLoss(double[] theta) {
        double[] input = mlp.inputColumns();
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            int w = weightOffsets[l];
            // dense: z = b + W·input, every sample (column) at once
            for (int u = 0; u < out; u++) {
                Arrays.fill(z[l], u * batch, (u + 1) * batch, theta[w + out * in + u]);
            }
            kernels.gemm(theta, w, out, in, input, 0, batch, z[l], 0);
            if (l < layers - 1) {
                // activation: a = act(z)
                mlp.activation(l).apply(kernels, z[l], a[l], 0, out * batch);
                input = a[l];
            }
        }
        // softmax cross-entropy: log Σ exp(logits) − logit_label, per sample
        double[] logits = z[layers - 1];
        int classes = sampleLogits.length;
        double total = 0;
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < classes; c++) {
                sampleLogits[c] = logits[c * batch + s];
            }
            logSumExp[s] = kernels.logSumExp(sampleLogits, 0, classes);
            total += logSumExp[s] - sampleLogits[mlp.label(s)];
        }
        return total / batch;
    }
}
