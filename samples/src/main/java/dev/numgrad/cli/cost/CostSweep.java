package dev.numgrad.cli.cost;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.util.Objects;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.list.ImmutableList;
import org.eclipse.collections.api.list.MutableList;

/**
 * Measures what one gradient of an MLP costs by each method, over a ladder of sizes from about a
 * thousand to about a million parameters: one loss evaluation, one backprop gradient, one delta
 * central gradient and one black-box central gradient, each numeric gradient checked against
 * backprop (err_inf).
 *
 * <p><b>The budget.</b> A black-box central gradient costs 2P loss evaluations, and each costs
 * about P multiply-adds, so its time grows as P²: half an hour at a million parameters on two
 * cores. Before computing one, the sweep predicts its time from the loss evaluation it has just
 * timed (2P·t_f / threads). When the prediction is at most a quarter of the budget
 * ({@link #WHOLE_SHARE}) the gradient is computed whole; otherwise only as many evenly spread
 * coordinates as take about a twentieth of the budget ({@link #SAMPLE_SHARE}) are computed with
 * {@link NumericGradient#computeCoordinates}, and the time is scaled by P / coordinates. That
 * scaling is sound because every black-box coordinate costs the same two full evaluations; the
 * row says it was extrapolated. Since the sizes grow geometrically, the whole gradients add up to
 * less than about half the budget and the samples to a twentieth each.
 *
 * <p><b>Timing.</b> Loss evaluations, backprop and delta gradients, and black-box gradients
 * predicted to take under a second, are the fastest of at least ten batches after a warm-up that
 * lasts until the time per call stops falling ({@link Stopwatch}); a longer black-box gradient or
 * sample is timed once. Loss evaluations and backprop run single-threaded, in this JVM.
 * Numeric gradients run where the {@link NumericGradients} given to the sweep run them: by default
 * on a fork/join pool of {@code threads} workers made for the sweep, or in the calling thread for
 * one thread; {@code numgrad cost --cluster} hands them to a cluster.
 */
public final class CostSweep {

    /** A whole black-box gradient may be predicted to take at most this share of the budget. */
    public static final double WHOLE_SHARE = 0.25;
    /** A sampled black-box gradient aims at this share of the budget. */
    public static final double SAMPLE_SHARE = 0.05;
    /** The least coordinates of a sample per worker: enough to keep every worker busy. */
    static final int MIN_SAMPLE_PER_THREAD = 32;
    /** Below this predicted time a black-box gradient is timed like a loss evaluation, else once. */
    private static final double REPEAT_BELOW_SECONDS = 1.0;

    /**
     * The sizes of the sweep: d = 784 inputs (an MNIST image), 10 classes, a batch of 32, and a
     * widening tanh hidden layer, plus mlp(64,64,10,32); every mlp size of {@code WORKLOADS.md}
     * is among them. About three per decade, so the log-log fits have points all along.
     */
    private static final ImmutableList<WorkloadSpec> LADDER = Lists.immutable.of(
            WorkloadSpec.of("mlp", 784, 1, 10, 32),       //       805
            WorkloadSpec.of("mlp", 784, 2, 10, 32),       //     1,600
            WorkloadSpec.of("mlp", 64, 64, 10, 32),       //     4,810
            WorkloadSpec.of("mlp", 784, 13, 10, 32),      //    10,345
            WorkloadSpec.of("mlp", 784, 40, 10, 32),      //    31,810
            WorkloadSpec.of("mlp", 784, 128, 10, 32),     //   101,770
            WorkloadSpec.of("mlp", 784, 400, 10, 32),     //   318,010
            WorkloadSpec.of("mlp", 784, 1000, 10, 32),    //   795,010
            WorkloadSpec.of("mlp", 784, 1270, 10, 32));   // 1,009,660

    /** The network the JIT is warmed up on: small, but with every kernel's vector loop and tail. */
    private static final WorkloadSpec WARMUP_MODEL = WorkloadSpec.of("mlp", 64, 64, 10, 32);

    /**
     * What to sweep and how.
     *
     * @param models the sizes, smallest first, at least one
     * @param threads workers of the numeric gradients, at least 1: the threads of the local pool,
     *     or the cores of the cluster that computes them (the black-box predictions divide by it)
     * @param budgetSeconds the time the sweep aims at, positive and finite (see the class comment)
     * @param kernels the kernels the losses run on
     */
    public record Settings(ImmutableList<WorkloadSpec> models, int threads, double budgetSeconds, KernelSupport kernels) {

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the bad value
         * @throws NullPointerException for a missing part
         */
        public Settings {
            Objects.requireNonNull(models, "models");
            Objects.requireNonNull(kernels, "kernels");
            if (models.isEmpty()) {
                throw new IllegalArgumentException("no model sizes to sweep");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (!(budgetSeconds > 0) || !Double.isFinite(budgetSeconds)) {
                throw new IllegalArgumentException("budget must be positive and finite, got " + budgetSeconds + " s");
            }
        }
    }

