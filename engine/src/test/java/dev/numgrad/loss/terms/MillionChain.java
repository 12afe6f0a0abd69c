package dev.numgrad.loss.terms;

/** f(x) = Σ_k (x[k+1] − x[k]²)² + Σ_k 0.01·x[k]²: a chain of coupled residuals and a ridge. */
final class MillionChain {

    private MillionChain() {
    }

    static SumOfTerms loss(int n) {
        return SumOfTerms.builder("chain", n)
                .terms("link", n - 1, 2, (k, s) -> {
                    s[0] = k;
                    s[1] = k + 1;
                }, (k, v) -> {
                    double r = v[1] - v[0] * v[0];
                    return r * r;
                })
                .terms("ridge", n, 1, (k, s) -> s[0] = k, (k, v) -> 0.01 * v[0] * v[0])
                .build();
    }

    static double[] gradient(double[] x) {
        int n = x.length;
        double[] g = new double[n];
        for (int k = 0; k < n - 1; k++) {
            double r = x[k + 1] - x[k] * x[k];
            g[k] += -4 * x[k] * r;
            g[k + 1] += 2 * r;
        }
        for (int k = 0; k < n; k++) {
            g[k] += 0.02 * x[k];
        }
        return g;
    }
}
