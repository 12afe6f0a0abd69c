package dev.numgrad.model;

import dev.numgrad.loss.terms.SumOfTerms;

/**
 * A chain of coupled residuals with a ridge, f(x) = Σ_{k &lt; n−1} (x[k+1] − x[k]²)² + 0.01·Σ_k x[k]²,
 * declared as a {@link SumOfTerms}: every coordinate is read by at most three terms, so its
 * derived delta evaluation differences a million parameters in seconds where black-box
 * differencing (two evaluations of all 2n − 1 terms per coordinate) would take hours. The scale
 * test of the sum-of-terms builder and its benchmark.
 */
public final class ResidualChain {

    /** The ridge weight. */
    public static final double RIDGE = 0.01;

    private ResidualChain() {
    }

    /**
     * The chain as a sum of terms: a family "link" of n − 1 residuals and a family "ridge" of n
     * one-parameter terms.
     *
     * @param n the number of parameters, at least 2
     * @return the loss, named {@code "chain"}
     * @throws IllegalArgumentException if n is below 2
     */
    public static SumOfTerms of(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a residual chain needs at least 2 parameters, got " + n);
        }
        return SumOfTerms.builder("chain", n)
                .terms("link", n - 1, 2, (k, s) -> {
                    s[0] = k;
                    s[1] = k + 1;
                }, (k, v) -> {
                    double r = v[1] - v[0] * v[0];
                    return r * r;
                })
                .terms("ridge", n, 1, (k, s) -> s[0] = k, (k, v) -> RIDGE * v[0] * v[0])
                .build();
    }

    /**
     * The exact gradient, for checking numeric ones.
     *
     * @param x the point. Not modified.
     * @return ∇f(x), a fresh array
     */
    public static double[] gradient(double[] x) {
        int n = x.length;
        double[] g = new double[n];
        for (int k = 0; k < n - 1; k++) {
            double r = x[k + 1] - x[k] * x[k];
            g[k] += -4 * x[k] * r;
            g[k + 1] += 2 * r;
        }
        for (int k = 0; k < n; k++) {
            g[k] += 2 * RIDGE * x[k];
        }
        return g;
    }
}
