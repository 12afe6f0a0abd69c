package dev.numgrad.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

/**
 * An independent MLP for tests: plain loops, the parameter layout spelled out again from the
 * specification (per layer W out×in row-major, then b), in double and in BigDecimal.
 */
public final class MlpReference {

    final double[][] inputs;
    final int[] labels;
    final int classes;
    final int[] widths;
    final Activation[] activations;

    public MlpReference(double[][] inputs, int[] labels, int classes, List<HiddenLayer> hidden) {
        this.inputs = inputs;
        this.labels = labels;
        this.classes = classes;
        this.widths = new int[hidden.size() + 2];
        this.activations = new Activation[hidden.size()];
        widths[0] = inputs[0].length;
        for (int l = 0; l < hidden.size(); l++) {
            widths[l + 1] = hidden.get(l).units();
            activations[l] = hidden.get(l).activation();
        }
        widths[widths.length - 1] = classes;
    }

    Mlp mlp(dev.numgrad.kernel.KernelSupport kernels) {
        List<HiddenLayer> hidden = new java.util.ArrayList<>();
        for (int l = 0; l < activations.length; l++) {
            hidden.add(new HiddenLayer(widths[l + 1], activations[l]));
        }
        return new Mlp(inputs, labels, classes, hidden, kernels);
    }

