package dev.numgrad.loss;

import dev.numgrad.kernel.KernelSupport;
import java.util.Arrays;

/**
 * Backpropagation through an {@link Mlp}, one sample at a time: a forward pass leaves every
 * layer's pre-activations z and activations a in {@link MlpForward}; the backward pass then walks
 * the layers from the logits down, each step the backward rule of one forward line:
 * <pre>
 *   forward                          backward (g = ∂loss/∂z of the layer)
 *   loss = lse(z) − z_label          g = softmax(z) − onehot(label)          (÷ b for the mean)
 *   z = W·a_in + b                   ∂W += g ⊗ a_in,  ∂b += g,  ∂a_in = Wᵀ·g
 *   a_in = act(z_prev)               g_prev = ∂a_in ⊙ act'(z_prev)
 * </pre>
 * Scratch is allocated once per evaluator; a call allocates nothing.
 */
final class MlpBackprop implements ExactGradient {

    private final Mlp mlp;
    private final KernelSupport kernels;
    private final int[] widths;
    private final int[] weightOffsets;
    private final int layers;
    private final MlpForward forward;
    /** g[l] = ∂loss/∂z of layer l for the current sample. */
    private final double[][] g;
    /** ∂loss/∂(input of a layer), before the activation's backward rule. */
    private final double[] gInput;

    MlpBackprop(Mlp mlp) {
        this.mlp = mlp;
        this.kernels = mlp.kernels();
        this.widths = mlp.widths();
        this.weightOffsets = mlp.weightOffsets();
        this.layers = mlp.layerCount();
        this.forward = new MlpForward(mlp);
        this.g = new double[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            g[l] = new double[widths[l + 1]];
            widest = Math.max(widest, widths[l + 1]);
        }
        this.gInput = new double[widest];
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        mlp.checkDimension(x);
        if (gradient.length != x.length) {
            throw new IllegalArgumentException("gradient length " + gradient.length + " != loss dimension " + x.length);
        }
        Arrays.fill(gradient, 0.0);
        int batch = mlp.batchSize();
        double perSample = 1.0 / batch;
        double total = 0;
        for (int s = 0; s < batch; s++) {
            total += forward.sampleLoss(x, s);
            softmaxCrossEntropyBackward(s, perSample);
            for (int l = layers - 1; l >= 0; l--) {
                denseBackward(x, s, l, gradient);
                if (l > 0) {
                    activationBackward(l - 1);
                }
            }
        }
        return total / batch;
    }

    /** loss = lse(z) − z_label  ⇒  ∂loss/∂z_c = softmax_c − [c = label], scaled by 1/b. */
    private void softmaxCrossEntropyBackward(int s, double perSample) {
        double[] logits = forward.z[layers - 1];
        double[] gLogits = g[layers - 1];
        int label = mlp.label(s);
        for (int c = 0; c < logits.length; c++) {
            double softmax = Math.exp(logits[c] - forward.logSumExp);
            gLogits[c] = (softmax - (c == label ? 1.0 : 0.0)) * perSample;
        }
    }

    /**
     * z = W·a_in + b  ⇒  ∂W += g ⊗ a_in, ∂b += g, and (below the first layer) ∂a_in = Wᵀ·g into
     * {@link #gInput}.
     */
    private void denseBackward(double[] theta, int s, int l, double[] gradient) {
        int in = widths[l];
        int out = widths[l + 1];
        double[] input = l == 0 ? mlp.inputRows() : forward.a[l - 1];
        int inputOffset = l == 0 ? s * in : 0;
        int w = weightOffsets[l];
        for (int r = 0; r < out; r++) {
            kernels.axpy(g[l][r], input, inputOffset, gradient, w + r * in, in);
        }
        kernels.axpy(1.0, g[l], 0, gradient, w + out * in, out);
        if (l > 0) {
            kernels.gemvTransposed(theta, w, out, in, g[l], 0, gInput, 0);
        }
    }

    /** a = act(z)  ⇒  ∂z = ∂a ⊙ act'(z), for hidden layer h. */
    private void activationBackward(int h) {
        Activation activation = mlp.activation(h);
        double[] z = forward.z[h];
        double[] gz = g[h];
        for (int u = 0; u < gz.length; u++) {
            gz[u] = gInput[u] * activation.derivative(z[u]);
        }
    }
}
