package dev.numgrad.gradient;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.GradientCancelledException;
import dev.numgrad.InputModifiedException;
import dev.numgrad.InvalidDimensionException;
import dev.numgrad.NonFiniteParameterException;
import dev.numgrad.UnsupportedModeException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.ProbeBatchEvaluator;
import dev.numgrad.loss.ProbeBatchLoss;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.CoordinateScheduler;
import dev.numgrad.schedule.ProgressListener;
import dev.numgrad.schedule.WorkerStash;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The numeric gradient of a {@link Loss}: an immutable configuration and the entry point.
 *
 * <pre>{@code
 * Loss loss = Loss.of("bowl", 2, x -> x[0] * x[0] + x[1] * x[1]);
 * GradientResult g = NumericGradient.defaults().compute(loss, new double[] {3, 4});
 * g.values();   // {6.0, 8.0} to about 1e-10
 * }</pre>
 *
 * <p>{@link #compute} validates everything before the first loss evaluation: x's length, every
 * x_i finite, every step positive, finite and large enough to change x_i, and the mode's needs.
 * It then evaluates f(x) once if the scheme uses it (forward, backward), and hands the coordinates
 * to the {@link CoordinateScheduler}, whose workers each own an evaluator and a private copy of x
 * (black-box) or a prepared delta evaluator (delta). The caller's x is never modified; the result
 * is bit-identical whatever the {@link Execution}.
 *
 * @param scheme the finite-difference formula
 * @param steps how large a step each coordinate gets
 * @param mode black-box (any loss) or delta (a {@link DeltaLoss})
 * @param execution where the coordinates run
 * @param progress hears coordinates done; {@link ProgressListener#NONE} for none
 * @param cancellation checked before every coordinate; {@link CancellationToken#none()} for none
 * @param probeBatch the most probe points one black-box loss evaluation may take, at least 1: with
 *     K > 1 and a {@link ProbeBatchLoss}, each worker records the probes of K coordinates and
 *     evaluates them K at a time in one pass ({@link ProbeBatchEvaluator#values}), then hands the
 *     values back to the scheme in the same order, so the result is the one-probe result whenever
 *     the loss's batch values are its plain values to the bit (the bundled ones are); 1 (the
 *     default) evaluates one probe per call. Ignored in delta mode and for other losses:
 *     {@link GradientResult#probeBatch()} says what was used.
 */
public record NumericGradient(Scheme scheme, StepPolicy steps, Mode mode, Execution execution,
        ProgressListener progress, CancellationToken cancellation, int probeBatch) {

    /**
     * Validates the configuration.
     *
     * @throws NullPointerException if any component is null
     */
    public NumericGradient {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(progress, "progress (use ProgressListener.NONE)");
        Objects.requireNonNull(cancellation, "cancellation (use CancellationToken.none())");
        if (probeBatch < 1) {
            throw new IllegalArgumentException("probeBatch must be at least 1, got " + probeBatch);
        }
    }

    /**
     * One probe per loss evaluation (probeBatch 1), the configuration before batched probes.
     *
     * @param scheme the finite-difference formula
     * @param steps how large a step each coordinate gets
     * @param mode black-box or delta
     * @param execution where the coordinates run
     * @param progress hears coordinates done
     * @param cancellation checked before every coordinate
     * @throws NullPointerException if an argument is null
     */
    public NumericGradient(Scheme scheme, StepPolicy steps, Mode mode, Execution execution,
            ProgressListener progress, CancellationToken cancellation) {
        this(scheme, steps, mode, execution, progress, cancellation, 1);
    }

    /** {@return central difference, {@link StepPolicy#scaledToScheme()}, black-box, the common pool} */
    public static NumericGradient defaults() {
        return new NumericGradient(Scheme.central(), StepPolicy.scaledToScheme(), Mode.BLACK_BOX,
                Execution.commonPool(), ProgressListener.NONE, CancellationToken.none());
    }

    /**
     * {@return a copy with another finite-difference scheme}
     *
     * @param scheme the scheme
     */
    public NumericGradient withScheme(Scheme scheme) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * {@return a copy with another step policy}
     *
     * @param steps the step policy
     */
    public NumericGradient withSteps(StepPolicy steps) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * {@return a copy with another mode (black-box or delta)}
     *
     * @param mode the mode
     */
    public NumericGradient withMode(Mode mode) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * {@return a copy that runs its coordinates elsewhere}
     *
     * @param execution serial, the common pool or a caller's pool
     */
    public NumericGradient withExecution(Execution execution) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * {@return a copy that reports progress to this listener}
     *
     * @param progress the listener; {@link ProgressListener#NONE} for none
     */
    public NumericGradient withProgress(ProgressListener progress) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * {@return a copy that checks this token before every coordinate}
     *
     * @param cancellation the token; {@link CancellationToken#none()} for none
     */
    public NumericGradient withCancellation(CancellationToken cancellation) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * This configuration with K probe points per black-box loss evaluation (see the record's
     * {@code probeBatch}).
     *
     * @param probeBatch K, at least 1; 1 evaluates one probe per call
     * @return a new configuration
     * @throws IllegalArgumentException if probeBatch is below 1
     */
    public NumericGradient withProbeBatch(int probeBatch) {
        return new NumericGradient(scheme, steps, mode, execution, progress, cancellation, probeBatch);
    }

    /**
     * The gradient of {@code loss} at {@code x}, in a fresh array.
     *
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @param loss the loss
     * @return the gradient and what it cost
     * @throws dev.numgrad.InvalidDimensionException if the loss's dimension is below 1
     * @throws DimensionMismatchException if x has the wrong length
     * @throws NonFiniteParameterException if some x_i is NaN or infinite (the first one is named)
     * @throws dev.numgrad.InvalidStepException if a coordinate's step is invalid
     * @throws UnsupportedModeException for delta mode on a loss that is not a {@link DeltaLoss}
     * @throws dev.numgrad.LossEvaluationException if the loss throws (naming the coordinate)
     * @throws dev.numgrad.NonFiniteLossException if the loss returns NaN or ±∞ (naming the coordinate)
     * @throws GradientCancelledException if the cancellation token was cancelled
     * @throws dev.numgrad.NonFiniteDerivativeException if every loss value was finite but a
     *     difference quotient overflowed (naming the coordinate and the step)
     * @throws dev.numgrad.InputModifiedException if the loss's evaluator wrote into the x it was
     *     given (naming the entry)
     * @throws dev.numgrad.PoolUnavailableException if the execution's pool is shut down or cannot
     *     start a worker thread
     */
    public GradientResult compute(Loss loss, double[] x) {
        Objects.requireNonNull(loss, "loss");
        return compute(loss, x, new double[dimension(loss)]);
    }

    /**
     * As {@link #compute(Loss, double[])}, writing the gradient into {@code out}, which the
     * result's {@link GradientResult#values()} then is (handy in a descent loop). Error estimates,
     * when the scheme gives them, go to a fresh array.
     *
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @param out the gradient, length {@code loss.dimension()}, not x itself. Modified: overwritten
     *     on success; unspecified after an exception.
     * @param loss the loss
     * @return the gradient (its values are {@code out}) and what it cost
     */
    public GradientResult compute(Loss loss, double[] x, double[] out) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(out, "out");
        if (out.length != dimension(loss)) {
            throw new DimensionMismatchException("out", out.length, loss.dimension());
        }
        if (out == x) {
            throw new IllegalArgumentException("out must not be x: x is not modified");
        }
        return run(loss, x, null, out);
    }

    /**
     * The partial derivatives of the listed coordinates only: {@code values()[k]} is
     * ∂f/∂x_{coordinates[k]}. It costs {@code coordinates.length} coordinates' evaluations instead
     * of n, which makes it the tool for sampled gradient checks and for timing a known fraction
     * of a black-box gradient too expensive to run whole. Every entry is bit-identical to the same
     * coordinate of {@link #compute(Loss, double[])}.
     *
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @param coordinates indices in [0, dimension), in any order, repeats allowed. Not modified.
     * @param loss the loss
     * @return the listed partial derivatives and what they cost
     * @throws IndexOutOfBoundsException naming the first coordinate out of range
     */
    public GradientResult computeCoordinates(Loss loss, double[] x, int[] coordinates) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(coordinates, "coordinates");
        dimension(loss);
        int[] slots = coordinates.clone();
        for (int k = 0; k < slots.length; k++) {
            if (slots[k] < 0 || slots[k] >= loss.dimension()) {
                throw new IndexOutOfBoundsException("coordinates[" + k + "] = " + slots[k]
                        + " is not in [0, " + loss.dimension() + ")");
            }
        }
        return run(loss, x, slots, new double[slots.length]);
    }

    /** Validates, then differences every slot of {@code out}; {@code coordinates} null means all. */
    private GradientResult run(Loss loss, double[] x, int[] coordinates, double[] out) {
        long start = System.nanoTime();
        Objects.requireNonNull(x, "x");
        int n = loss.dimension();
        if (x.length != n) {
            throw new DimensionMismatchException(x.length, n);
        }
        if (mode == Mode.DELTA && !(loss instanceof DeltaLoss)) {
            throw new UnsupportedModeException(mode.id(), nameOf(loss), "a delta evaluator (a DeltaLoss)");
        }
        // Validate a private copy, so what is checked is what the workers read.
        double[] x0 = x.clone();
        int nonFinite = firstNonFinite(x0);
        if (nonFinite >= 0) {
            throw new NonFiniteParameterException(nonFinite, x0[nonFinite]);
        }
        int slots = out.length;
        checkSteps(scheme, steps, x0, coordinates, slots);
        if (cancellation.isCancelled()) {
            throw new GradientCancelledException(0, slots);
        }

        Job job = new Job(nameOf(loss), scheme, steps, x0, coordinates, out,
                scheme.estimatesError() ? new double[slots] : null);
        int batch = mode == Mode.BLACK_BOX && loss instanceof ProbeBatchLoss ? probeBatch : 1;
        Supplier<GradientWorker> factory;
        if (mode == Mode.DELTA) {
            factory = () -> new DeltaWorker(job, (DeltaLoss) loss);
        } else if (batch > 1) {
            factory = () -> new BatchedBlackBoxWorker(job, (ProbeBatchLoss) loss, batch);
        } else {
            factory = () -> BlackBoxWorker.of(job, loss);
        }
        WorkerStash<GradientWorker> workers = new WorkerStash<>(factory);
        try {
            GradientWorker first = workers.borrow();
            if (first instanceof BlackBoxWorker blackBox && scheme.usesBaseValue()) {
                job.base = blackBox.valueAtBase();
            }
            workers.giveBack(first);

            // batched: one scheduler slot per group of `batch` coordinates
            int tasks = (int) ((slots + (long) batch - 1) / batch);
            CoordinateScheduler.run(execution.pool().orElse(null), tasks, workers, progress, cancellation);
        } finally {
            // The scheduler returns (or throws) only once no thread uses a worker any more.
            workers.created().forEach(GradientWorker::release);
        }
        if (mode == Mode.DELTA) {
            // Delta evaluators share x0 (a private copy each would cost O(threads · n) more, and
            // a check per range O(n) against ranges of O(1) probes): one comparison with the
            // caller's x, equal to x0 when it was validated, finds a write by any of them.
            int j = Arrays.mismatch(x0, x);
            if (j >= 0) {
                throw InputModifiedException.byLoss(loss.name(), j, x[j], x0[j], "the delta gradient was computed");
            }
        }

        long evaluations = 0;
        for (GradientWorker worker : workers.created()) {
            evaluations += worker.evaluations;
        }
        return new GradientResult(out, evaluations, Duration.ofNanos(System.nanoTime() - start), job.errors, batch);
    }

    /** The loss's dimension, validated before anything of that size is allocated. */
    private static int dimension(Loss loss) {
        return InvalidDimensionException.check(nameOf(loss), loss.dimension());
    }

    /** The loss's name for messages; a user's loss may return null or a blank name, never shown as {@code ''}. */
    private static String nameOf(Loss loss) {
        String name = loss.name();
        return name == null || name.isBlank() ? loss.getClass().getName() : name;
    }

    /*
     * The two validation passes are methods of their own: run() is large and called once per
     * gradient, so it stays in C1's profiling tier for many gradients, and a million-coordinate
     * loop inside it took ~10 ms per gradient there (JFR, mlp(784,1270,10,32) in delta mode); a
     * small method's loop is compiled by C2 during its first call.
     */

    /** {@return the first index whose value is NaN or infinite, or −1} */
    private static int firstNonFinite(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Validates the step of every output slot's coordinate, in slot order. */
    private static void checkSteps(Scheme scheme, StepPolicy steps, double[] x, int[] coordinates, int slots) {
        for (int k = 0; k < slots; k++) {
            int i = coordinates == null ? k : coordinates[k];
            steps.checkedStep(scheme, x[i], i);
        }
    }

}
