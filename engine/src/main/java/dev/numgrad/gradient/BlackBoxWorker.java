package dev.numgrad.gradient;

import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import java.util.function.Supplier;

/** Full loss evaluations on a private copy of x, perturbing one coordinate and restoring it exactly. */
sealed class BlackBoxWorker extends GradientWorker permits BatchedBlackBoxWorker {

    final Evaluator evaluator;
    /** Private copy of x; equal to job.x between probes. */
    final double[] x;

    BlackBoxWorker(Job job, Loss loss) {
        this(job, loss::newEvaluator);
    }

    /** With the evaluator {@code evaluators} makes (a batch evaluator for the subclass). */
    BlackBoxWorker(Job job, Supplier<? extends Evaluator> evaluators) {
        super(job);
        try {
            this.evaluator = evaluators.get();
        } catch (Exception e) {
            throw LossEvaluationException.atBasePoint(job.lossName, "creating an evaluator", e);
        }
        this.x = job.x.clone();
    }

    @Override
    public void afterRange(int lo, int hi) {
        checkUnmodified(x, lo, hi);
    }

    /** f(x), validated finite. */
    double valueAtBase() {
        double value;
        try {
            value = evaluator.value(x);
        } catch (Exception e) {
            throw LossEvaluationException.atBasePoint(job.lossName, "evaluating f(x)", e);
        }
        evaluations++;
        checkUnmodifiedAtBase(x);
        if (!Double.isFinite(value)) {
            throw NonFiniteLossException.atBasePoint(job.lossName, value);
        }
        return value;
    }

    @Override
    public double at(double offset) {
        int i = coordinate;
        double xi = x[i];
        x[i] = xi + offset;
        double value;
        try {
            value = evaluator.value(x);
        } catch (Exception e) {
            throw LossEvaluationException.atCoordinate(job.lossName, i, offset, e);
        } finally {
            x[i] = xi;
        }
        evaluations++;
        if (!Double.isFinite(value)) {
            throw NonFiniteLossException.atCoordinate(job.lossName, i, offset, value);
        }
        return value;
    }
}