    private final Settings settings;
    /** Where the numeric gradients run; null: in this JVM on {@code settings.threads()} workers. */
    private final NumericGradients gradients;
    private final SweepListener listener;
    private final CancellationToken cancellation;

    /**
     * A sweep, ready to {@link #run()}.
     *
     * @param settings what to sweep
     * @param listener hears progress and each finished size
     * @param cancellation stops the sweep soon (within one coordinate per worker of a numeric
     *     gradient); what was measured is kept
     */
    public CostSweep(Settings settings, SweepListener listener, CancellationToken cancellation) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gradients = null;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * A sweep whose numeric gradients run where {@code gradients} runs them, ready to
     * {@link #run()}. The caller keeps ownership of {@code gradients} and closes it.
     *
     * @param settings what to sweep; {@link Settings#threads()} is the workers of {@code gradients}
     * @param gradients computes the delta and black-box gradients
     * @param listener hears progress and each finished size
     * @param cancellation stops the sweep soon; what was measured is kept
     */
    public CostSweep(Settings settings, NumericGradients gradients, SweepListener listener,
            CancellationToken cancellation) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gradients = Objects.requireNonNull(gradients, "gradients");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * The sweep's sizes with at most {@code maxParameters} parameters, smallest first.
     *
     * @param maxParameters the largest model to include, at least the smallest on the ladder
     * @return the sizes
     * @throws IllegalArgumentException when no size is that small, naming the smallest
     */
    public static ImmutableList<WorkloadSpec> models(int maxParameters) {
        ImmutableList<WorkloadSpec> models = LADDER.select(spec -> spec.parameters() <= maxParameters);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the smallest model, " + LADDER.getFirst().label() + ", has "
                    + LADDER.getFirst().parameters() + " parameters, more than " + maxParameters);
        }
        return models;
    }

    /**
     * The largest size the sweep can measure: the default of {@code --max-params}.
     *
     * @return the largest size of the ladder, in parameters
     */
    public static int largestParameters() {
        return LADDER.getLast().parameters();
    }

    /**
     * Measures every size in turn, smallest first.
     *
     * @return the rows measured; fewer than planned when cancelled
     */
    public SweepResult run() {
        long start = System.nanoTime();
        MutableList<SizeCost> rows = Lists.mutable.empty();
        boolean stopped = false;
        try (NumericGradients own = gradients == null ? NumericGradients.local(settings.threads()) : null) {
            NumericGradients numeric = own != null ? own : gradients;
            NumericGradient central = new NumericGradient(Scheme.central(), StepPolicy.scaledToScheme(),
                    Mode.BLACK_BOX, Execution.serial(), ProgressListener.NONE, cancellation);
            warmUp(central, numeric);
            for (int index = 0; index < settings.models().size(); index++) {
                if (cancellation.isCancelled()) {
                    stopped = true;
                    break;
                }
                try {
                    SizeCost row = measure(index, settings.models().get(index), central, numeric);
                    rows.add(row);
                    listener.measured(row);
                } catch (GradientCancelledException | Stopped e) {
                    stopped = true;
                    break;
                }
            }
        }
        return new SweepResult(rows.toImmutable(), settings.models().size(), stopped, Stopwatch.seconds(start));
    }

    /**
     * Runs every timed code path on a small network, untimed, for {@link #warmUpSeconds()}: a
     * cold JVM interprets the kernels far below their compiled speed (the Vector API worst of
     * all), and the first sizes would otherwise be timed while the JIT compiles them. The
     * numeric gradients warm up where they run (on a cluster: its members).
     */
    private void warmUp(NumericGradient central, NumericGradients numeric) {
        BundledLoss loss = WARMUP_MODEL.build(settings.kernels());
        double[] x = Workloads.start(loss.dimension());
        double[] gradient = new double[x.length];
        Evaluator evaluator = loss.newEvaluator();
        ExactGradient backprop = loss.newExactGradient();
        NumericGradient delta = central.withMode(Mode.DELTA);
        int[] sample = evenlySpread(MIN_SAMPLE_PER_THREAD * settings.threads(), x.length);
        long start = System.nanoTime();
        double seconds = warmUpSeconds();
        while (Stopwatch.seconds(start) < seconds && !cancellation.isCancelled()) {
            for (int k = 0; k < 100; k++) {
                evaluator.value(x);
            }
            for (int k = 0; k < 10; k++) {
                backprop.valueAndGradient(x, gradient);
            }
            numeric.compute(delta, WARMUP_MODEL, loss, x);
            numeric.computeCoordinates(central, WARMUP_MODEL, loss, x, sample);
        }
    }

    /** A fiftieth of the budget, within [0.2 s, 3 s]. */
    double warmUpSeconds() {
        return Math.clamp(settings.budgetSeconds() / 50, 0.2, 3.0);
    }

