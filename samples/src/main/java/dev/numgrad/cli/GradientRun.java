package dev.numgrad.cli;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.cluster.ClusterConnection;
import dev.numgrad.cluster.ClusterGradient;
import dev.numgrad.cluster.ClusterOptions;
import dev.numgrad.cluster.LossSpec;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import dev.numgrad.workload.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link GradientRequest}: builds the workload, computes its exact gradient once
 * (the reference for err_inf), then the requested gradient {@code warmup} times unmeasured and
 * {@code repeat} times measured.
 *
 * <p>Threads: 1 runs the engine's serial path in the calling thread; T &gt; 1 runs on a
 * {@link ForkJoinPool} of T workers created for this run and closed after it, so the common
 * pool's size (and whatever else uses it) plays no part in the figures. The exact gradient
 * (backprop) is single-threaded and always runs in the calling thread. With a cluster, the
 * numeric gradients run on its members ({@link ClusterGradient}); this JVM still builds the
 * loss, for the exact gradient that err_inf is measured against.
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

    /**
     * The gradients computed and how long each took.
     *
     * @param workers the member count when computed on a cluster, else 0 (the report says threads)
     * @param probeBatch the probe points per loss pass the engine used
     */
    private record Timed(double[] gradient, long evaluations, double[] seconds, int workers, int probeBatch) {
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
        boolean onCluster = timed.workers() > 0;
        // Backprop runs in the calling thread whatever --threads says; the report says so.
        boolean serial = !onCluster && (backprop || request.threads() == 1);
        // A sample's cost is scaled to the whole gradient, and the report says it was.
        double scale = (double) x.length / request.coordinates();
        double[] sorted = timed.seconds().clone();
        Arrays.sort(sorted);
        return new GradientReport(
                request.workload().workload().cliName(),
                Arrays.stream(request.workload().sizes().toArray()).asLongStream().toArray(),
                x.length,
                request.mode().label(),
                backprop ? null : request.scheme().id(),
                backprop ? null : request.stepLabel(),
                onCluster ? timed.workers() : serial ? 1 : request.threads(),
                onCluster ? "cluster" : serial ? "serial" : "fork-join",
                request.kernels().name(),
                request.warmup(),
                request.repeat(),
                request.coordinates(),
                request.sampled(),
                Math.round(timed.evaluations() * scale),
                median(sorted) * scale,
                sorted[0] * scale,
                request.sampled() ? GradientError.relativeInfAt(timed.gradient(), request.sample(), exact)
                        : GradientError.relativeInf(timed.gradient(), exact),
                value,
                timed.probeBatch());
    }

    /** The exact gradient itself, timed: the cost that numeric gradients are compared with. */
    private Timed backprop(ExactGradient reference, double[] x) {
        double[] seconds = new double[request.repeat()];
        double[] gradient = new double[x.length];
        for (int run = -request.warmup(); run < seconds.length; run++) {
            long start = System.nanoTime();
            reference.valueAndGradient(x, gradient);
            if (run >= 0) {
                seconds[run] = (System.nanoTime() - start) * 1e-9;
            }
        }
        return new Timed(gradient, 1, seconds, 0, 1);
    }

    private Timed numeric(BundledLoss loss, double[] x) {
        double[] seconds = new double[request.repeat()];
        int warmup = request.warmup();
        int[] sample = request.sampled() ? request.sample() : null;
        CancellationToken cancellation = CancellationToken.create();
        boolean serial = request.threads() == 1 || request.cluster() != null;
        try (ProgressDisplay display = showProgress
                        ? new ProgressDisplay(err, Terminal.stderrUnicode(), request.coordinates(), warmup + seconds.length,
                                ProgressDisplay.DEFAULT_DELAY_NANOS)
                        : null;
                ForkJoinPool pool = serial ? null : new ForkJoinPool(request.threads());
                ClusterConnection cluster = request.cluster() == null ? null : ClusterConnection.connect(request.cluster())) {
            NumericGradient engine = new NumericGradient(request.scheme(), request.stepPolicy(),
                    request.mode().engineMode(), serial ? Execution.serial() : Execution.on(pool),
                    ProgressListener.NONE, cancellation, request.probeBatch());
            if (request.timeout() != null) {
                CompletableFuture.delayedExecutor(request.timeout().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                        .execute(cancellation::cancel);
            }
            GradientResult result = null;
            // Runs -warmup .. -1 are the warm-up, unmeasured; 0 .. repeat - 1 are timed.
            for (int run = -warmup; run < seconds.length; run++) {
                NumericGradient configured = display == null ? engine
                        : engine.withProgress(display.forGradient(warmup + run));
                long start = System.nanoTime();
                try {
                    result = cluster != null
                            ? new ClusterGradient(configured, cluster.instance(), ClusterOptions.defaults())
                                    .compute(LossSpec.workload(request.workload(), request.kernels()), x)
                            : sample == null ? configured.compute(loss, x) : configured.computeCoordinates(loss, x, sample);
                } catch (GradientCancelledException e) {
                    // Only the timeout cancels; say which limit was reached.
                    throw new CliFailure("stopped at --timeout " + request.timeout().toMillis() / 1000.0 + " s: "
                            + e.getMessage(), e);
                }
                if (run >= 0) {
                    seconds[run] = (System.nanoTime() - start) * 1e-9;
                }
            }
            return new Timed(result.values(), result.evaluations(), seconds,
                    cluster == null ? 0 : cluster.dataMembers(), result.probeBatch());
        }
    }

    /** @param sorted ascending, at least one element. Not modified. */
    static double median(double[] sorted) {
        int mid = sorted.length >>> 1;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
