package dev.numgrad.gradient;

import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.DeltaLoss;

/** A delta evaluator prepared at x: the probe is f(x + s·eᵢ) − f(x) from the changed terms. */
final class DeltaWorker extends GradientWorker {

    private final DeltaEvaluator evaluator;

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
}
