package dev.numgrad.loss.terms;

import dev.numgrad.loss.Evaluator;
import java.util.function.ToDoubleFunction;

/**
 * f(x) = dense(x) + Σ_k term_k(x), the terms in index order: the value evaluator of a
 * {@link SumOfTerms} and the sum that {@link TermsDeltaEvaluator#prepare} reproduces bit for bit.
 */
final class TermsEvaluator implements Evaluator {

    private final TermIndex index;
    private final ToDoubleFunction<double[]> dense;
    private final String denseLabel;
    private final double[] local;

    TermsEvaluator(TermIndex index, ToDoubleFunction<double[]> dense, String denseLabel) {
        this.index = index;
        this.dense = dense;
        this.denseLabel = denseLabel;
        this.local = new double[index.maxArity()];
    }

    @Override
    public double value(double[] x) {
        double sum = dense == null ? 0 : denseValue(dense, denseLabel, x);
        for (int k = 0; k < index.termCount(); k++) {
            index.gather(k, x, local);
            sum += index.value(k, local);
        }
        return sum;
    }

    /** The dense part at x, its exception wrapped to name it. */
    static double denseValue(ToDoubleFunction<double[]> dense, String label, double[] x) {
        try {
            return dense.applyAsDouble(x);
        } catch (Exception e) {
            throw TermEvaluationException.threw("dense part '" + label + "'", e);
        }
    }
}
