package com.example.fit;

import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DifferentiableLoss;

/**
 * TEMPORARY, until numgrad's gradient checker ({@code dev.numgrad.check}) is released: compares a
 * loss's hand-written gradient with numgrad's numeric one and fails naming the worst coordinate.
 * Once the checker is available, replace each call with its assertion helper and delete this file.
 */
final class TemporaryGradientCheck {

    private TemporaryGradientCheck() {
    }

    /**
     * Fails unless |exact_i − numeric_i| ≤ tolerance·max(1, |numeric_i|) for every coordinate.
     *
     * @param loss the loss whose exact gradient is checked
     * @param x the point. Not modified.
     * @param tolerance relative tolerance, e.g. 1e-6 for a central difference
     */
    static void assertExactGradientMatchesNumeric(DifferentiableLoss loss, double[] x, double tolerance) {
        double[] exact = new double[x.length];
        loss.newExactGradient().valueAndGradient(x, exact);
        double[] numeric = NumericGradient.defaults().compute(loss, x).values();
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < x.length; i++) {
            double error = Math.abs(exact[i] - numeric[i]) / Math.max(1, Math.abs(numeric[i]));
            if (!(error <= worstError)) {
                worst = i;
                worstError = error;
            }
        }
        if (!(worstError <= tolerance)) {
            throw new AssertionError(loss.name() + ": exact and numeric gradients differ at x[" + worst + "]: exact "
                    + exact[worst] + ", numeric " + numeric[worst] + ", relative error " + worstError
                    + " > " + tolerance);
        }
    }
}
