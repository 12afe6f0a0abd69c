package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.cluster.ClusterSettings;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code numgrad gradient}: one measured gradient of a standard workload, so that every figure
 * the project quotes can be reproduced from the command line.
 *
 * <p>Everything the request says is checked before the loss is built: the sizes, the threads,
 * the kernels, the --dump directory, and whether the memory it needs fits the heap.
 */
@Command(
        name = "gradient",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        sortSynopsis = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the computation failed: the loss threw or was not finite at a coordinate, a step overflowed, the threads or the heap ran out, --timeout was reached, or --dump could not be written (the summary is printed first; the previous file is kept)",
            "2:a bad argument, an output that cannot be written, or a request that would not fit in the heap; nothing was computed",
            "130:interrupted (Ctrl-C); nothing is written"
        },
        description = {
            "Computes one gradient of a standard workload and reports its cost and error.",
            "The point is the workload's standard start; err_inf compares with the exact gradient.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  numgrad gradient --workload rosen --size 10000 --threads 2 --warmup 2 --repeat 5",
            "  numgrad gradient --workload sumsq --size 1000000 --mode delta --json",
            "  numgrad gradient --workload logreg --size 256,1000 --dump grad.f64",
            "  numgrad gradient --workload linreg --size 256,4000 --threads 2 --probe-batch 8 --warmup 1 --repeat 5",
            "  numgrad gradient --workload mlp --size 64,64,10,32 --cluster 127.0.0.1:5701 --cluster-name demo"
        })
final class GradientCommand implements Callable<Integer> {

    /** A year: beyond it a timeout is a typo, and Duration arithmetic stays far from overflow. */
    private static final double MAX_TIMEOUT_SECONDS = 365 * 86400.0;

    private CommandSpec spec;

    /** Picocli hands over the model as it builds it; the help lists the workloads' sizes. */
    @Spec
    void setSpec(CommandSpec spec) {
        this.spec = spec;
        WorkloadOptions.listWorkloadsInFooter(spec);
    }

    @Mixin
    WorkloadOptions workload;

