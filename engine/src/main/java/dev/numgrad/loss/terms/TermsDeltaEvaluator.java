package dev.numgrad.loss.terms;

import dev.numgrad.NonFiniteLossException;
import dev.numgrad.loss.DeltaEvaluator;
import java.util.function.ToDoubleFunction;

/**
 * The delta evaluator of a {@link SumOfTerms}: a private copy of the base point and every term's
 * value there, so that delta(i, s) evaluates only the terms in coordinate i's row.
 */
final class TermsDeltaEvaluator implements DeltaEvaluator {

    private final String lossName;
    private final TermIndex index;
    private final ToDoubleFunction<double[]> dense;
    private final String denseLabel;
    private final double[] x;
    private final double[] termValues;
    private final double[] local;
    private double denseBase;

    TermsDeltaEvaluator(String lossName, TermIndex index, ToDoubleFunction<double[]> dense, String denseLabel) {
        this.lossName = lossName;
        this.index = index;
        this.dense = dense;
        this.denseLabel = denseLabel;
        this.x = new double[index.dimension()];
        this.termValues = new double[index.termCount()];
        this.local = new double[index.maxArity()];
    }

    @Override
    public double prepare(double[] point) {
        System.arraycopy(point, 0, x, 0, x.length);
        // The same additions in the same order as TermsEvaluator.value, so f(x) agrees bit for bit.
        denseBase = dense == null ? 0 : TermsEvaluator.denseValue(dense, denseLabel, x);
        double sum = denseBase;
        for (int k = 0; k < termValues.length; k++) {
            index.gather(k, x, local);
            termValues[k] = index.value(k, local);
            sum += termValues[k];
        }
        return sum;
    }

    @Override
    public double delta(int i, double step) {
        double xi = x[i];
        double moved = xi + step;
        double change = 0;
        for (int p = index.rowStart(i), end = index.rowStart(i + 1); p < end; p++) {
            int k = index.termAt(p);
            index.gather(k, x, local);
            local[index.positionAt(p)] = moved;
            double value = index.value(k, local);
            if (!Double.isFinite(value)) {
                throw NonFiniteLossException.inPart(lossName, i, step, value, index.describe(k));
            }
            change += value - termValues[k];
        }
        if (dense != null) {
            x[i] = moved;
            double value;
            try {
                value = TermsEvaluator.denseValue(dense, denseLabel, x);
            } finally {
                x[i] = xi;
            }
            if (!Double.isFinite(value)) {
                throw NonFiniteLossException.inPart(lossName, i, step, value, "dense part '" + denseLabel + "'");
            }
            change += value - denseBase;
        }
        return change;
    }
}
