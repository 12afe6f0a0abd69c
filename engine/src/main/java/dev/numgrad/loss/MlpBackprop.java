package dev.numgrad.loss;

import dev.numgrad.kernel.KernelSupport;
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
 * order, the same fmas as a sample-by-sample loop. Scratch is allocated once per evaluator; a
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
    /** ∂loss/∂(input of a layer) at [unit][sample], before the activation's backward rule. */
    private final double[] gInput;
    /** The input of a hidden layer's successor transposed to [sample][unit], the right factor of ∂W. */
    private final double[] inputRows;

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
        this.gInput = new double[widest * batch];
        this.inputRows = new double[widest * batch];
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
     * ∂A_in = Wᵀ·G into {@link #gInput}.
     */
    private void denseBackward(double[] theta, int l, double[] gradient) {
        int in = widths[l];
        int out = widths[l + 1];
        int w = weightOffsets[l];
        double[] gl = g[l];
        kernels.gemm(gl, 0, out, batch, l == 0 ? mlp.inputRows() : transposed(forward.a[l - 1], in), 0, in,
                gradient, w);
        int bias = w + out * in;
        for (int u = 0; u < out; u++) {
            double sum = gradient[bias + u];
            for (int s = 0; s < batch; s++) {
                sum += gl[u * batch + s];
            }
            gradient[bias + u] = sum;
        }
        if (l > 0) {
            // ∂A_in[c] = Σ_u W[u][c]·G[u], rows u in order
            Arrays.fill(gInput, 0, in * batch, 0.0);
            for (int u = 0; u < out; u++) {
                for (int c = 0; c < in; c++) {
                    kernels.axpy(theta[w + u * in + c], gl, u * batch, gInput, c * batch, batch);
                }
            }
        }
    }

    /** {@link #inputRows} = the [unit][sample] batch {@code units} × b, transposed. */
    private double[] transposed(double[] unitRows, int units) {
        for (int u = 0; u < units; u++) {
            for (int s = 0; s < batch; s++) {
                inputRows[s * units + u] = unitRows[u * batch + s];
            }
        }
        return inputRows;
    }

    /** A = act(Z)  ⇒  ∂Z = ∂A ⊙ act'(Z), for hidden layer h, every sample. */
    private void activationBackward(int h) {
        Activation activation = mlp.activation(h);
        double[] z = forward.z[h];
        double[] gz = g[h];
        for (int k = 0; k < gz.length; k++) {
            gz[k] = gInput[k] * activation.derivative(z[k]);
        }
    }
}
