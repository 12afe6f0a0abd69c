package dev.numgrad.cli;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.BundledLoss;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.loss.Workloads;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link GradientRequest}: builds the workload, computes its exact gradient once
 * (the reference for err_inf), then the requested gradient {@code repeat} times, timing each.
 *
 * <p>Threads: 1 runs the engine's serial path in the calling thread; T &gt; 1 runs on a
 * {@link ForkJoinPool} of T workers created for this run and closed after it, so the common
 * pool's size (and whatever else uses it) plays no part in the figures.
 */
final class GradientRun {

    private final GradientRequest request;
    private final boolean showProgress;
    private final PrintWriter err;

    /**
     * @param showProgress whether to draw a progress bar on {@code err}
     */
    GradientRun(GradientRequest request, boolean showProgress, PrintWriter err) {
        this.request = request;
        this.showProgress = showProgress;
        this.err = err;
    }

    GradientReport run() {
        try {
            return measure();
        } catch (OutOfMemoryError e) {
            throw new CliFailure("ran out of heap (" + Bytes.format(Runtime.getRuntime().maxMemory())
                    + ") although the estimate was " + Bytes.format(request.estimatedBytes())
                    + "; raise NUMGRAD_HEAP", e);
        }
    }

    private GradientReport measure() {
        BundledLoss loss = request.workload().build(request.kernels());
        int n = loss.dimension();
        double[] x = Workloads.start(n);
        double[] exact = new double[n];
        ExactGradient reference = loss.newExactGradient();
        double value = reference.valueAndGradient(x, exact);

        double[] seconds = new double[request.repeat()];
        double[] gradient = null;
        long evaluations;
        boolean serial = request.threads() == 1;
        CancellationToken cancellation = CancellationToken.create();
        try (ProgressDisplay display = showProgress && request.mode() != Mode.BACKPROP
                        ? new ProgressDisplay(err, unicode(), n, request.repeat(), ProgressDisplay.DEFAULT_DELAY_NANOS) : null;
                ForkJoinPool pool = serial ? null : new ForkJoinPool(request.threads())) {
            Execution execution = serial ? Execution.serial() : Execution.on(pool);
            if (request.mode() == Mode.BACKPROP) {
                evaluations = 1;
                for (int r = 0; r < seconds.length; r++) {
                    gradient = new double[n];
                    long start = System.nanoTime();
                    reference.valueAndGradient(x, gradient);
                    seconds[r] = (System.nanoTime() - start) * 1e-9;
                }
            } else {
                NumericGradient engine = new NumericGradient(request.scheme(), request.stepPolicy(),
                        request.mode() == Mode.DELTA ? dev.numgrad.gradient.Mode.DELTA : dev.numgrad.gradient.Mode.BLACK_BOX,
                        execution, ProgressListener.NONE, cancellation);
                GradientResult result = null;
                if (request.timeout() != null) { // the clock starts with the first numeric gradient
                    CompletableFuture.delayedExecutor(request.timeout().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                            .execute(cancellation::cancel);
                }
                for (int r = 0; r < seconds.length; r++) {
                    NumericGradient configured = display == null ? engine : engine.withProgress(display.forGradient(r));
                    long start = System.nanoTime();
                    try {
                        result = configured.compute(loss, x);
                    } catch (GradientCancelledException e) {
                        throw new CliFailure("stopped at --timeout " + seconds(request.timeout()) + ": "
                                + e.getMessage(), e);
                    }
                    seconds[r] = (System.nanoTime() - start) * 1e-9;
                }
                gradient = result.values();
                evaluations = result.evaluations();
            }
        }
        if (request.dump() != null) {
            try {
                GradientDump.write(request.dump(), gradient);
            } catch (IOException e) {
                throw new CliFailure("cannot write --dump " + request.dump() + ": " + e.getMessage(), e);
            }
        }
        boolean backprop = request.mode() == Mode.BACKPROP;
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        return new GradientReport(
                request.workload().workload().cliName(),
                Arrays.stream(request.workload().sizes().toArray()).asLongStream().toArray(),
                n,
                request.mode().label(),
                backprop ? null : request.scheme().id(),
                backprop ? null : request.stepLabel(),
                request.threads(),
                serial ? "serial" : "fork-join",
                request.kernels().name(),
                request.repeat(),
                evaluations,
                median(sorted),
                sorted[0],
                GradientError.relativeInf(gradient, exact),
                value);
    }

    /** Whether stderr's encoding has the block characters of the bar. */
    private static boolean unicode() {
        return System.err.charset().name().startsWith("UTF");
    }

    /** E.g. "2.5 s". */
    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }

    /** @param sorted ascending, at least one element. Not modified. */
    static double median(double[] sorted) {
        int mid = sorted.length >>> 1;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
