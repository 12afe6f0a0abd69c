package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.GradientClipping;
import dev.numgrad.optim.LearningRateSchedule;
import dev.numgrad.optim.Optimizer;
import dev.numgrad.optim.StoppingRules;
import dev.numgrad.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * {@code numgrad descend}: gradient descent on a standard workload from its standard start
 * point, with any of the engine's optimizers, schedules and gradient sources; a summary or one
 * JSON line, and optionally the trace as CSV and the loss curve as a plot.
 *
 * <p>Everything the request says is checked before the loss is built. A run that diverges
 * still prints its summary and writes its trace and plot (they show the blow-up), and exits
 * with {@link #EXIT_DIVERGED} so that scripts notice.
 */
@Command(
        name = "descend",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        sortSynopsis = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the descent ran and stopped by a rule: --steps, --grad-tol, --loss-tol or --time-limit",
            "1:the descent FAILED (the loss threw, a step became invalid, the threads or the heap ran out; the summary,"
                    + " --trace and --plot of the steps done are still written), or --trace or --plot could not be"
                    + " written (the summary and the other file are; the previous file is kept)",
            "2:a bad argument, an output that cannot be written, or a request that would not fit in the heap;"
                    + " nothing was computed",
            "3:the descent DIVERGED: the loss or gradient became non-finite, or the loss rose above"
                    + " f0 + 1e6·max(|f0|, 1); the summary, --trace and --plot are still written, and the"
                    + " final iterate is the last one before",
            "130:interrupted (Ctrl-C): the run stops within the current step, and the summary, --trace and"
                    + " --plot of the steps done are still written"
        },
        description = {
            "Runs gradient descent on a standard workload from its standard start point.",
            ""
        },
        footer = {
            "",
            "Schedules (a multiplier of --lr per step; --warmup ramps up to it first):",
            "  constant           the base rate throughout",
            "  step:EVERY:FACTOR  multiply by FACTOR every EVERY steps, e.g. step:100:0.5",
            "  exp:FACTOR         multiply by FACTOR every step, e.g. exp:0.999",
            "  cosine[:FLOOR]     half a cosine from 1 down to FLOOR (default 0) over the",
            "                     steps after warm-up",
            "",
            "Examples:",
            "  numgrad descend -w rosen -s 2 -o adam --lr 0.02 -n 5000 -g exact",
            "  numgrad descend -w sumsq -s 1000 -o sgd --lr 0.1 -n 100 -g delta --json",
            "  numgrad descend -w linreg -s 256,1000 -o momentum --lr 0.05 -n 500 -g delta \\",
            "      --schedule cosine:0.01 --warmup 20 --clip-norm 10 --plot loss.png"
        })
final class DescendCommand implements Callable<Integer> {

    /** The exit status of a run that diverged. */
    static final int EXIT_DIVERGED = 3;

    /** The exit status of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
    static final int EXIT_INTERRUPTED = 130;

    private CommandSpec spec;

    /** As for {@code gradient}: the help lists the workloads' sizes. */
    @Spec
    void setSpec(CommandSpec spec) {
        this.spec = spec;
        WorkloadOptions.listWorkloadsInFooter(spec);
    }

    @Mixin
    WorkloadOptions workload;

    @Option(names = {"-o", "--optimizer"}, defaultValue = "adam", paramLabel = "NAME",
            converter = OptimizerName.class, completionCandidates = OptimizerName.class,
            description = "The update rule: ${COMPLETION-CANDIDATES}; every other hyper-parameter at its"
                    + " usual default. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", required = true, paramLabel = "RATE",
            description = "The base learning rate, positive and finite.")
    double learningRate;

