package dev.numgrad.cli;

import dev.numgrad.InvalidStepException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Workload;
import dev.numgrad.loss.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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
            "1:the computation failed: the loss threw or was not finite at a coordinate, a step overflowed, --timeout was reached, or --dump could not be written",
            "2:a bad argument, or a request that would not fit in the heap"
        },
        description = {
            "Computes one gradient of a standard workload and reports its cost and error.",
            "The point is the workload's standard start; err_inf compares with the exact gradient.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  numgrad gradient --workload rosen --size 10000 --threads 2 --repeat 5",
            "  numgrad gradient --workload sumsq --size 1000000 --mode delta --json",
            "  numgrad gradient --workload logreg --size 256,1000 --dump grad.f64"
        })
final class GradientCommand implements Callable<Integer> {

    /** ForkJoinPool's limit on parallelism. */
    private static final int MAX_THREADS = 0x7fff;

    /** A year: beyond it a timeout is a typo, and Duration arithmetic stays far from overflow. */
    private static final double MAX_TIMEOUT_SECONDS = 365 * 86400.0;

    private CommandSpec spec;

    /**
     * Picocli hands over the model as it builds it; the workloads' size arguments are added to
     * the help here, from the engine's own list, so that the help never goes stale.
     */
    @Spec
    void setSpec(CommandSpec spec) {
        this.spec = spec;
        List<String> footer = new ArrayList<>(List.of("", "Workloads and their sizes (WORKLOADS.md):"));
        for (Workload workload : Workload.values()) {
            footer.add("  " + workload.usage());
        }
        footer.addAll(List.of(spec.usageMessage().footer()));
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "NAME",
            converter = WorkloadConverter.class, completionCandidates = WorkloadConverter.class,
            description = "The standard workload: ${COMPLETION-CANDIDATES}.")
    Workload workload;

    @Option(names = {"-s", "--size"}, required = true, paramLabel = "a,b,...",
            description = "Its sizes, comma-separated, as listed below; e.g. 256,1000 for linreg.")
    String size;

    @Option(names = {"-m", "--mode"}, defaultValue = "blackbox", paramLabel = "MODE",
            converter = Mode.Converter.class, completionCandidates = Mode.Converter.class,
            description = "blackbox (whole loss per probe), delta (changed terms only) or backprop"
                    + " (the exact gradient). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--scheme", defaultValue = "central", paramLabel = "SCHEME",
            converter = SchemeConverter.class, completionCandidates = SchemeConverter.class,
            description = "Finite-difference scheme: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Scheme scheme;

    @ArgGroup(exclusive = true)
    StepOptions step;

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Worker threads; 1 runs serially in the calling thread, more run on a"
                    + " dedicated fork/join pool of T workers. Default: the available processors.")
    Integer threads;

    @Option(names = "--kernels", defaultValue = "auto", paramLabel = "KERNELS",
            completionCandidates = KernelNames.class,
            description = "Loss kernels: ${COMPLETION-CANDIDATES} (auto: Panama SIMD when the vector"
                    + " module is present). Default: ${DEFAULT-VALUE}.")
    String kernels;

    @Option(names = {"-r", "--repeat"}, defaultValue = "1", paramLabel = "R",
            description = "Compute the gradient R times and report the median time. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Cancel the numeric gradients once they have run this long (an error, exit 1).")
    Double timeoutSeconds;

