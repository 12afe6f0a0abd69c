package dev.numgrad.optim;

import dev.numgrad.Words;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link DescentLoop} run. Never loses the work done: when the run diverges,
 * {@link #x()} is the last iterate whose loss and gradient were finite and within the
 * divergence limit, and {@link #best()} the lowest-loss iterate seen.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class DescentResult {

    private final double[] x;
    private final double loss;
    private final double gradientNorm;
    private final double[] best;
    private final double bestLoss;
    private final int bestIteration;
    private final StopReason stopReason;
    private final int iterations;
    private final long gradientEvaluations;
    private final Duration elapsed;
    private final DescentTrace trace;
    private final String stopDetail;
    private final RuntimeException failure;

    DescentResult(double[] x, double loss, double gradientNorm, double[] best, double bestLoss, int bestIteration,
                  StopReason stopReason, String stopDetail, RuntimeException failure, int iterations,
                  long gradientEvaluations, Duration elapsed, DescentTrace trace) {
        this.x = x.clone();
        this.loss = loss;
        this.gradientNorm = gradientNorm;
        this.best = best.clone();
        this.bestLoss = bestLoss;
        this.bestIteration = bestIteration;
        this.stopReason = Objects.requireNonNull(stopReason, "stopReason");
        this.iterations = iterations;
        this.gradientEvaluations = gradientEvaluations;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.stopDetail = Objects.requireNonNull(stopDetail, "stopDetail");
        this.failure = failure;
    }

    /**
     * The final iterate: the last one, or after {@link StopReason#DIVERGED} the last healthy one
     * (when even the start was not, the start itself). A fresh copy on each call.
     *
     * @return a copy of the final iterate
     */
    public double[] x() {
        return x.clone();
    }

    /**
     * f at {@link #x()}; non-finite only when the start itself diverged, NaN when the run stopped
     * (cancelled, failed) before the start's gradient was done.
     *
     * @return the final loss
     */
    public double loss() {
        return loss;
    }

    /** {@return ‖∇f‖₂ at {@link #x()}} */
    public double gradientNorm() {
        return gradientNorm;
    }

    /** {@return the iterate with the lowest loss seen (the first, on ties). A fresh copy on each call} */
    public double[] best() {
        return best.clone();
    }

    /**
     * f at {@link #best()}.
     *
     * @return the lowest loss seen; NaN when no iterate was evaluated
     */
    public double bestLoss() {
        return bestLoss;
    }

    /**
     * The iterate {@link #best()} is.
     *
     * @return its index (0 for the start); -1 when no iterate was evaluated
     */
    public int bestIteration() {
        return bestIteration;
    }

    /** {@return why the run ended} */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * What ended the run, in a sentence for people: e.g. "reached 1,000 steps", "the gradient is
     * NaN at x[3] at iterate 12 although the loss 2.5 is finite", "the loss threw at iterate 7: …".
     *
     * @return the explanation, never null
     */
    public String stopDetail() {
        return stopDetail;
    }

    /**
     * The exception that ended the run, after {@link StopReason#FAILED} (and after
     * {@link StopReason#DIVERGED} when the divergence was reported by the source as an
     * exception, e.g. a non-finite loss at a perturbed point of a numeric gradient).
     *
     * @return the exception, or empty
     */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Optimizer steps taken, including a step that led to divergence; {@link #x()} is iterate
     * {@code iterations} unless the run diverged, when it is iterate {@code iterations − 1}.
     *
     * @return the number of steps
     */
    public int iterations() {
        return iterations;
    }

    /** {@return calls made to the {@link GradientSource}} */
    public long gradientEvaluations() {
        return gradientEvaluations;
    }

    /** {@return wall-clock time of the run} */
    public Duration elapsed() {
        return elapsed;
    }

    /** {@return one row per evaluated iterate} */
    public DescentTrace trace() {
        return trace;
    }

    @Override
    public String toString() {
        return "DescentResult[" + stopReason + " after " + Words.count(iterations, "step") + " (" + stopDetail
                + "), loss " + loss
                + ", gradient norm " + gradientNorm + ", best loss " + bestLoss + " at " + bestIteration
                + ", " + gradientEvaluations + " gradient evaluations in " + elapsed + "]";
    }
}
