package dev.numgrad.cli;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.Words;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

/**
 * Carries out a {@link GradientRequest}: builds the workload, computes its exact gradient once
 * (the reference for err_inf), then the requested gradient {@code warmup} times unmeasured, more
 * times unmeasured while the JIT compiler is still compiling ({@link JitSettling}), and
 * {@code repeat} times measured.
 *
 * <p>Threads: 1 runs the engine's serial path in the calling thread; T &gt; 1 runs on the calling
 * thread and T − 1 workers of a {@link ForkJoinPool} of parallelism T created for this run and
 * closed after it, so the common
 * pool's size (and whatever else uses it) plays no part in the figures. The exact gradient
 * (backprop) is single-threaded and always runs in the calling thread. With a cluster, the
 * numeric gradients run on its members ({@link ClusterGradient}); this JVM still builds the
 * loss, for the exact gradient that err_inf is measured against.
 */
final class GradientRun {

    /** {@link #interrupted}'s run number for a warm-up gradient beyond the ones asked for. */
    private static final int EXTRA_WARMUP = Integer.MIN_VALUE;

    private final GradientRequest request;
    private final boolean showProgress;
    private final PrintWriter err;
    private final CancellationToken interrupt;
    private final ForkJoinWorkerThreadFactory threads;
    /** Set by the --timeout timer before it cancels, so that a cancellation can say which stop it was. */
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private double[] gradient;

    /**
     * @param showProgress whether to draw a progress bar on {@code err}
     * @param interrupt cancelled by Ctrl-C ({@link GracefulStop}); the run then fails with exit 130
     * @param threads where a pool's worker threads come from
     */
    GradientRun(GradientRequest request, boolean showProgress, PrintWriter err, CancellationToken interrupt,
            ForkJoinWorkerThreadFactory threads) {
        this.request = request;
        this.showProgress = showProgress;
        this.err = err;
        this.interrupt = interrupt;
        this.threads = threads;
    }

    /**
     * The gradients computed and how long each took.
     *
     * @param workers the member count when computed on a cluster, else 0 (the report says threads)
     * @param probeBatch the probe points per loss pass the engine used
     */
    private record Timed(double[] gradient, long evaluations, double[] seconds, int workers, int probeBatch,
            int extraWarmup) {
    }

    /**
     * Computes and measures; writes nothing (see {@link #writeDump()}).
     *
     * @throws CliFailure when the heap or the threads run out, at --timeout, and on Ctrl-C (exit 130)
     */
    GradientReport run() {
        try {
            return measure();
        } catch (OutOfMemoryError e) {
            throw ResourceFailure.of(e, request.estimatedBytes());
        }
    }

    /**
     * Writes the gradient to --dump, whole or not at all, after {@link #run()}.
     *
     * @return null when written (or not asked for), else the failure in one line
     */
    String writeDump() {
        if (request.dump() == null) {
            return null;
        }
        try {
            GradientDump.write(request.dump(), gradient);
            return null;
        } catch (IOException e) {
            return "cannot write --dump " + request.dump() + ": " + IoReason.of(e);
        }
    }

    private GradientReport measure() {
        BundledLoss loss = request.workload().build(request.kernels());
        double[] x = Workloads.start(loss.dimension());
        double[] exact = new double[x.length];
        ExactGradient reference = loss.newExactGradient();
        double value = reference.valueAndGradient(x, exact);

        Timed timed = request.mode() == Mode.BACKPROP ? backprop(reference, x) : numeric(loss, x);
        gradient = timed.gradient();
        boolean backprop = request.mode() == Mode.BACKPROP;
        boolean onCluster = timed.workers() > 0;
        // Backprop runs in the calling thread; the report says so.
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
                timed.extraWarmup(),
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
        MutableDoubleList seconds = new DoubleArrayList();
        double[] values = new double[x.length];
        for (int run = -request.warmup(); run < request.repeat(); run++) {
            checkInterrupt(run, 0, 1);
            long start = System.nanoTime();
            reference.valueAndGradient(x, values);
            if (run >= 0) {
                seconds.add((System.nanoTime() - start) * 1e-9);
            }
        }
        return new Timed(values, 1, seconds.toArray(), 0, 1, 0);
    }

    /** Between exact gradients (which cannot be cancelled part-way), Ctrl-C ends the run. */
    private void checkInterrupt(int run, long done, long total) {
        if (interrupt.isCancelled()) {
            throw interrupted(run, done, total);
        }
    }

