package dev.numgrad.optim;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import java.util.Random;

/**
 * Small losses with hand-written exact gradients, local to these tests so that the optimizer
 * tests do not wait for the bundled losses. {@link TestLossesTest} checks every gradient
 * against central differences.
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

    /** The start point of WORKLOADS.md: θᵢ = 0.1·sin(0.37·i + 0.1). */
    static double[] workloadStart(int n) {
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = 0.1 * Math.sin(0.37 * i + 0.1);
        }
        return theta;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
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

    /** f(w) = (1/2m)·Σ_r (X_r·w − y_r)², ∇f = (1/m)·Xᵀ(Xw − y). */
    static DifferentiableLoss leastSquares(double[][] x, double[] y) {
        int m = x.length;
        int n = x[0].length;
        return new Smooth("least squares", n, (w, gradient) -> {
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0);
            }
            double sum = 0;
            for (int r = 0; r < m; r++) {
                double residual = dot(x[r], w) - y[r];
                sum += residual * residual;
                if (gradient != null) {
                    for (int c = 0; c < n; c++) {
                        gradient[c] += residual * x[r][c] / m;
                    }
                }
            }
            return sum / (2 * m);
        });
    }

    /**
     * f(w) = (1/m)·Σ_r [softplus(z_r) − t_r·z_r] with z = Xw, ∇f = (1/m)·Xᵀ(σ(z) − t); the
     * softplus is max(z, 0) + log1p(exp(−|z|)), which never overflows.
     */
    static DifferentiableLoss logistic(double[][] x, double[] labels) {
        int m = x.length;
        int n = x[0].length;
        return new Smooth("logistic regression", n, (w, gradient) -> {
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0);
            }
            double sum = 0;
            for (int r = 0; r < m; r++) {
                double z = dot(x[r], w);
                sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[r] * z;
                if (gradient != null) {
                    double sigmoid = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                    for (int c = 0; c < n; c++) {
                        gradient[c] += (sigmoid - labels[r]) * x[r][c] / m;
                    }
                }
            }
            return sum / m;
        });
    }

    /**
     * Rosenbrock's function Σ_{i<n−1} [100·(x_{i+1} − x_i²)² + (1 − x_i)²], minimum 0 at
     * (1, …, 1). ∂f/∂x_i = −400·x_i·(x_{i+1} − x_i²) − 2·(1 − x_i) + 200·(x_i − x_{i−1}²), each
     * term present where its index exists.
     */
    static DifferentiableLoss rosenbrock(int n) {
        return new Smooth("rosenbrock", n, (x, gradient) -> {
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0);
            }
            double sum = 0;
            for (int i = 0; i < n - 1; i++) {
                double valley = x[i + 1] - x[i] * x[i];
                double offset = 1 - x[i];
                sum += 100 * valley * valley + offset * offset;
                if (gradient != null) {
                    gradient[i] += -400 * x[i] * valley - 2 * offset;
                    gradient[i + 1] += 200 * valley;
                }
            }
            return sum;
        });
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
