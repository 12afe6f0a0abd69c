package dev.numgrad.optim;

import java.time.Duration;
import java.util.Objects;

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

    DescentResult(double[] x, double loss, double gradientNorm, double[] best, double bestLoss, int bestIteration,
                  StopReason stopReason, int iterations, long gradientEvaluations, Duration elapsed,
                  DescentTrace trace) {
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
     * f at {@link #x()}; non-finite only when the start itself diverged, NaN when the run was
     * cancelled before the start's gradient was done.
     *
     * @return f at the final iterate
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

    /** {@return f at {@link #best()}} */
    public double bestLoss() {
        return bestLoss;
    }

    /** {@return the index of {@link #best()} in the trace} */
    public int bestIteration() {
        return bestIteration;
    }

    /** {@return why the run stopped} */
    public StopReason stopReason() {
        return stopReason;
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
        return "DescentResult[" + stopReason + " after " + iterations + " steps, loss " + loss
                + ", gradient norm " + gradientNorm + ", best loss " + bestLoss + " at " + bestIteration
                + ", " + gradientEvaluations + " gradient evaluations in " + elapsed + "]";
    }
}