    @Option(names = {"-m", "--mode"}, defaultValue = "blackbox", paramLabel = "MODE",
            converter = Mode.Converter.class, completionCandidates = Mode.Converter.class,
            description = "blackbox (whole loss per probe), delta (changed terms only) or backprop"
                    + " (the exact gradient). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Mixin
    NumericGradientOptions numeric;

    @Mixin
    KernelsOption kernels;

    @Option(names = {"-r", "--repeat"}, defaultValue = "1", paramLabel = "R",
            description = "Compute the gradient R times and report the median time. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "W",
            description = "Compute W unmeasured gradients first, so that the JIT has compiled the hot"
                    + " loops before the clock runs; then more of them until the JIT has completed no compile"
                    + " for 100 ms (at most 2 s more; the report counts them). 0 times a cold start."
                    + " Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--coordinates", paramLabel = "N",
            description = "Compute only N partial derivatives, evenly spread over the parameters, and"
                    + " extrapolate the time to the whole gradient: how to price a black-box gradient"
                    + " that would take hours. Default: all.")
    Integer coordinates;

    @Option(names = "--probe-batch", defaultValue = "1", paramLabel = "K",
            description = "Black-box: evaluate up to K probe points per loss pass where the loss can"
                    + " (linreg, logreg: one pass over the data matrix for K probes; same bits as K = 1)."
                    + " 1 is one probe per evaluation. Default: ${DEFAULT-VALUE}.")
    int probeBatch;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Cancel the numeric gradients once they have run this long (an error, exit 1);"
                    + " at least 1e-9.")
    Double timeoutSeconds;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "Write the gradient to FILE as raw little-endian float64 (n × 8 bytes).")
    Path dump;

    @Mixin
    ClusterClientOptions cluster;

    @Mixin
    ReportOptions output;

    @Override
    public Integer call() {
        GradientRequest request = validate();
        PrintWriter err = spec.commandLine().getErr();
        try (GracefulStop stop = GracefulStop.install()) {
            GradientRun run = new GradientRun(request, output.progressWanted(), err, stop.token(),
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory);
            GradientReport report;
            try {
                report = run.run();
            } catch (CliFailure e) {
                if (e.exitCode() != DescendCommand.EXIT_INTERRUPTED) {
                    throw e;
                }
                // Said before the stop is closed: once it is, a Ctrl-C'd JVM exits at once.
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
            // A --dump that fails now must not take the measurement with it: the summary is
            // printed either way, and the failure after it.
            String failure = run.writeDump();
            PrintWriter out = spec.commandLine().getOut();
            out.println(output.json ? report.toJson() : report.toSummary());
            out.flush();
            if (failure != null) {
                err.println(spec.qualifiedName() + ": " + failure);
                err.flush();
                return CommandLine.ExitCode.SOFTWARE;
            }
            return CommandLine.ExitCode.OK;
        }
    }

    /**
     * Turns the options into a request, or throws a {@link ParameterException} (exit 2, one
     * line) naming the bad value. Nothing is allocated in proportion to the request here.
     */
    private GradientRequest validate() {
        int workers = numeric.workers(spec);
        if (repeat < 1) {
            throw bad("--repeat must be at least 1, got " + repeat);
        }
        if (warmup < 0) {
            throw bad("--warmup must not be negative, got " + warmup);
        }
        if (probeBatch < 1) {
            throw bad("--probe-batch must be at least 1, got " + probeBatch);
        }
        WorkloadSpec workloadSpec;
        try {
            workloadSpec = workload.parse();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        KernelSupport kernelSupport = kernels.resolve(spec);
        rejectIgnoredOptions();
        new OutputFiles(spec).check("--dump", dump);
        ClusterSettings clusterSettings = cluster.settings(spec);
        if (clusterSettings != null && mode == Mode.BACKPROP) {
            throw bad("--cluster computes numeric gradients; backprop runs in this JVM");
        }
        if (clusterSettings != null && numeric.threads != null) {
            throw bad("--threads sets this JVM's pool; with --cluster every worker computes on all its cores");
        }
        if (clusterSettings != null && coordinates != null) {
            throw bad("--coordinates samples coordinates in this JVM; with --cluster the whole gradient is computed");
        }
        GradientRequest request = new GradientRequest(workloadSpec, mode, numeric.scheme,
                numeric.stepPolicy(spec), numeric.stepLabel(), workers, kernelSupport, warmup, repeat,
                sample(workloadSpec.parameters()), dump, timeout(), probeBatch, clusterSettings);
        checkHeap(request);
        return request;
    }

    /** How many coordinates to compute: all unless --coordinates asks for fewer. */
    private int sample(int parameters) {
        if (coordinates == null) {
            return parameters;
        }
        if (coordinates < 1) {
            throw bad("--coordinates must be at least 1, got " + coordinates);
        }
        if (mode == Mode.BACKPROP) {
            throw bad("--coordinates samples a numeric gradient; backprop computes the whole gradient at once");
        }
        if (dump != null && coordinates < parameters) {
            throw bad("--dump writes a whole gradient; --coordinates " + coordinates + " computes "
                    + coordinates + " of " + parameters);
        }
        return Math.min(coordinates, parameters);
    }

    private Duration timeout() {
        if (timeoutSeconds == null) {
            return null;
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw bad("--timeout must be positive and at most a year, got " + timeoutSeconds + " s");
        }
        long nanos = Math.round(timeoutSeconds * 1e9);
        if (nanos < 1) {
            throw bad("--timeout " + timeoutSeconds + " s is below the clock's resolution of 1 ns");
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * Backprop computes the exact gradient in the calling thread: options that only shape a
     * numeric gradient would be ignored, so a request that gives them is refused rather than
     * measured as something it did not ask for.
     */
    private void rejectIgnoredOptions() {
        if (mode != Mode.BACKPROP) {
            return;
        }
        numeric.rejectForExactGradient(spec, "--mode backprop");
        if (timeoutSeconds != null) {
            throw bad("--timeout cancels numeric gradients; --mode backprop computes the exact gradient,"
                    + " which cannot be cancelled part-way");
        }
    }

    private void checkHeap(GradientRequest request) {
        long needed = request.estimatedBytes();
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            int workers = request.threads();
            throw bad(String.format(Locale.ROOT, "%s with %s %s; raise NUMGRAD_HEAP (e.g. NUMGRAD_HEAP=%s ./numgrad ...)%s",
                    request.workload().label(), Words.count(workers, "thread"), Bytes.exceeds(needed, heap),
                    Bytes.suggestHeap(needed), workers > 1 ? " or use fewer --threads" : ""));
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }


}