    int dimension() {
        int p = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            p += widths[l + 1] * widths[l] + widths[l + 1];
        }
        return p;
    }

    /** Index of W_l[r][c], counted from the specification. */
    int weightIndex(int l, int r, int c) {
        return blockStart(l) + r * widths[l] + c;
    }

    /** Index of b_l[r]. */
    int biasIndex(int l, int r) {
        return blockStart(l) + widths[l + 1] * widths[l] + r;
    }

    private int blockStart(int l) {
        int start = 0;
        for (int m = 0; m < l; m++) {
            start += widths[m + 1] * widths[m] + widths[m + 1];
        }
        return start;
    }

    /** The loss in plain double loops, with naive exp/log (the data is tame). */
    public double value(double[] theta) {
        double total = 0;
        for (int s = 0; s < inputs.length; s++) {
            double[] act = inputs[s];
            for (int l = 0; l + 1 < widths.length; l++) {
                double[] z = new double[widths[l + 1]];
                for (int r = 0; r < z.length; r++) {
                    double sum = theta[biasIndex(l, r)];
                    for (int c = 0; c < widths[l]; c++) {
                        sum += theta[weightIndex(l, r, c)] * act[c];
                    }
                    z[r] = sum;
                }
                if (l < activations.length) {
                    for (int r = 0; r < z.length; r++) {
                        z[r] = switch (activations[l]) {
                            case TANH -> Math.tanh(z[r]);
                            case RELU -> z[r] > 0 ? z[r] : 0.0;
                            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z[r]));
                        };
                    }
                }
                act = z;
            }
            double expSum = 0;
            for (double logit : act) {
                expSum += Math.exp(logit);
            }
            total += Math.log(expSum) - act[labels[s]];
        }
        return total / inputs.length;
    }

    // ---- BigDecimal: the loss to ~35 digits, for checking deltas of size 1e-9 to 1e-16 ----

    static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);

    BigDecimal exactValue(BigDecimal[] theta) {
        BigDecimal total = BigDecimal.ZERO;
        for (int s = 0; s < inputs.length; s++) {
            BigDecimal[] act = new BigDecimal[widths[0]];
            for (int c = 0; c < act.length; c++) {
                act[c] = new BigDecimal(inputs[s][c]);
            }
            for (int l = 0; l + 1 < widths.length; l++) {
                BigDecimal[] z = new BigDecimal[widths[l + 1]];
                for (int r = 0; r < z.length; r++) {
                    BigDecimal sum = theta[biasIndex(l, r)];
                    for (int c = 0; c < widths[l]; c++) {
                        sum = sum.add(theta[weightIndex(l, r, c)].multiply(act[c], MC), MC);
                    }
                    z[r] = sum;
                }
                if (l < activations.length) {
                    for (int r = 0; r < z.length; r++) {
                        z[r] = switch (activations[l]) {
                            case TANH -> tanh(z[r]);
                            case RELU -> z[r].signum() > 0 ? z[r] : BigDecimal.ZERO;
                            case SIGMOID -> BigDecimal.ONE.divide(BigDecimal.ONE.add(exp(z[r].negate())), MC);
                        };
                    }
                }
                act = z;
            }
            BigDecimal expSum = BigDecimal.ZERO;
            for (BigDecimal logit : act) {
                expSum = expSum.add(exp(logit), MC);
            }
            total = total.add(log(expSum).subtract(act[labels[s]], MC), MC);
        }
        return total.divide(BigDecimal.valueOf(inputs.length), MC);
    }

    static BigDecimal[] exact(double[] theta) {
        BigDecimal[] big = new BigDecimal[theta.length];
        for (int i = 0; i < theta.length; i++) {
            big[i] = new BigDecimal(theta[i]);
        }
        return big;
    }

    /** 1/n! for the exponential's Taylor series, so that a term costs a multiplication, not a division. */
    private static final BigDecimal[] INVERSE_FACTORIALS = new BigDecimal[17];

    static {
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 0; n < INVERSE_FACTORIALS.length; n++) {
            factorial = n == 0 ? BigDecimal.ONE : factorial.multiply(BigDecimal.valueOf(n));
            INVERSE_FACTORIALS[n] = BigDecimal.ONE.divide(factorial, MC);
        }
    }

    /**
     * e^x: halve the argument below 1/64, Taylor to x¹⁶ (remainder below 1e-42, relative), square
     * back; each squaring doubles the relative error, so the 40-digit context keeps ~35 digits.
     */
    static BigDecimal exp(BigDecimal x) {
        if (x.signum() < 0) {
            return BigDecimal.ONE.divide(exp(x.negate()), MC);
        }
        int halvings = 0;
        BigDecimal reduced = x;
        BigDecimal small = new BigDecimal("0.015625");
        BigDecimal half = new BigDecimal("0.5");
        while (reduced.compareTo(small) > 0) {
            reduced = reduced.multiply(half);
            halvings++;
        }
        BigDecimal sum = INVERSE_FACTORIALS[INVERSE_FACTORIALS.length - 1];
        for (int n = INVERSE_FACTORIALS.length - 2; n >= 0; n--) {
            sum = sum.multiply(reduced, MC).add(INVERSE_FACTORIALS[n], MC);
        }
        for (int h = 0; h < halvings; h++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** log y by Halley's iteration on e^t = y from the double estimate (cubic convergence). */
    static BigDecimal log(BigDecimal y) {
        BigDecimal t = new BigDecimal(Math.log(y.doubleValue()));
        for (int iteration = 0; iteration < 4; iteration++) {
            BigDecimal e = exp(t);
            t = t.add(BigDecimal.valueOf(2).multiply(y.subtract(e, MC), MC).divide(y.add(e, MC), MC), MC);
        }
        return t;
    }

    /** tanh z = sign·(1 − 2/(e^{2|z|} + 1)). */
    static BigDecimal tanh(BigDecimal z) {
        BigDecimal e = exp(z.abs().multiply(BigDecimal.valueOf(2), MC));
        BigDecimal magnitude = BigDecimal.ONE.subtract(BigDecimal.valueOf(2).divide(e.add(BigDecimal.ONE), MC), MC);
        return z.signum() < 0 ? magnitude.negate() : magnitude;
    }

    // ---- seeded random problems ----

    static MlpReference random(long seed, int inputs, int classes, int batch, List<HiddenLayer> hidden) {
        Random random = new Random(seed);
        double[][] x = new double[batch][inputs];
        for (double[] row : x) {
            for (int j = 0; j < inputs; j++) {
                row[j] = random.nextGaussian();
            }
        }
        int[] labels = new int[batch];
        for (int s = 0; s < batch; s++) {
            labels[s] = random.nextInt(classes);
        }
        return new MlpReference(x, labels, classes, hidden);
    }

    double[] randomPoint(long seed, double scale) {
        Random random = new Random(seed);
        double[] theta = new double[dimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = scale * random.nextGaussian();
        }
        return theta;
    }

    /** err_inf = max|g − g*| / max|g*| as WORKLOADS.md defines it. */
    static double errInf(double[] g, double[] exact) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < g.length; i++) {
            diff = Math.max(diff, Math.abs(g[i] - exact[i]));
            scale = Math.max(scale, Math.abs(exact[i]));
        }
        return diff / scale;
    }
}
