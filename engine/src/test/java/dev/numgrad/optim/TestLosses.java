package dev.numgrad.optim;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import java.util.Random;

/**
 * Test data, and the one loss the optimizer tests need that is not bundled in main yet: a toy
 * MLP with a hand-written backpropagation, checked against central differences in
 * {@link TestLossesTest}. Least squares, logistic regression and Rosenbrock are the bundled ones.
 */
final class TestLosses {

    private TestLosses() {
    }

    /** A seeded m × n standard-normal design. */
    static double[][] gaussianDesign(long seed, int m, int n) {
        Random random = new Random(seed);
        double[][] x = new double[m][n];
        for (double[] row : x) {
            for (int c = 0; c < n; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return x;
    }

    /** The row-major copy of a matrix, as the bundled losses take it. */
    static double[] flatten(double[][] matrix) {
        int cols = matrix[0].length;
        double[] flat = new double[matrix.length * cols];
        for (int r = 0; r < matrix.length; r++) {
            System.arraycopy(matrix[r], 0, flat, r * cols, cols);
        }
        return flat;
    }

    /** Computes f and, when {@code gradient} is non-null, ∇f. */
    interface ValueAndGradient {
        double apply(double[] x, double[] gradient);
    }

    /** Adapts a stateless value-and-gradient function to {@link DifferentiableLoss}. */
    record Smooth(String name, int dimension, ValueAndGradient function) implements DifferentiableLoss {
        @Override
        public Evaluator newEvaluator() {
            return x -> function.apply(x, null);
        }

        @Override
        public ExactGradient newExactGradient() {
            return function::apply;
        }
    }

    /**
     * The MLP of WORKLOADS.md at a toy size: inputs X[s][j] = sin(0.7s + 0.13j), labels s mod k,
     * parameters W1 (h × d), b1, W2 (k × h), b2; hidden = tanh(W1·x + b1); logits = W2·hidden + b2;
     * f = mean softmax cross-entropy. The gradient is backpropagation written out by hand.
     */
    static DifferentiableLoss mlp(int d, int h, int k, int b) {
        int w1 = 0;
        int b1 = w1 + h * d;
        int w2 = b1 + h;
        int b2 = w2 + k * h;
        int parameters = b2 + k;
        return new Smooth("mlp", parameters, (p, gradient) -> {
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0);
            }
            double[] input = new double[d];
            double[] hidden = new double[h];
            double[] logits = new double[k];
            double[] dHidden = new double[h];
            double sum = 0;
            for (int s = 0; s < b; s++) {
                for (int j = 0; j < d; j++) {
                    input[j] = Math.sin(0.7 * s + 0.13 * j);
                }
                for (int u = 0; u < h; u++) {
                    double z = p[b1 + u];
                    for (int j = 0; j < d; j++) {
                        z += p[w1 + u * d + j] * input[j];
                    }
                    hidden[u] = Math.tanh(z);
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double z = p[b2 + c];
                    for (int u = 0; u < h; u++) {
                        z += p[w2 + c * h + u] * hidden[u];
                    }
                    logits[c] = z;
                    max = Math.max(max, z);
                }
                double partition = 0;
                for (int c = 0; c < k; c++) {
                    partition += Math.exp(logits[c] - max);
                }
                double logPartition = max + Math.log(partition);
                int label = s % k;
                sum += logPartition - logits[label];
                if (gradient == null) {
                    continue;
                }
                // Backward: dL/dlogit_c = softmax_c − [c = label]; then through W2 and tanh.
                java.util.Arrays.fill(dHidden, 0);
                for (int c = 0; c < k; c++) {
                    double dLogit = (Math.exp(logits[c] - logPartition) - (c == label ? 1 : 0)) / b;
                    gradient[b2 + c] += dLogit;
                    for (int u = 0; u < h; u++) {
                        gradient[w2 + c * h + u] += dLogit * hidden[u];
                        dHidden[u] += dLogit * p[w2 + c * h + u];
                    }
                }
                for (int u = 0; u < h; u++) {
                    double dPre = dHidden[u] * (1 - hidden[u] * hidden[u]);
                    gradient[b1 + u] += dPre;
                    for (int j = 0; j < d; j++) {
                        gradient[w1 + u * d + j] += dPre * input[j];
                    }
                }
            }
            return sum / b;
        });
    }
}
