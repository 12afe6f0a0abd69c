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

    /** The gradients computed and how long each took. */
    private record Timed(double[] gradient, long evaluations, double[] seconds) {
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
        double[] x = Workloads.start(loss.dimension());
        double[] exact = new double[x.length];
        ExactGradient reference = loss.newExactGradient();
        double value = reference.valueAndGradient(x, exact);

        Timed timed = request.mode() == Mode.BACKPROP ? backprop(reference, x) : numeric(loss, x);
        if (request.dump() != null) {
            try {
                GradientDump.write(request.dump(), timed.gradient());
            } catch (IOException e) {
                throw new CliFailure("cannot write --dump " + request.dump() + ": " + e.getMessage(), e);
            }
        }
        boolean backprop = request.mode() == Mode.BACKPROP;
        double[] sorted = timed.seconds().clone();
        Arrays.sort(sorted);
        return new GradientReport(
                request.workload().workload().cliName(),
                Arrays.stream(request.workload().sizes().toArray()).asLongStream().toArray(),
                x.length,
                request.mode().label(),
                backprop ? null : request.scheme().id(),
                backprop ? null : request.stepLabel(),
                request.threads(),
                request.threads() == 1 ? "serial" : "fork-join",
                request.kernels().name(),
                request.repeat(),
                timed.evaluations(),
                median(sorted),
                sorted[0],
                GradientError.relativeInf(timed.gradient(), exact),
                value);
    }

    /** The exact gradient itself, timed: the cost that numeric gradients are compared with. */
    private Timed backprop(ExactGradient reference, double[] x) {
        double[] seconds = new double[request.repeat()];
        double[] gradient = new double[x.length];
        for (int r = 0; r < seconds.length; r++) {
            long start = System.nanoTime();
            reference.valueAndGradient(x, gradient);
            seconds[r] = (System.nanoTime() - start) * 1e-9;
        }
        return new Timed(gradient, 1, seconds);
    }

    private Timed numeric(BundledLoss loss, double[] x) {
        double[] seconds = new double[request.repeat()];
        CancellationToken cancellation = CancellationToken.create();
        boolean serial = request.threads() == 1;
        try (ProgressDisplay display = showProgress
                        ? new ProgressDisplay(err, unicode(), x.length, seconds.length, ProgressDisplay.DEFAULT_DELAY_NANOS)
                        : null;
                ForkJoinPool pool = serial ? null : new ForkJoinPool(request.threads())) {
            NumericGradient engine = new NumericGradient(request.scheme(), request.stepPolicy(),
                    request.mode().engineMode(), serial ? Execution.serial() : Execution.on(pool),
                    ProgressListener.NONE, cancellation);
            if (request.timeout() != null) {
                CompletableFuture.delayedExecutor(request.timeout().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                        .execute(cancellation::cancel);
            }
            GradientResult result = null;
            for (int r = 0; r < seconds.length; r++) {
                NumericGradient configured = display == null ? engine : engine.withProgress(display.forGradient(r));
                long start = System.nanoTime();
                try {
                    result = configured.compute(loss, x);
                } catch (GradientCancelledException e) {
                    // Only the timeout cancels; say which limit was reached.
                    throw new CliFailure("stopped at --timeout " + request.timeout().toMillis() / 1000.0 + " s: "
                            + e.getMessage(), e);
                }
                seconds[r] = (System.nanoTime() - start) * 1e-9;
            }
            return new Timed(result.values(), result.evaluations(), seconds);
        }
    }

    /** Whether stderr's encoding has the block characters of the bar. */
    private static boolean unicode() {
        return System.err.charset().name().startsWith("UTF");
    }

    /** @param sorted ascending, at least one element. Not modified. */
    static double median(double[] sorted) {
        int mid = sorted.length >>> 1;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
