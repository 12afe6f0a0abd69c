package dev.numgrad.optim;

/**
 * The few whole-vector reductions the loop needs. Plain loops, not the kernels: the loop runs
 * users' losses that need no kernels, and must not load them (nor log the fallback warning of a
 * JVM without the vector module) for one O(n) norm per iteration next to a whole gradient.
 */
final class Vectors {

    private Vectors() {
    }

    /**
     * The Euclidean norm, without spurious overflow or underflow: a plain sum of squares
     * overflows once a component passes about 1e154, and a diverging run gets there long before
     * its loss is infinite. Such vectors are rescaled by their largest magnitude first.
     *
     * @param a not modified
     * @return ‖a‖₂; NaN if a holds a NaN, +∞ if it holds an infinity
     */
    static double norm(double[] a) {
        double sum = 0;
        for (double value : a) {
            sum += value * value;
        }
        if (sum >= Double.MIN_NORMAL && sum < Double.POSITIVE_INFINITY) {
            return Math.sqrt(sum);
        }
        double max = 0;
        for (double value : a) {
            if (Double.isNaN(value)) {
                return Double.NaN;
            }
            max = Math.max(max, Math.abs(value));
        }
        if (max == 0 || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double scaled = 0;
        for (double value : a) {
            double r = value / max;
            scaled += r * r;
        }
        return max * Math.sqrt(scaled);
    }

    /** Index of the first NaN or infinite element, or −1 if all are finite. a not modified. */
    static int firstNonFinite(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }
}
