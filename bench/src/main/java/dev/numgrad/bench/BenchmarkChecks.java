package dev.numgrad.bench;

/**
 * Correctness checks run once in a benchmark's setup, never in the measured method: a fast
 * wrong kernel must not produce a figure.
 */
final class BenchmarkChecks {

    private static final double EPS = Math.ulp(1.0) / 2;

    private BenchmarkChecks() {
    }

    /**
     * Checks a reordered sum of products a·b against the scalar reference, within
     * {@code 2·n·ε·Σ|aₖ·bₖ|} (two summation orders, each within n·ε·Σ|terms| of exact).
     */
    static void checkSum(String kernel, double expected, double actual, double[] a, double[] b) {
        double sumOfAbsoluteTerms = 0;
        for (int k = 0; k < a.length; k++) {
            sumOfAbsoluteTerms += Math.abs(a[k] * b[k]);
        }
        double tolerance = 2.0 * a.length * EPS * sumOfAbsoluteTerms;
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new IllegalStateException(kernel + " disagrees with the scalar reference: " + actual + " vs "
                    + expected + " (tolerance " + tolerance + ")");
        }
    }

    /** Checks element-wise results within {@code ulps} ulps of the scalar reference. */
    static void checkElements(String kernel, double[] expected, double[] actual, double ulps) {
        for (int k = 0; k < expected.length; k++) {
            double difference = Math.abs(expected[k] - actual[k]);
            if (!(difference <= ulps * Math.ulp(expected[k])) && Double.compare(expected[k], actual[k]) != 0) {
                throw new IllegalStateException(kernel + "[" + k + "] disagrees with the scalar reference: "
                        + actual[k] + " vs " + expected[k]);
            }
        }
    }
}
