package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.optim.DescentListener;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientClipping;
import dev.numgrad.optim.GradientSource;
import dev.numgrad.optim.NumericGradientSource;
import dev.numgrad.optim.Optimizer;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import dev.numgrad.workload.Workloads;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory;

/**
 * Carries out a {@link DescentRequest}: builds the workload, runs the descent from the
 * workload's standard start point, then writes the trace and the plot.
 *
 * <p>Threads, as for {@code numgrad gradient}: 1 runs the numeric gradient's serial path in the
 * calling thread; T &gt; 1 the calling thread and T − 1 workers of a {@link ForkJoinPool} of
 * parallelism T made for this run and closed after it. The exact gradient runs in the calling thread.
 */
final class DescendRun {

    private final DescentRequest request;
    private final boolean showProgress;
    private final PrintWriter err;
    private final CancellationToken cancellation;
    private final ForkJoinWorkerThreadFactory threads;
    private final List<String> writeFailures = new ArrayList<>();

    /**
     * @param showProgress whether to draw a progress bar on {@code err}
     * @param cancellation stops a numeric gradient part-way; interrupting the calling thread
     *     stops the descent at the next step (see {@link GracefulStop})
     * @param threads where a pool's worker threads come from
     */
    DescendRun(DescentRequest request, boolean showProgress, PrintWriter err, CancellationToken cancellation,
            ForkJoinWorkerThreadFactory threads) {
        this.request = request;
        this.showProgress = showProgress;
        this.err = err;
        this.cancellation = cancellation;
        this.threads = threads;
    }

    /**
     * Runs the descent and writes --trace and --plot. A file that cannot be written does not stop
     * the other, nor the report: its failure is in {@link #writeFailures()}.
     *
     * @throws CliFailure when the heap or the threads run out
     */
    DescentReport run() {
        try {
            return descend();
        } catch (OutOfMemoryError e) {
            throw ResourceFailure.of(e, request.estimatedBytes());
        }
    }

    /** @return one line per output that could not be written by {@link #run()}; empty when all were */
    List<String> writeFailures() {
        return List.copyOf(writeFailures);
    }

    private DescentReport descend() {
        BundledLoss loss = request.workload().build(request.kernels());
        double[] start = Workloads.start(loss.dimension());
        DescentLoop loop = request.loop();
        DescentResult result;
        long lossEvaluations;
        try (WorkerPool pool = WorkerPool.of(request.workers(), threads);
                DescentProgress progress = showProgress
                        ? new DescentProgress(err, Terminal.stderrUnicode(), loop.stopping().maxIterations(),
                                ProgressDisplay.DEFAULT_DELAY_NANOS)
                        : null) {
            DescentListener listener = progress == null ? DescentListener.none() : progress;
            if (request.numeric()) {
                NumericGradientSource source = GradientSource.numeric(new NumericGradient(request.scheme(),
                        request.stepPolicy(), request.gradient().engineMode(), pool.execution(), ProgressListener.NONE,
                        cancellation), loss);
                result = loop.run(source, start, listener);
                lossEvaluations = source.evaluations();
            } else {
                result = loop.run(GradientSource.exact(loss), start, listener);
                lossEvaluations = result.gradientEvaluations();
            }
        }
        // A cancelled run leaves the thread's interrupt status set, and an interrupted thread
        // cannot write through a file channel (ClosedByInterruptException): clear it, since
        // writing out what was done is exactly what the stop asks for.
        Thread.interrupted();
        boolean traceWritten = request.trace() != null && write("--trace", request.trace(),
                () -> AtomicFile.writeStream(request.trace(), out -> {
                    Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    result.trace().writeCsv(csv);
                    csv.flush();
                }));
        boolean plotWritten = request.plot() != null && write("--plot", request.plot(),
                () -> writePlot(result, request.plot()));
        Optimizer optimizer = loop.optimizer();
        return new DescentReport(
                request.workload().workload().cliName(),
                Arrays.stream(request.workload().sizes().toArray()).asLongStream().toArray(),
                start.length,
                optimizer.name(),
                optimizer.learningRate(),
                request.schedule(),
                describe(loop.clipping()),
                gradientLabel(request.gradient()),
                request.numeric() ? request.scheme().id() : null,
                request.workers(),
                request.kernels().name(),
                // No row when the run was cancelled before the start's gradient was done.
                result.trace().size() == 0 ? Double.NaN : result.trace().loss().get(0),
                result.loss(),
                result.gradientNorm(),
                result.bestLoss(),
                result.bestIteration(),
                result.iterations(),
                result.stopReason(),
                result.stopDetail(),
                result.gradientEvaluations(),
                lossEvaluations,
                result.elapsed().toNanos() * 1e-9,
                traceWritten ? request.trace().toString() : null,
                result.trace().thinned() ? result.trace().size() : 0,
                plotWritten ? request.plot().toString() : null);
    }

    /** One output file's write, which may fail. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** Writes one output; a failure is recorded with the OS's reason rather than thrown. */
    private boolean write(String option, Path file, Write write) {
        try {
            write.run();
            return true;
        } catch (IOException e) {
            writeFailures.add("cannot write " + option + " " + file + ": " + IoReason.of(e));
            return false;
        }
    }

    private void writePlot(DescentResult result, Path file) throws IOException {
        Optimizer optimizer = request.loop().optimizer();
        String title = String.format(Locale.ROOT, "%s: %s, lr %s, %s gradient", request.workload().label(),
                optimizer.name(), optimizer.learningRate(), gradientLabel(request.gradient()));
        String outcome = result.stopReason() + " after " + Words.count(result.iterations(), "step");
        LossPlot.write(LossPlot.chart(title, outcome, result.trace().iteration(), result.trace().loss(),
                result.bestIteration(), result.bestLoss()), file);
    }

    /** "exact" rather than "backprop": for most workloads the exact gradient is a formula. */
    static String gradientLabel(Mode mode) {
        return mode == Mode.BACKPROP ? "exact" : mode.label();
    }

    static String describe(GradientClipping clipping) {
        return switch (clipping) {
            case GradientClipping.None none -> "none";
            case GradientClipping.ByValue byValue -> "value " + byValue.limit();
            case GradientClipping.ByNorm byNorm -> "norm " + byNorm.maxNorm();
        };
    }

}