    @Option(names = {"-n", "--steps"}, defaultValue = "1000", paramLabel = "N",
            description = "The most optimizer steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = {"-g", "--gradient"}, defaultValue = "blackbox", paramLabel = "SOURCE",
            converter = Mode.Converter.class,
            description = "blackbox (numeric, whole loss per probe), delta (numeric, changed terms only) or"
                    + " exact (the loss's own gradient; backprop is a synonym). Default: ${DEFAULT-VALUE}.")
    Mode gradient;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "SCHEDULE",
            converter = ScheduleSpec.Converter.class,
            description = "Learning-rate schedule, as listed below. Default: ${DEFAULT-VALUE}.")
    ScheduleSpec schedule;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "W",
            description = "Ramp the rate up linearly over the first W steps. Default: none.")
    int warmup;

    @ArgGroup(exclusive = true)
    ClipOptions clip;

    @Option(names = "--grad-tol", defaultValue = "0", paramLabel = "T",
            description = "Stop once the gradient norm is at most T. Default: off.")
    double gradientTolerance;

    @Option(names = "--loss-tol", defaultValue = "0", paramLabel = "T",
            description = "Stop once one step changes the loss by at most T·max(|f|, 1). Default: off.")
    double lossTolerance;

    @Option(names = "--time-limit", paramLabel = "TIME", converter = TimeLimitConverter.class,
            description = "Stop at the first iterate after this much time: 30s, 500ms, 5m, 1h, or seconds.")
    Duration timeLimit;

    @Mixin
    NumericGradientOptions numeric;

    @Mixin
    KernelsOption kernels;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write the trace as CSV: one row per iterate (loss, gradient norm, learning"
                    + " rate, elapsed seconds).")
    Path trace;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Write the loss against the iteration as FILE.png or FILE.svg; on a log scale"
                    + " when it spans a factor of 100 or more.")
    Path plot;

    @Mixin
    ReportOptions output;

    /** --clip-value and --clip-norm exclude each other; neither means no clipping. */
    static final class ClipOptions {
        @Option(names = "--clip-value", paramLabel = "V", required = true,
                description = "Clamp each gradient component to [-V, V].")
        Double value;

        @Option(names = "--clip-norm", paramLabel = "V", required = true,
                description = "Rescale the gradient to norm V when it is longer.")
        Double norm;

        /** @throws IllegalArgumentException for a limit that is not positive and finite */
        GradientClipping clipping() {
            return value != null ? GradientClipping.byValue(value) : GradientClipping.byNorm(norm);
        }

        String option() {
            return value != null ? "--clip-value" : "--clip-norm";
        }
    }

    @Override
    public Integer call() {
        DescentRequest request = validate();
        PrintWriter err = spec.commandLine().getErr();
        try (GracefulStop stop = GracefulStop.install()) {
            DescendRun run = new DescendRun(request, output.progressWanted(), err, stop.token(),
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory);
            DescentReport report = run.run();
            PrintWriter out = spec.commandLine().getOut();
            out.println(output.json ? report.toJson() : report.toSummary());
            out.flush();
            for (String failure : run.writeFailures()) {
                err.println(spec.qualifiedName() + ": " + failure);
            }
            String steps = Words.count(report.iterations(), "step");
            int status = switch (report.stopReason()) {
                case DIVERGED -> {
                    err.println(spec.qualifiedName() + ": DIVERGED after " + steps + " at lr " + report.learningRate()
                            + ": " + report.stopDetail() + "; try a smaller --lr, a --warmup or --clip-norm");
                    yield EXIT_DIVERGED;
                }
                case FAILED -> {
                    err.println(spec.qualifiedName() + ": FAILED after " + steps + ": " + report.stopDetail()
                            + " (the summary shows the last iterate fully evaluated)");
                    yield CommandLine.ExitCode.SOFTWARE;
                }
                case CANCELLED -> EXIT_INTERRUPTED;
                default -> CommandLine.ExitCode.OK;
            };
            err.flush();
            // A lost output outranks a divergence: the run's record is incomplete.
            return run.writeFailures().isEmpty() || status == EXIT_INTERRUPTED ? status : CommandLine.ExitCode.SOFTWARE;
        }
    }

    /**
     * Turns the options into a request, or throws a {@link ParameterException} (exit 2, one
     * line) naming the bad value. Nothing is allocated in proportion to the request here.
     */
    private DescentRequest validate() {
        if (steps < 1) {
            throw bad("--steps must be at least 1, got " + steps);
        }
        if (warmup < 0) {
            throw bad("--warmup must be non-negative, got " + warmup);
        }
        if (warmup > steps) {
            throw bad("--warmup " + warmup + " is longer than --steps " + steps);
        }
        WorkloadSpec workloadSpec = engine("--size", workload::parse);
        Optimizer rule = engine("--lr", () -> Optimizer.named(optimizer, learningRate));
        LearningRateSchedule rates = engine("--schedule", () -> schedule.build(steps, warmup));
        GradientClipping clipping = clip == null ? GradientClipping.none()
                : engine(clip.option(), clip::clipping);
        StoppingRules rules = stoppingRules();
        DescentLoop loop = new DescentLoop(rule, rates, clipping, rules, DescentLoop.DEFAULT_DIVERGENCE_FACTOR);
        rejectIgnoredOptions();
        if (plot != null && !plot.toString().isEmpty()) {
            engine("--plot", () -> LossPlot.Format.of(plot));
        }
        new OutputFiles(spec).check("--trace", trace).check("--plot", plot);
        String scheduleLabel = schedule.text() + (warmup == 0 ? "" : " + warmup " + warmup);
        KernelSupport kernelSupport = kernels.resolve(spec);
        DescentRequest request = new DescentRequest(workloadSpec, gradient, numeric.scheme,
                numeric.stepPolicy(spec), numeric.workers(spec), kernelSupport, loop, scheduleLabel, trace, plot);
        checkHeap(request);
        return request;
    }

    /** A value the engine validates: its refusal becomes a bad argument naming the option. */
    private <T> T engine(String option, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw bad(option + ": " + e.getMessage());
        }
    }

    private StoppingRules stoppingRules() {
        StoppingRules steps = StoppingRules.iterations(this.steps);
        StoppingRules gradient = engine("--grad-tol", () -> steps.withGradientTolerance(gradientTolerance));
        StoppingRules loss = engine("--loss-tol", () -> gradient.withLossChangeTolerance(lossTolerance));
        return timeLimit == null ? loss : loss.withTimeBudget(timeLimit);
    }

    private void checkHeap(DescentRequest request) {
        long needed = request.estimatedBytes();
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            throw bad(String.format(Locale.ROOT, "%s with %s and %s %s; raise NUMGRAD_HEAP (e.g. NUMGRAD_HEAP=%s"
                            + " ./numgrad ...)", request.workload().label(), Words.count(request.workers(), "thread"),
                    Words.count(steps, "step"), Bytes.exceeds(needed, heap), Bytes.suggestHeap(needed)));
        }
    }

    /**
     * The exact gradient takes no finite-difference step and runs in the calling thread: options
     * that only shape a numeric gradient would be ignored, so a request that gives them is refused.
     */
    private void rejectIgnoredOptions() {
        if (gradient != Mode.BACKPROP) {
            return;
        }
        numeric.rejectForExactGradient(spec, "--gradient exact");
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Reads an optimizer name, case-insensitive; its error lists the valid names. */
    static final class OptimizerName implements ITypeConverter<String>, Iterable<String> {
        @Override
        public String convert(String value) {
            String name = value.strip().toLowerCase(Locale.ROOT);
            if (!Optimizer.NAMES.contains(name)) {
                throw new TypeConversionException("unknown optimizer '" + value + "' (expected one of "
                        + String.join(", ", Optimizer.NAMES) + ")");
            }
            return name;
        }

        @Override
        public Iterator<String> iterator() {
            return Optimizer.NAMES.iterator();
        }
    }

    /**
     * Reads a duration: a number with a unit (ms, s, m, h), a plain number of seconds, or an
     * ISO-8601 duration such as PT1M30S. Positive and at most a year.
     */
    static final class TimeLimitConverter implements ITypeConverter<Duration> {

        private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(ms|s|m|min|h)?");
        private static final double MAX_SECONDS = 365 * 86400.0;

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            double seconds;
            Matcher matcher = WITH_UNIT.matcher(text);
            if (matcher.matches()) {
                double amount = Double.parseDouble(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                seconds = amount * switch (unit) {
                    case "ms" -> 1e-3;
                    case "m", "min" -> 60;
                    case "h" -> 3600;
                    default -> 1;
                };
            } else {
                try {
                    Duration parsed = Duration.parse(value.strip());
                    seconds = parsed.getSeconds() + parsed.getNano() * 1e-9;
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 500ms, 5m, 1h)");
                }
            }
            if (!(seconds > 0) || seconds > MAX_SECONDS) {
                throw new TypeConversionException("'" + value + "' must be positive and at most a year");
            }
            long nanos = Math.round(seconds * 1e9);
            if (nanos < 1) {
                throw new TypeConversionException("'" + value + "' is below the clock's resolution of 1 ns");
            }
            return Duration.ofNanos(nanos);
        }
    }
}