    private CliFailure interrupted(int run, long done, long total) {
        String which = run < 0 ? "warm-up gradient " + (request.warmup() + run + 1) + " of " + request.warmup()
                : run == EXTRA_WARMUP ? "an extra warm-up gradient (the JIT was still compiling)"
                : "gradient " + (run + 1) + " of " + request.repeat();
        return new CliFailure("interrupted (Ctrl-C) during " + which + ", after "
                + String.format(Locale.ROOT, "%,d", done) + " of " + Words.count(total, "coordinate") + "; nothing was reported or written", null,
                DescendCommand.EXIT_INTERRUPTED);
    }

    private Timed numeric(BundledLoss loss, double[] x) {
        MutableDoubleList seconds = new DoubleArrayList();
        int warmup = request.warmup();
        // One token for both stops: Ctrl-C (through the interrupt token) and --timeout.
        CancellationToken cancellation = CancellationToken.create();
        try (ProgressDisplay display = showProgress
                        ? new ProgressDisplay(err, Terminal.stderrUnicode(), request.coordinates(),
                                (long) warmup + request.repeat(), ProgressDisplay.DEFAULT_DELAY_NANOS)
                        : null;
                WorkerPool pool = WorkerPool.of(request.cluster() != null ? 1 : request.threads(), threads);
                ClusterConnection cluster = request.cluster() == null ? null : ClusterConnection.connect(request.cluster())) {
            NumericGradient engine = new NumericGradient(request.scheme(), request.stepPolicy(),
                    request.mode().engineMode(), pool.execution(), ProgressListener.NONE,
                    new EitherToken(cancellation, interrupt), request.probeBatch());
            if (request.timeout() != null) {
                CompletableFuture.delayedExecutor(request.timeout().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                        .execute(() -> {
                            timedOut.set(true);
                            cancellation.cancel();
                        });
            }
            // Runs -warmup .. -1 are the warm-up, unmeasured; 0 .. repeat - 1 are timed.
            JitSettling jit = JitSettling.ofThisJvm();
            for (int run = -warmup; run < 0; run++) {
                jit.beforeGradient();
                once(display == null ? engine : engine.withProgress(display.forGradient(warmup + run)), run, loss, x,
                        cluster);
            }
            // A local gradient after a warm-up: more, unmeasured and without a bar, while the JIT
            // still compiles (the cluster's members compile on their own)
            int extraWarmup = 0;
            while (warmup > 0 && cluster == null && jit.anotherGradient()) {
                jit.beforeGradient();
                once(engine, EXTRA_WARMUP, loss, x, null);
                extraWarmup++;
            }
            GradientResult result = null;
            for (int run = 0; run < request.repeat(); run++) {
                NumericGradient configured = display == null ? engine
                        : engine.withProgress(display.forGradient(warmup + run));
                long start = System.nanoTime();
                result = once(configured, run, loss, x, cluster);
                seconds.add((System.nanoTime() - start) * 1e-9);
            }
            return new Timed(result.values(), result.evaluations(), seconds.toArray(),
                    cluster == null ? 0 : cluster.dataMembers(), result.probeBatch(), extraWarmup);
        }
    }

    /** One gradient, here or on the cluster; a cancellation becomes the failure that says which stop it was. */
    private GradientResult once(NumericGradient configured, int run, BundledLoss loss, double[] x,
            ClusterConnection cluster) {
        int[] sample = request.sampled() ? request.sample() : null;
        try {
            return cluster != null
                    ? new ClusterGradient(configured, cluster.instance(), ClusterOptions.defaults())
                            .compute(LossSpec.workload(request.workload(), request.kernels()), x)
                    : sample == null ? configured.compute(loss, x) : configured.computeCoordinates(loss, x, sample);
        } catch (GradientCancelledException e) {
            if (timedOut.get()) {
                throw new CliFailure("stopped at --timeout " + request.timeout().toNanos() / 1e9 + " s: "
                        + e.getMessage(), e);
            }
            throw interrupted(run, e.done(), e.total());
        }
    }

    /** Cancelled when either token is: the run's own (--timeout) or the command's (Ctrl-C). */
    private record EitherToken(CancellationToken first, CancellationToken second) implements CancellationToken {
        @Override
        public void cancel() {
            first.cancel();
        }

        @Override
        public boolean isCancelled() {
            return first.isCancelled() || second.isCancelled();
        }
    }

    /** @param sorted ascending, at least one element. Not modified. */
    static double median(double[] sorted) {
        int mid = sorted.length >>> 1;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
