package dev.numgrad.cli;

import dev.numgrad.check.AnalyticGradient;
import dev.numgrad.check.CheckMode;
import dev.numgrad.check.CheckReport;
import dev.numgrad.check.GradientCheck;
import dev.numgrad.check.InjectedBug;
import dev.numgrad.check.Outcome;
import dev.numgrad.gradient.Execution;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code numgrad check}: the gradient checker on a standard workload's exact gradient, with an
 * optional deliberate bug, so that what the checker catches and how it reports it can be seen
 * from the command line. Exit 0 when the gradient passes (or the check is inconclusive), 1 when
 * it fails (the report is printed), 2 for a bad argument.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        sortSynopsis = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the gradient passed (or the check was inconclusive: the report says why)",
            "1:the gradient check failed: the report names the wrong coordinates",
            "2:a bad argument, e.g. a bug the workload has no block for"
        },
        description = {
            "Checks a standard workload's exact gradient against numgrad's numeric gradient at the",
            "workload's start point, and prints the report: worst coordinates by block and index.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  numgrad check --workload mlp --size 784,128,10,32 --mode full",
            "  numgrad check --workload mlp --size 784,1270,10,32 --mode directional --inject-bug transpose",
            "  numgrad check --workload logreg --size 256,1000 --mode sampled --inject-bug scale --json"
        })
final class CheckCommand implements Callable<Integer> {

    /** ForkJoinPool's limit on parallelism. */
    private static final int MAX_THREADS = 0x7fff;

    private CommandSpec spec;

    /** Picocli hands over the model as it builds it; the help lists the workloads' sizes. */
    @Spec
    void setSpec(CommandSpec spec) {
        this.spec = spec;
        WorkloadOptions.listWorkloadsInFooter(spec);
    }

    @Mixin
    WorkloadOptions workload;

    @Option(names = {"-m", "--mode"}, defaultValue = "full", paramLabel = "MODE",
            converter = ModeConverter.class, completionCandidates = ModeConverter.class,
            description = "full (every coordinate, by delta evaluation), sampled (a seeded sample per block)"
                    + " or directional (random directions, narrowed down on failure). Default: ${DEFAULT-VALUE}.")
    CheckMode mode;

    @Option(names = "--inject-bug", paramLabel = "KIND",
            converter = BugConverter.class, completionCandidates = BugConverter.class,
            description = "Break the exact gradient on purpose first: ${COMPLETION-CANDIDATES}.")
    InjectedBug bug;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the sample and the directions. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--worst", defaultValue = "10", paramLabel = "K",
            description = "Rows in the report, and coordinates a failing direction is narrowed to."
                    + " Default: ${DEFAULT-VALUE}.")
    int worst;

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Worker threads for numeric partial derivatives. Default: the available processors.")
    Integer threads;

    @Mixin
    KernelsOption kernels;

    @Option(names = "--json", description = "Print the report as one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        WorkloadSpec workloadSpec;
        try {
            workloadSpec = workload.parse();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        if (worst < 1) {
            throw bad("--worst must be at least 1, got " + worst);
        }
        int workers = workers();
        KernelSupport kernelSupport = kernels.resolve(spec);
        long needed = workloadSpec.estimatedBytes(workers);
        if (needed > Runtime.getRuntime().maxMemory()) {
            throw bad(String.format("%s needs ~%s, heap is %s; raise NUMGRAD_HEAP (e.g. NUMGRAD_HEAP=%s ./numgrad ...)",
                    workloadSpec.label(), Bytes.format(needed), Bytes.format(Runtime.getRuntime().maxMemory()),
                    Bytes.suggestHeap(needed)));
        }
        BundledLoss loss = workloadSpec.build(kernelSupport);
        AnalyticGradient gradient;
        try {
            gradient = bug == null ? AnalyticGradient.of(loss) : bug.inject(loss);
        } catch (IllegalArgumentException e) {
            throw bad("--inject-bug " + bug.id() + ": " + e.getMessage());
        }
        double[] x = Workloads.start(loss.dimension());
        CheckReport report;
        try (ForkJoinPool pool = workers == 1 ? null : new ForkJoinPool(workers)) {
            GradientCheck check = GradientCheck.defaults().withMode(mode).withSeed(seed).withWorst(worst)
                    .withExecution(pool == null ? Execution.serial() : Execution.on(pool));
            report = check.check(loss, x, gradient);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? report.toJson() : report.toString());
        out.flush();
        return report.outcome() == Outcome.FAILED ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
    }

    private int workers() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw bad("--threads must be in [1, " + MAX_THREADS + "], got " + threads);
        }
        return threads;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Reads a check mode; its error lists the valid names. */
    static final class ModeConverter implements ITypeConverter<CheckMode>, Iterable<String> {
        @Override
        public CheckMode convert(String value) {
            try {
                return CheckMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(CheckMode.values()).map(CheckMode::id).iterator();
        }
    }

    /** Reads a bug name; its error lists the valid names. */
    static final class BugConverter implements ITypeConverter<InjectedBug>, Iterable<String> {
        @Override
        public InjectedBug convert(String value) {
            try {
                return InjectedBug.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(InjectedBug.values()).map(InjectedBug::id).iterator();
        }
    }
}
