package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.ExactGradient;
import java.util.Arrays;

/**
 * Backpropagation through an {@link Mlp}, layer by layer over the whole batch: a forward pass
 * leaves every layer's pre-activations z and activations a in {@link MlpForward} (one row per
 * unit, [unit][sample]); the backward pass then walks the layers from the logits down, each step
 * the backward rule of one forward line, for all samples at once (G = ∂loss/∂z of the layer,
 * one column per sample):
 * <pre>
 *   forward                          backward
 *   loss = lse(z) − z_label          G = softmax(Z) − onehot(labels)          (÷ b for the mean)
 *   Z = b + W·A_in                   ∂W += G·A_inᵀ,  ∂b += G·1,  ∂A_in = Wᵀ·G
 *   A_in = act(Z_prev)               G_prev = ∂A_in ⊙ act'(Z_prev)
 * </pre>
 * The weight gradient is one {@link KernelSupport#gemm} per layer, so each element of ∂W is
 * loaded and stored once per block of samples instead of once per sample; it adds the samples in
 * order, the same fmas as a sample-by-sample loop. ∂A_in is another, computed transposed
 * (∂A_inᵀ = Gᵀ·W) so that it reads W as stored; the transposes it and ∂W's right factor need
 * cost O(b·width), against O(b·width²) for the products. Scratch is allocated once per evaluator; a
 * call allocates nothing.
 */
final class MlpBackprop implements ExactGradient {

    private final Mlp mlp;
    private final KernelSupport kernels;
    private final int[] widths;
    private final int[] weightOffsets;
    private final int layers;
    private final int batch;
    private final MlpForward forward;
    /** g[l] = ∂loss/∂z of layer l at [unit][sample], widths[l + 1] × batch. */
    private final double[][] g;
    /** ∂loss/∂(input of a layer) at [sample][unit], before the activation's backward rule. */
    private final double[] gInputRows;
    /** The input of a layer above the first at [sample][unit], the right factor of ∂W. */
    private final double[] inputRows;
    /** G of a layer at [sample][unit], the left factor of ∂A_inᵀ. */
    private final double[] gRows;

    MlpBackprop(Mlp mlp) {
        this.mlp = mlp;
        this.kernels = mlp.kernels();
        this.widths = mlp.widths();
        this.weightOffsets = mlp.weightOffsets();
        this.layers = mlp.layerCount();
        this.batch = mlp.batchSize();
        this.forward = new MlpForward(mlp);
        this.g = new double[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            g[l] = new double[widths[l + 1] * batch];
            widest = Math.max(widest, widths[l + 1]);
        }
        this.gInputRows = new double[widest * batch];
        this.inputRows = new double[widest * batch];
        this.gRows = new double[widest * batch];
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        mlp.checkDimension(x);
        if (gradient.length != x.length) {
            throw new IllegalArgumentException("gradient length " + gradient.length + " != loss dimension " + x.length);
        }
        Arrays.fill(gradient, 0.0);
        double loss = forward.meanLoss(x);
        softmaxCrossEntropyBackward(1.0 / batch);
        for (int l = layers - 1; l >= 0; l--) {
            denseBackward(x, l, gradient);
            if (l > 0) {
                activationBackward(l - 1);
            }
        }
        return loss;
    }

    /** loss = lse(z) − z_label  ⇒  ∂loss/∂z_c = softmax_c − [c = label], scaled by 1/b. */
    private void softmaxCrossEntropyBackward(double perSample) {
        double[] logits = forward.z[layers - 1];
        double[] gLogits = g[layers - 1];
        int classes = widths[layers];
        for (int c = 0; c < classes; c++) {
            for (int s = 0; s < batch; s++) {
                int k = c * batch + s;
                double softmax = Math.exp(logits[k] - forward.logSumExp[s]);
                gLogits[k] = (softmax - (c == mlp.label(s) ? 1.0 : 0.0)) * perSample;
            }
        }
    }

    /**
     * Z = b + W·A_in  ⇒  ∂W += G·A_inᵀ, ∂b += Σ_s G[·][s], and (above the first layer)
     * ∂A_in = Wᵀ·G into {@link #gInputRows}.
     */
    private void denseBackward(double[] theta, int l, double[] gradient) {
        int in = widths[l];
        int out = widths[l + 1];
        int w = weightOffsets[l];
        double[] gl = g[l];
        double[] input = l == 0 ? mlp.inputRows() : transpose(forward.a[l - 1], in, inputRows);
        kernels.gemm(gl, 0, out, batch, input, 0, in, gradient, w);
        int bias = w + out * in;
        for (int u = 0; u < out; u++) {
            double sum = gradient[bias + u];
            for (int s = 0; s < batch; s++) {
                sum += gl[u * batch + s];
            }
            gradient[bias + u] = sum;
        }
        if (l > 0) {
            // ∂A_in = Wᵀ·G, as its transpose ∂A_inᵀ = Gᵀ·W: one gemm with W as it is stored
            transpose(gl, out, gRows);
            Arrays.fill(gInputRows, 0, batch * in, 0.0);
            kernels.gemm(gRows, 0, batch, out, theta, w, in, gInputRows, 0);
        }
    }

    /** rows = the [unit][sample] batch {@code units} × b as [sample][unit]; returns rows. */
    private double[] transpose(double[] unitRows, int units, double[] rows) {
        for (int u = 0; u < units; u++) {
            for (int s = 0; s < batch; s++) {
                rows[s * units + u] = unitRows[u * batch + s];
            }
        }
        return rows;
    }

    /** A = act(Z)  ⇒  ∂Z = ∂A ⊙ act'(Z), for hidden layer h, every sample. */
    private void activationBackward(int h) {
        Activation activation = mlp.activation(h);
        double[] z = forward.z[h];
        double[] gz = g[h];
        int units = widths[h + 1];
        for (int u = 0; u < units; u++) {
            for (int s = 0; s < batch; s++) {
                gz[u * batch + s] = gInputRows[s * units + u] * activation.derivative(z[u * batch + s]);
            }
        }
    }
}