    private SizeCost measure(int index, WorkloadSpec model, NumericGradient central, NumericGradients numeric) {
        BundledLoss loss = model.build(settings.kernels());
        int n = loss.dimension();
        double[] x = Workloads.start(n);
        double[] exact = new double[n];

        listener.measuring(index, model, CostMethod.LOSS, 0, 1);
        Evaluator evaluator = loss.newEvaluator();
        double lossSeconds = Stopwatch.fastestOfShortCalls(() -> evaluator.value(x));
        listener.measuring(index, model, CostMethod.LOSS, 1, 1);

        listener.measuring(index, model, CostMethod.BACKPROP, 0, 1);
        ExactGradient backprop = loss.newExactGradient();
        double backpropSeconds = Stopwatch.fastestOfShortCalls(() -> backprop.valueAndGradient(x, exact));
        listener.measuring(index, model, CostMethod.BACKPROP, 1, 1);
        checkCancelled();

        NumericCost delta = delta(index, model, loss, x, exact, central.withMode(Mode.DELTA), numeric);
        checkCancelled();
        NumericCost blackBox = blackBox(index, model, loss, x, exact, central, numeric, lossSeconds);
        return new SizeCost(model, lossSeconds, backpropSeconds, delta, blackBox);
    }

    private NumericCost delta(int index, WorkloadSpec model, BundledLoss loss, double[] x, double[] exact,
            NumericGradient engine, NumericGradients numeric) {
        int n = x.length;
        GradientResult[] last = new GradientResult[1];
        NumericGradient reporting = engine.withProgress(progress(index, model, CostMethod.DELTA));
        double seconds = Stopwatch.fastestOfShortCalls(() -> {
            last[0] = numeric.compute(reporting, model, loss, x);
            return last[0].values()[0];
        });
        return new NumericCost(seconds, last[0].evaluations(), GradientError.relativeInf(last[0].values(), exact), n,
                false);
    }

    private NumericCost blackBox(int index, WorkloadSpec model, BundledLoss loss, double[] x, double[] exact,
            NumericGradient engine, NumericGradients numeric, double lossSeconds) {
        int n = x.length;
        int perCoordinate = engine.scheme().evaluationsPerCoordinate();
        double secondsPerCoordinate = perCoordinate * lossSeconds / settings.threads();
        double predicted = n * secondsPerCoordinate;
        NumericGradient reporting = engine.withProgress(progress(index, model, CostMethod.BLACK_BOX));
        int sample = sampleSize(n, secondsPerCoordinate);
        GradientResult[] last = new GradientResult[1];
        if (predicted <= WHOLE_SHARE * settings.budgetSeconds() || sample >= n) {
            double seconds = predicted < REPEAT_BELOW_SECONDS
                    ? Stopwatch.fastestOfShortCalls(() -> {
                        last[0] = numeric.compute(reporting, model, loss, x);
                        return last[0].values()[0];
                    })
                    : Stopwatch.once(() -> last[0] = numeric.compute(reporting, model, loss, x));
            return new NumericCost(seconds, last[0].evaluations(), GradientError.relativeInf(last[0].values(), exact),
                    n, false);
        }
        int[] coordinates = evenlySpread(sample, n);
        double seconds = Stopwatch.once(() -> last[0] = numeric.computeCoordinates(reporting, model, loss, x,
                coordinates));
        double scale = (double) n / sample;
        return new NumericCost(seconds * scale, Math.round(last[0].evaluations() * scale),
                GradientError.relativeInfAt(last[0].values(), coordinates, exact), sample, true);
    }

    /** Coordinates for a sample that takes about {@link #SAMPLE_SHARE} of the budget. */
    int sampleSize(int n, double secondsPerCoordinate) {
        double fits = SAMPLE_SHARE * settings.budgetSeconds() / secondsPerCoordinate;
        long wanted = Math.max((long) MIN_SAMPLE_PER_THREAD * settings.threads(), (long) Math.min(fits, n));
        return (int) Math.min(wanted, n);
    }

    /**
     * {@code count} coordinates of [0, n), evenly spread: the middle of each of {@code count}
     * equal stretches, so every block of the network (W1, b1, W2, b2) is sampled in proportion.
     *
     * @param count at least 1, at most n
     * @param n the dimension
     * @return ascending, distinct indices
     */
    static int[] evenlySpread(int count, int n) {
        int[] coordinates = new int[count];
        for (int k = 0; k < count; k++) {
            coordinates[k] = (int) (((2L * k + 1) * n) / (2L * count));
        }
        return coordinates;
    }

    private ProgressListener progress(int index, WorkloadSpec model, CostMethod method) {
        return (done, total) -> listener.measuring(index, model, method, done, total);
    }

    private void checkCancelled() {
        if (cancellation.isCancelled()) {
            throw new Stopped();
        }
    }

    /** Cancelled between two measurements of a size (inside a gradient the engine throws its own). */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("cost sweep cancelled", null, false, false);
        }
    }
}