    @Option(names = "--json", description = "Print one JSON line instead of the summary.")
    boolean json;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "Write the gradient to FILE as raw little-endian float64 (n × 8 bytes).")
    Path dump;

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress bar on stderr. Default: only when stderr is a terminal and"
                    + " not with --json.")
    Boolean progress;

    /** --step and --relative-step exclude each other; neither means the scheme's own default. */
    static final class StepOptions {
        @Option(names = "--step", paramLabel = "H", required = true,
                description = "The same absolute step h for every coordinate.")
        Double absolute;

        @Option(names = "--relative-step", paramLabel = "R", required = true,
                description = "Step h_i = R·max(|x_i|, 1). Default step: ε^(1/(order+1))·max(|x_i|, 1).")
        Double relative;

        /** @throws InvalidStepException for a step that is not positive and finite */
        StepPolicy policy() {
            return absolute != null ? StepPolicy.absolute(absolute) : StepPolicy.relative(relative);
        }

        /** For the report: "h=1.0E-4" or "relative 1.0E-6". */
        String label() {
            return absolute != null ? "h=" + absolute : "relative " + relative;
        }
    }

    @Override
    public Integer call() {
        GradientRequest request = validate();
        GradientReport report = new GradientRun(request, progressWanted(), spec.commandLine().getErr()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? report.toJson() : report.toSummary());
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /**
     * Turns the options into a request, or throws a {@link ParameterException} (exit 2, one
     * line) naming the bad value. Nothing is allocated in proportion to the request here.
     */
    private GradientRequest validate() {
        int workers = workers();
        if (repeat < 1) {
            throw bad("--repeat must be at least 1, got " + repeat);
        }
        WorkloadSpec workloadSpec;
        try {
            workloadSpec = WorkloadSpec.parse(workload.cliName(), size);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        KernelSupport kernelSupport;
        try {
            kernelSupport = Kernels.byName(kernels);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw bad("--kernels: " + e.getMessage());
        }
        checkDump();
        GradientRequest request = new GradientRequest(workloadSpec, mode, scheme, stepPolicy(),
                step == null ? "default" : step.label(), workers, kernelSupport, repeat, dump, timeout());
        checkHeap(request);
        return request;
    }

    private int workers() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw bad("--threads must be at least 1, got " + threads);
        }
        if (threads > MAX_THREADS) {
            throw bad("--threads " + threads + " is more than a fork/join pool runs (" + MAX_THREADS + ")");
        }
        return threads;
    }

    private StepPolicy stepPolicy() {
        try {
            return step == null ? StepPolicy.scaledToScheme() : step.policy();
        } catch (InvalidStepException e) {
            throw bad(e.getMessage());
        }
    }

    private Duration timeout() {
        if (timeoutSeconds == null) {
            return null;
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw bad("--timeout must be positive and at most a year, got " + timeoutSeconds + " s");
        }
        return Duration.ofNanos(Math.round(timeoutSeconds * 1e9));
    }

    /** A gradient that took minutes must not be lost to a typo in the file name. */
    private void checkDump() {
        if (dump == null) {
            return;
        }
        Path parent = dump.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw bad("--dump " + dump + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(dump)) {
            throw bad("--dump " + dump + " is a directory");
        }
    }

    private void checkHeap(GradientRequest request) {
        long needed = request.estimatedBytes();
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            int workers = request.threads();
            throw bad(String.format("%s with %d thread%s needs ~%s, heap is %s; raise NUMGRAD_HEAP"
                            + " (e.g. NUMGRAD_HEAP=%s ./numgrad ...)%s",
                    request.workload().label(), workers, workers == 1 ? "" : "s", Bytes.format(needed),
                    Bytes.format(heap), Bytes.suggestHeap(needed), workers > 1 ? " or use fewer --threads" : ""));
        }
    }

    /** --progress decides when given; otherwise a bar only on a terminal and not with --json. */
    private boolean progressWanted() {
        if (progress != null) {
            return progress;
        }
        return !json && Terminal.stderrIsTerminal();
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Reads a workload name; its error lists the valid names. */
    static final class WorkloadConverter implements ITypeConverter<Workload>, Iterable<String> {
        @Override
        public Workload convert(String value) {
            try {
                return Workload.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Workload.values()).map(Workload::cliName).iterator();
        }
    }

    /** Reads a scheme name; its error lists the valid names. */
    static final class SchemeConverter implements ITypeConverter<Scheme>, Iterable<String> {
        @Override
        public Scheme convert(String value) {
            try {
                return Scheme.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Scheme.all()).map(Scheme::id).iterator();
        }
    }

    /** The --kernels choices, for help and completion. */
    static final class KernelNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.copyOf(Kernels.CHOICES).iterator();
        }
    }
}
