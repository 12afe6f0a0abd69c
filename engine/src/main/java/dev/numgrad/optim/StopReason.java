package dev.numgrad.optim;

/** Why a {@link DescentLoop} run ended. */
public enum StopReason {
    /** The iteration limit was reached. */
    MAX_ITERATIONS,
    /** The gradient norm fell to the tolerance: a stationary point, to that accuracy. */
    GRADIENT_TOLERANCE,
    /** The relative change of the loss over one step fell to the tolerance. */
    LOSS_TOLERANCE,
    /** The wall-clock budget was spent. */
    TIME_BUDGET,
    /**
     * The loss or gradient became non-finite, the iterate did, or the loss exploded past the
     * divergence limit; the result holds the last iterate before that, and
     * {@link DescentResult#stopDetail()} says which of these happened, at which iterate (and,
     * for a gradient, at which coordinate).
     */
    DIVERGED,
    /**
     * The gradient source threw (the loss threw, a finite-difference step became invalid at the
     * new iterate, an evaluator wrote into x, the pool failed); the result holds the last iterate
     * that was fully evaluated, and {@link DescentResult#failure()} the exception.
     */
    FAILED,
    /**
     * The running thread was interrupted (its interrupt status is left set), or the source's
     * numeric gradient was cancelled through its {@code CancellationToken}; the result holds
     * the last iterate that was fully evaluated.
     */
    CANCELLED;

    /** {@return whether the run stopped because a convergence test passed} */
    public boolean converged() {
        return this == GRADIENT_TOLERANCE || this == LOSS_TOLERANCE;
    }
}
