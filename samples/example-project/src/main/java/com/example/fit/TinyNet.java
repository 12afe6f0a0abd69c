package com.example.fit;

import dev.numgrad.kernel.TanhDifference;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.loss.ParameterBlocks;

/**
 * A 1 → h → 1 tanh network fitted to samples (t_s, y_s) by mean squared error:
 * f(θ) = (1/2m)·Σ_s (p_s − y_s)², p_s = Σ_j w2_j·tanh(w1_j·t_s + b1_j) + b2.
 *
 * <p>Parameters, flattened as {@link #parameterBlocks()} names them: W1 (h × 1) in [0, h), b1 in
 * [h, 2h), W2 (1 × h) in [2h, 3h), b2 at 3h. It offers
 * all three contracts: the value, an exact gradient by hand-written backprop, and a hand-written
 * delta that differences one hidden unit instead of the whole network.
 */
public final class TinyNet implements DifferentiableLoss, DeltaLoss {

    private final int hidden;
    private final double[] t;
    private final double[] y;

    /**
     * @param hidden h, at least 1
     * @param t sample inputs. Not modified (copied).
     * @param y sample targets, same length. Not modified (copied).
     */
    public TinyNet(int hidden, double[] t, double[] y) {
        if (hidden < 1 || t.length == 0 || t.length != y.length) {
            throw new IllegalArgumentException("need h >= 1 and as many targets as inputs, got h = " + hidden
                    + ", " + t.length + " inputs, " + y.length + " targets");
        }
        this.hidden = hidden;
        this.t = t.clone();
        this.y = y.clone();
    }

    /** The samples the tests fit: y = sin(t) at m points of [−π, π]. */
    public static TinyNet onSine(int hidden, int samples) {
        double[] t = new double[samples];
        double[] y = new double[samples];
        for (int s = 0; s < samples; s++) {
            t[s] = -Math.PI + 2 * Math.PI * s / (samples - 1);
            y[s] = Math.sin(t[s]);
        }
        return new TinyNet(hidden, t, y);
    }

    /** A deterministic start: small weights of alternating sign, spread-out biases. */
    public double[] start() {
        double[] theta = new double[dimension()];
        for (int j = 0; j < hidden; j++) {
            theta[j] = (j % 2 == 0 ? 0.5 : -0.5) * (1 + j * 0.1);
            theta[hidden + j] = -1 + 2.0 * j / Math.max(1, hidden - 1);
            theta[2 * hidden + j] = 0.1 * (j % 3 - 1);
        }
        return theta;
    }

    @Override
    public int dimension() {
        return 3 * hidden + 1;
    }

    /**
     * The flat layout, named as numgrad's own {@code Mlp} names a 1 → h → 1 network, so a gradient
     * check reports {@code W1[3,0]} rather than coordinate 3.
     *
     * @return W1 (h × 1), b1 (h), W2 (1 × h), b2 (1)
     */
    @Override
    public ParameterBlocks parameterBlocks() {
        return ParameterBlocks.builder()
                .matrix("W1", hidden, 1).vector("b1", hidden)
                .matrix("W2", 1, hidden).vector("b2", 1)
                .build();
    }

    @Override
    public String name() {
        return "tiny-net(h=" + hidden + ")";
    }

    @Override
    public Evaluator newEvaluator() {
        return theta -> {
            double sum = 0;
            for (int s = 0; s < t.length; s++) {
                double r = predict(theta, t[s]) - y[s];
                sum += r * r;
            }
            return sum / (2 * t.length);
        };
    }

    private double predict(double[] theta, double ts) {
        double p = theta[3 * hidden];
        for (int j = 0; j < hidden; j++) {
            p += theta[2 * hidden + j] * Math.tanh(theta[j] * ts + theta[hidden + j]);
        }
        return p;
    }

    // tag::backprop[]
    @Override
    public ExactGradient newExactGradient() {
        double[] a = new double[hidden]; // scratch: this evaluator's own, never shared
        return (theta, g) -> {
            java.util.Arrays.fill(g, 0);
            double sum = 0;
            int m = t.length;
            for (int s = 0; s < m; s++) {
                // forward: a_j = tanh(w1_j·t + b1_j), p = Σ w2_j·a_j + b2
                double p = theta[3 * hidden];
                for (int j = 0; j < hidden; j++) {
                    a[j] = Math.tanh(theta[j] * t[s] + theta[hidden + j]);
                    p += theta[2 * hidden + j] * a[j];
                }
                double r = p - y[s];
                sum += r * r;
                // backward: ∂f/∂p = r/m, then through w2 and tanh' = 1 − a²
                double dp = r / m;
                g[3 * hidden] += dp;
                for (int j = 0; j < hidden; j++) {
                    g[2 * hidden + j] += dp * a[j];
                    double dz = dp * theta[2 * hidden + j] * (1 - a[j] * a[j]);
                    g[j] += dz * t[s];
                    g[hidden + j] += dz;
                }
            }
            return sum / (2 * m);
        };
    }
    // end::backprop[]

    // tag::delta[]
    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        int m = t.length;
        double[] theta = new double[dimension()];
        double[] z = new double[m * hidden];      // pre-activations at the base point
        double[] a = new double[m * hidden];      // tanh z
        double[] sech2 = new double[m * hidden];  // tanh'(z), accurate where tanh saturates
        double[] r = new double[m];               // residuals p_s − y_s
        return new DeltaEvaluator() {
            @Override
            public double prepare(double[] x) {
                System.arraycopy(x, 0, theta, 0, theta.length);
                double sum = 0;
                for (int s = 0; s < m; s++) {
                    double p = theta[3 * hidden];
                    for (int j = 0; j < hidden; j++) {
                        int k = s * hidden + j;
                        z[k] = theta[j] * t[s] + theta[hidden + j];
                        a[k] = Math.tanh(z[k]);
                        sech2[k] = TanhDifference.sech2(z[k]);
                        p += theta[2 * hidden + j] * a[k];
                    }
                    r[s] = p - y[s];
                    sum += r[s] * r[s];
                }
                return sum / (2 * m);
            }

            @Override
            public double delta(int i, double step) {
                int block = i / hidden;
                int j = i % hidden;
                double change = 0;
                for (int s = 0; s < m; s++) {
                    int k = s * hidden + j;
                    double dp = switch (block) {  // how far prediction p_s moves
                        case 0 -> theta[2 * hidden + j] * TanhDifference.of(z[k], a[k], sech2[k], step * t[s]);
                        case 1 -> theta[2 * hidden + j] * TanhDifference.of(z[k], a[k], sech2[k], step);
                        case 2 -> step * a[k];
                        default -> step;  // b2
                    };
                    // (r + dp)² − r² = dp·(2r + dp): no large squares subtracted
                    change += dp * (2 * r[s] + dp);
                }
                return change / (2 * m);
            }
        };
    }
    // end::delta[]
}
