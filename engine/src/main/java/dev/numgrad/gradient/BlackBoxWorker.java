package dev.numgrad.gradient;

import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.SegmentEvaluator;
import java.util.function.Supplier;

/**
 * Full loss evaluations on a private copy of x, perturbing one coordinate and restoring it
 * exactly. This class keeps the copy in an array; {@link SegmentBlackBoxWorker} keeps it in an
 * aligned off-heap segment for a {@link SegmentEvaluator}, and overrides the three places that
 * touch the copy ({@link #evaluateAtBase}, {@link #evaluatePerturbed}, {@link #afterRange}).
 */
sealed class BlackBoxWorker extends GradientWorker permits BatchedBlackBoxWorker, SegmentBlackBoxWorker {

    final Evaluator evaluator;
    /**
     * Private copy of x; equal to job.x between probes. Null in {@link SegmentBlackBoxWorker},
     * whose copy is its segment (a second copy would cost 8n bytes per worker and gradient).
     */
    final double[] x;

    /** A worker for {@code loss}'s evaluator: on an aligned segment when it is a {@link SegmentEvaluator}. */
    static BlackBoxWorker of(Job job, Loss loss) {
        Evaluator evaluator = newEvaluator(job, loss::newEvaluator);
        return evaluator instanceof SegmentEvaluator segments
                ? new SegmentBlackBoxWorker(job, segments)
                : new BlackBoxWorker(job, evaluator, job.x.clone());
    }

    /** With the evaluator {@code evaluators} makes (a batch evaluator for the subclass), on an array. */
    BlackBoxWorker(Job job, Supplier<? extends Evaluator> evaluators) {
        this(job, newEvaluator(job, evaluators), job.x.clone());
    }

    /** With {@code evaluator}, perturbing {@code x} (a private copy of job.x, or null for the segment subclass). */
    BlackBoxWorker(Job job, Evaluator evaluator, double[] x) {
        super(job);
        this.evaluator = evaluator;
        this.x = x;
    }

    /** {@code evaluators.get()}, its failure reported as the loss's. */
    static <E extends Evaluator> E newEvaluator(Job job, Supplier<E> evaluators) {
        try {
            return evaluators.get();
        } catch (Exception e) {
            throw LossEvaluationException.atBasePoint(job.lossName, "creating an evaluator", e);
        }
    }

    @Override
    public void afterRange(int lo, int hi) {
        checkUnmodified(x, lo, hi);
    }

    /** f(x), validated finite. */
    final double valueAtBase() {
        double value;
        try {
            value = evaluateAtBase();
        } catch (Exception e) {
            throw LossEvaluationException.atBasePoint(job.lossName, "evaluating f(x)", e);
        }
        evaluations++;
        checkUnmodifiedAtBase();
        if (!Double.isFinite(value)) {
            throw NonFiniteLossException.atBasePoint(job.lossName, value);
        }
        return value;
    }

    /** The loss at the private copy, unperturbed. */
    double evaluateAtBase() {
        return evaluator.value(x);
    }

    /** As {@link GradientWorker#checkUnmodifiedAtBase}, for the private copy. */
    void checkUnmodifiedAtBase() {
        checkUnmodifiedAtBase(x);
    }

    @Override
    public double at(double offset) {
        int i = coordinate;
        double value;
        try {
            value = evaluatePerturbed(i, offset);
        } catch (Exception e) {
            throw LossEvaluationException.atCoordinate(job.lossName, i, offset, e);
        }
        evaluations++;
        if (!Double.isFinite(value)) {
            throw NonFiniteLossException.atCoordinate(job.lossName, i, offset, value);
        }
        return value;
    }

    /** The loss with x[i] replaced by the double x[i] + offset, the copy restored exactly afterwards, even on failure. */
    double evaluatePerturbed(int i, double offset) {
        double xi = x[i];
        x[i] = xi + offset;
        try {
            return evaluator.value(x);
        } finally {
            x[i] = xi;
        }
    }
}
