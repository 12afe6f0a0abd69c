package dev.numgrad.optim;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.NonFiniteParameterException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Gradient descent with a pluggable update rule: repeatedly evaluate f and ∇f, clip, and let
 * the optimizer step, until a {@link StoppingRules stopping rule} holds or the run diverges.
 *
 * <pre>{@code
 * DescentLoop loop = new DescentLoop(new Adam(0.01), 5_000)
 *         .withSchedule(LearningRateSchedule.cosine(5_000, 0.01))
 *         .withClipping(GradientClipping.byNorm(10))
 *         .withStopping(StoppingRules.iterations(5_000).withGradientTolerance(1e-8));
 * DescentResult result = loop.run(GradientSource.exact(loss), start);
 * StringBuilder csv = new StringBuilder();
 * result.trace().writeCsv(csv);
 * }</pre>
 *
 * <p>Divergence: the run stops with {@link StopReason#DIVERGED} when an iterate is
 * non-finite, when f or ∇f is non-finite there, or when f exceeds
 * {@code f₀ + divergenceFactor · max(|f₀|, 1)} with f₀ the loss at the start. The result then
 * holds the iterate before. The caller's start vector is never modified.
 *
 * <p>Immutable and thread-safe; each {@link #run} owns its buffers.
 *
 * @param optimizer the update rule and its base learning rate
 * @param schedule the rate multiplier per step
 * @param clipping applied to each gradient before the step
 * @param stopping when to stop
 * @param divergenceFactor how far above the start the loss may rise before the run counts as
 *     diverged; positive, {@link Double#POSITIVE_INFINITY} to stop on non-finite values only
 */
public record DescentLoop(Optimizer optimizer, LearningRateSchedule schedule, GradientClipping clipping,
                          StoppingRules stopping, double divergenceFactor) {

    /**
     * A million times the start's loss: far beyond any overshoot a working run makes, yet
     * reached within a few steps by a run whose rate is too large (the loss grows
     * geometrically there).
     */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 1e6;

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException if the divergence factor is not positive
     */
    public DescentLoop {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(stopping, "stopping");
        if (!(divergenceFactor > 0)) {
            throw new IllegalArgumentException("divergence factor must be positive, got " + divergenceFactor);
        }
    }

    /**
     * Constant rate, no clipping, at most {@code maxIterations} steps, default divergence test.
     *
     * @param optimizer the update rule and its base learning rate
     * @param maxIterations the most steps to take, at least 1
     */
    public DescentLoop(Optimizer optimizer, int maxIterations) {
        this(optimizer, LearningRateSchedule.constant(), GradientClipping.none(),
                StoppingRules.iterations(maxIterations), DEFAULT_DIVERGENCE_FACTOR);
    }

    /**
     * {@return a copy with another optimizer}
     *
     * @param newOptimizer the update rule
     */
    public DescentLoop withOptimizer(Optimizer newOptimizer) {
        return new DescentLoop(newOptimizer, schedule, clipping, stopping, divergenceFactor);
    }

    /**
     * {@return a copy with another learning-rate schedule}
     *
     * @param newSchedule the schedule
     */
    public DescentLoop withSchedule(LearningRateSchedule newSchedule) {
        return new DescentLoop(optimizer, newSchedule, clipping, stopping, divergenceFactor);
    }

    /**
     * {@return a copy with another gradient clipping}
     *
     * @param newClipping the clipping
     */
    public DescentLoop withClipping(GradientClipping newClipping) {
        return new DescentLoop(optimizer, schedule, newClipping, stopping, divergenceFactor);
    }

    /**
     * {@return a copy with other stopping rules}
     *
     * @param newStopping the rules
     */
    public DescentLoop withStopping(StoppingRules newStopping) {
        return new DescentLoop(optimizer, schedule, clipping, newStopping, divergenceFactor);
    }

    /**
     * {@return a copy with another divergence factor}
     *
     * @param newFactor positive; {@link Double#POSITIVE_INFINITY} to stop on non-finite values only
     */
    public DescentLoop withDivergenceFactor(double newFactor) {
        return new DescentLoop(optimizer, schedule, clipping, stopping, newFactor);
    }

    /**
     * As {@link #run(GradientSource, double[], DescentListener)} with no listener.
     *
     * @param source f and ∇f
     * @param start the first iterate. Not modified.
     * @return the outcome
     */
    public DescentResult run(GradientSource source, double[] start) {
        return run(source, start, DescentListener.none());
    }

    /**
     * Runs the descent from {@code start}. Everything is validated before the first
     * evaluation. The run never loses the work done: whatever ends it, the result holds the last
     * healthy iterate, the best one and the trace, and says why it stopped.
     * Interrupting the running thread stops the run at the next iterate with
     * {@link StopReason#CANCELLED}, and so does a {@link dev.numgrad.GradientCancelledException}
     * from the source (a numeric gradient cancelled through its token, which takes effect
     * within the gradient rather than after it). A non-finite loss or gradient (also reported by
     * the source as {@link dev.numgrad.NonFiniteLossException} or
     * {@link dev.numgrad.NonFiniteDerivativeException}) is {@link StopReason#DIVERGED}; any other
     * exception from the source, and a source that writes into x
     * ({@link dev.numgrad.InputModifiedException}), is {@link StopReason#FAILED} with the
     * exception in {@link DescentResult#failure()}.
     *
     * @param source f and ∇f; used by this run only, while it lasts
     * @param start the first iterate, finite, of the source's dimension when it reports one.
     *     Not modified.
     * @param listener told about every evaluated iterate
     * @return the outcome, with the best iterate and the trace
     * @throws DimensionMismatchException if start's length is not the source's dimension
     * @throws NonFiniteParameterException if some start[i] is NaN or infinite (the first is named)
     * @throws IllegalArgumentException if start is empty
     */
    public DescentResult run(GradientSource source, double[] start, DescentListener listener) {
        return run(source, start, listener, System::nanoTime);
    }

    /** The seam for tests of the time budget: {@code nanoTicker} replaces {@link System#nanoTime()}. */
    DescentResult run(GradientSource source, double[] start, DescentListener listener, LongSupplier nanoTicker) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(nanoTicker, "nanoTicker");
        validateStart(source, start);
        return new DescentRun(this, source, start, listener, nanoTicker).run();
    }

    private static void validateStart(GradientSource source, double[] start) {
        OptionalInt dimension = source.dimension();
        if (dimension.isPresent() && dimension.getAsInt() != start.length) {
            throw new DimensionMismatchException("start", start.length, dimension.getAsInt());
        }
        if (start.length == 0) {
            throw new IllegalArgumentException("start is empty");
        }
        int bad = Vectors.firstNonFinite(start);
        if (bad >= 0) {
            throw new NonFiniteParameterException(bad, start[bad]);
        }
    }
}
