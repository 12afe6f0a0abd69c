package dev.numgrad.gradient;

import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.DeltaLoss;

/** A delta evaluator prepared at x: the probe is f(x + s·eᵢ) − f(x) from the changed terms. */
final class DeltaWorker extends GradientWorker {

    private final DeltaEvaluator evaluator;
    /** Δ(+offset), Δ(−offset) of one {@link #symmetricDifference} call. */
    private final double[] pair = new double[2];

    DeltaWorker(Job job, DeltaLoss loss) {
        super(job);
        double value;
        try {
            this.evaluator = loss.newDeltaEvaluator();
            value = evaluator.prepare(job.x);
        } catch (Exception e) {
            throw LossEvaluationException.atBasePoint(job.lossName, "preparing a delta evaluator", e);
        }
        evaluations = 1;
        if (!Double.isFinite(value)) {
            throw NonFiniteLossException.atBasePoint(job.lossName, value);
        }
    }

    @Override
    public double at(double offset) {
        if (offset == 0) {
            return 0;
        }
        int i = coordinate;
        double delta;
        try {
            delta = evaluator.delta(i, offset);
        } catch (NonFiniteLossException e) {
            throw e; // already names the loss, the coordinate and the part (SumOfTerms)
        } catch (Exception e) {
            throw LossEvaluationException.atCoordinate(job.lossName, i, offset, e);
        }
        evaluations++;
        if (!Double.isFinite(delta)) {
            throw NonFiniteLossException.atCoordinate(job.lossName, i, offset, delta);
        }
        return delta;
    }

    /** Both deltas from one {@link DeltaEvaluator#symmetricDeltas} call, checked as {@link #at} checks each. */
    @Override
    public double symmetricDifference(double offset) {
        if (offset == 0) {
            return 0;
        }
        int i = coordinate;
        try {
            evaluator.symmetricDeltas(i, offset, pair);
        } catch (NonFiniteLossException e) {
            throw e;
        } catch (Exception e) {
            throw LossEvaluationException.atCoordinate(job.lossName, i, offset, e);
        }
        evaluations += 2;
        double plus = pair[0];
        double minus = pair[1];
        if (!Double.isFinite(plus)) {
            throw NonFiniteLossException.atCoordinate(job.lossName, i, offset, plus);
        }
        if (!Double.isFinite(minus)) {
            throw NonFiniteLossException.atCoordinate(job.lossName, i, -offset, minus);
        }
        return plus - minus;
    }
}
