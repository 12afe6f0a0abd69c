package dev.numgrad.model;

import dev.numgrad.loss.ExactGradient;
import java.util.Arrays;
import java.util.Objects;

/**
 * Deliberately wrong backprop for an {@link Mlp}, to show what a gradient checker catches: the
 * mistakes people make in hand-written backward passes, made on purpose. Used by the gradient
 * checker's bug injection ({@code dev.numgrad.check.InjectedBug}) and nowhere else.
 */
public final class MlpFaults {

    private MlpFaults() {
    }

    /**
     * Backprop whose hidden layers use a wrong activation derivative, the classic slip: tanh′ as
     * 1 − tanh z (the square forgotten), the sigmoid′ as σ(z) (the factor 1 − σ forgotten), ReLU′
     * as 1 everywhere (the mask forgotten). The value it returns and the output layer's
     * gradient stay right; every weight and bias feeding a hidden layer comes out wrong. A plain
     * per-sample loop, O(batch · parameters), not tuned.
     *
     * @param mlp a network with at least one hidden layer
     * @return a fresh gradient evaluator, not thread-safe
     * @throws IllegalArgumentException if the network has no hidden layer (nothing to get wrong)
     */
    public static ExactGradient wrongActivationDerivative(Mlp mlp) {
        Objects.requireNonNull(mlp, "mlp");
        if (mlp.layerCount() < 2) {
            throw new IllegalArgumentException(mlp.name() + " has no hidden layer, so no activation derivative to get wrong");
        }
        return new WrongDerivativeBackprop(mlp);
    }

    /** Forward and backward one sample at a time, in plain loops. */
    private static final class WrongDerivativeBackprop implements ExactGradient {

        private final Mlp mlp;
        private final int[] widths;
        private final int[] offsets;
        private final int layers;
        /** a[l]: input of layer l for the current sample (a[0] the features); a[layers] the logits. */
        private final double[][] a;
        /** z[l]: pre-activation of layer l. */
        private final double[][] z;
        /** delta[l]: ∂loss/∂z of layer l for the current sample. */
        private final double[][] delta;

        WrongDerivativeBackprop(Mlp mlp) {
            this.mlp = mlp;
            this.widths = mlp.widths();
            this.offsets = mlp.weightOffsets();
            this.layers = mlp.layerCount();
            this.a = new double[layers + 1][];
            this.z = new double[layers][];
            this.delta = new double[layers][];
            for (int l = 0; l <= layers; l++) {
                a[l] = new double[widths[l]];
            }
            for (int l = 0; l < layers; l++) {
                z[l] = new double[widths[l + 1]];
                delta[l] = new double[widths[l + 1]];
            }
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            mlp.checkDimension(x);
            if (gradient.length != x.length) {
                throw new IllegalArgumentException("gradient length " + gradient.length + " != loss dimension " + x.length);
            }
            Arrays.fill(gradient, 0.0);
            int batch = mlp.batchSize();
            double[] inputs = mlp.inputRows();
            double total = 0;
            for (int s = 0; s < batch; s++) {
                System.arraycopy(inputs, s * widths[0], a[0], 0, widths[0]);
                total += forward(x);
                backward(x, s, gradient, 1.0 / batch);
            }
            return total / batch;
        }

        /** The sample's loss lse(logits) − logit_label; leaves z and a filled. */
        private double forward(double[] x) {
            for (int l = 0; l < layers; l++) {
                int in = widths[l];
                int w = offsets[l];
                int b = w + widths[l + 1] * in;
                for (int j = 0; j < widths[l + 1]; j++) {
                    double sum = x[b + j];
                    for (int c = 0; c < in; c++) {
                        sum += x[w + j * in + c] * a[l][c];
                    }
                    z[l][j] = sum;
                    a[l + 1][j] = l == layers - 1 ? sum : activate(mlp.activation(l), sum);
                }
            }
            double[] logits = a[layers];
            double max = Double.NEGATIVE_INFINITY;
            for (double logit : logits) {
                max = Math.max(max, logit);
            }
            double sum = 0;
            for (double logit : logits) {
                sum += Math.exp(logit - max);
            }
            return max + Math.log(sum);
        }

        private void backward(double[] x, int sample, double[] gradient, double scale) {
            double[] logits = a[layers];
            double lse = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (double logit : logits) {
                max = Math.max(max, logit);
            }
            for (double logit : logits) {
                lse += Math.exp(logit - max);
            }
            lse = max + Math.log(lse);
            int label = mlp.label(sample);
            double[] top = delta[layers - 1];
            for (int c = 0; c < logits.length; c++) {
                top[c] = scale * (Math.exp(logits[c] - lse) - (c == label ? 1 : 0));
            }
            for (int l = layers - 1; l >= 0; l--) {
                int in = widths[l];
                int w = offsets[l];
                int b = w + widths[l + 1] * in;
                for (int j = 0; j < widths[l + 1]; j++) {
                    double d = delta[l][j];
                    gradient[b + j] += d;
                    for (int c = 0; c < in; c++) {
                        gradient[w + j * in + c] += d * a[l][c];
                    }
                }
                if (l > 0) {
                    Activation activation = mlp.activation(l - 1);
                    for (int c = 0; c < in; c++) {
                        double back = 0;
                        for (int j = 0; j < widths[l + 1]; j++) {
                            back += x[w + j * in + c] * delta[l][j];
                        }
                        delta[l - 1][c] = back * wrongDerivative(activation, a[l][c]);
                    }
                }
            }
        }

        private static double activate(Activation activation, double z) {
            return switch (activation) {
                case TANH -> Math.tanh(z);
                case SIGMOID -> 1 / (1 + Math.exp(-z));
                case RELU -> Math.max(z, 0);
            };
        }

        /** The slip, from the activation's output a: what a hurried backward pass writes. */
        private static double wrongDerivative(Activation activation, double a) {
            return switch (activation) {
                case TANH -> 1 - a;      // should be 1 − a²
                case SIGMOID -> a;       // should be a·(1 − a)
                case RELU -> 1;          // should be 1 where z > 0, else 0
            };
        }
    }
}
