package dev.numgrad.cli;

import dev.numgrad.cli.cost.CostChart;
import dev.numgrad.cli.cost.CostMethod;
import dev.numgrad.cli.cost.CostReport;
import dev.numgrad.cli.cost.CostSweep;
import dev.numgrad.cli.cost.NumericCost;
import dev.numgrad.cli.cost.NumericGradients;
import dev.numgrad.cli.cost.PowerFit;
import dev.numgrad.cli.cost.SizeCost;
import dev.numgrad.cli.cost.SweepListener;
import dev.numgrad.cli.cost.SweepResult;
import dev.numgrad.cluster.ClusterSettings;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.workload.WorkloadSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.collections.api.list.ImmutableList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code numgrad cost}: the million-parameter problem, measured. For MLPs from about a thousand to
 * about a million parameters it times one loss evaluation, one backprop gradient, one delta and
 * one black-box central gradient ({@link CostSweep}), prints a table, the growth exponents and
 * what they mean ({@link CostReport}), and writes {@code cost.csv}, {@code cost.png} and
 * {@code cost.svg} ({@link CostChart}) into the output folder.
 *
 * <p>With {@code --cluster}, the delta and black-box gradients run on a cluster of
 * {@code numgrad worker} processes ({@link ClusterNumericGradients}); loss evaluations and backprop
 * are still timed here, and the header says so. The cluster is reached before anything is measured.
 *
 * <p>The output folder is created and checked before anything is measured. Ctrl-C stops the
 * sweep within about one coordinate per worker; the sizes measured by then are still reported
 * and written, and the exit status is 130.
 */
@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        sortSynopsis = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the computation failed, or an output file could not be written",
            "2:a bad argument, an output folder that cannot be used, or a request that would not fit in the heap",
            "130:interrupted (Ctrl-C): the sizes measured so far are still printed and written"
        },
        description = {
            "Measures why gradients need backprop: what one gradient of an MLP costs by backprop, by delta"
                    + " evaluation and by black-box finite differences, from about a thousand to about a million"
                    + " parameters.",
            "Black-box gradients too long for the budget are timed on a sample of coordinates and"
                    + " extrapolated, and labelled so everywhere.",
            ""
        },
        footer = {
            "",
            "Output, in --out: cost.csv (one row per size), cost.png and cost.svg",
            "(seconds against parameters, log-log). With --json: one JSON object per",
            "line, a \"size\" line per measured size (the CSV's fields) and a final",
            "\"summary\" line (fits, files, conclusions).",
            "",
            "Examples:",
            "  numgrad cost",
            "  numgrad cost --max-params 110000 --budget 30 --out /tmp/cost",
            "  numgrad cost --threads 1 --json > cost.jsonl",
            "  numgrad cost --max-params 110000 --cluster 127.0.0.1:5701 --cluster-name demo"
        })
final class CostCommand implements Callable<Integer> {

    /** The exit status of a sweep stopped by Ctrl-C. */
    static final int EXIT_INTERRUPTED = 130;
    /** The files written into --out. */
    static final String CSV = "cost.csv";
    static final String PNG = "cost.png";
    static final String SVG = "cost.svg";
    /** A year: beyond it a budget is a typo. */
    private static final double MAX_BUDGET_SECONDS = 365 * 86400.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--max-params", paramLabel = "P",
            description = "Measure the sizes with at most P parameters (the sweep goes 805, 1,600, 4,810, 10,345,"
                    + " 31,810, 101,770, 318,010, 795,010, 1,009,660). Default: all.")
    Integer maxParameters;

    @Option(names = "--budget", defaultValue = "120", paramLabel = "SECONDS",
            description = "About how long the sweep may take: a black-box gradient is computed whole when"
                    + " predicted to take at most a quarter of it, else on a sample of coordinates that takes"
                    + " about a twentieth, and extrapolated. Default: ${DEFAULT-VALUE}.")
    double budgetSeconds;

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Workers of the numeric gradients (loss evaluations and backprop run on one)."
                    + " Default: the available processors.")
    Integer threads;

    @Option(names = "--out", defaultValue = "numgrad-out", paramLabel = "DIR",
            description = "Folder for cost.csv, cost.png and cost.svg; created if missing."
                    + " Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    KernelsOption kernels;

    @Mixin
    ClusterClientOptions cluster;

    @Option(names = "--json",
            description = "Print JSON lines instead of the table: one per measured size, then a summary.")
    boolean json;

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress bar on stderr. Default: only when stderr is a terminal and not with --json.")
    Boolean progress;

    @Override
    public Integer call() {
        CostSweep.Settings validated = validate();
        ClusterSettings clusterSettings = cluster.settings(spec);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepResult result;
        // The cluster is reached (or not, exit 1) before anything is measured.
        try (NumericGradients gradients = clusterSettings == null ? NumericGradients.local(validated.threads())
                        : ClusterNumericGradients.connect(clusterSettings, validated.kernels());
                GracefulStop stop = GracefulStop.install()) {
            // On a cluster, black-box times are predicted for the members' cores together.
            CostSweep.Settings settings = gradients instanceof ClusterNumericGradients remote
                    ? new CostSweep.Settings(validated.models(), remote.cores(), validated.budgetSeconds(),
                            validated.kernels())
                    : validated;
            try (CostProgress bar = ReportOptions.progressWanted(progress, json)
                    ? new CostProgress(err, Terminal.stderrUnicode(), settings.models().size(),
                            ProgressDisplay.DEFAULT_DELAY_NANOS)
                    : null) {
                SweepListener listener = listener(bar, stdout);
                result = new CostSweep(settings, gradients, listener, stop.token()).run();
            }
            // A Ctrl-C interrupts this thread, and an interrupted thread cannot write through a file
            // channel: clear it, since writing what was measured is what the stop asks for.
            Thread.interrupted();
            CostReport report = new CostReport(result, gradients.where(), settings.kernels().name());
            write(report, result);
            if (json) {
                stdout.println(summaryJson(report, result, settings));
            } else {
                stdout.print(text(report, result));
            }
            stdout.flush();
        }
        return result.stopped() ? EXIT_INTERRUPTED : CommandLine.ExitCode.OK;
    }

    /** The bar, and with --json a line per size as soon as it is measured. */
    private SweepListener listener(CostProgress bar, PrintWriter stdout) {
        return new SweepListener() {
            @Override
            public void measuring(int index, WorkloadSpec model, CostMethod method, long done, long total) {
                if (bar != null) {
                    bar.measuring(index, model, method, done, total);
                }
            }

            @Override
            public void measured(SizeCost row) {
                if (json) {
                    stdout.println(sizeJson(row));
                    stdout.flush();
                }
            }
        };
    }

    /**
     * Checks every option, and creates and checks the output folder, before anything is measured.
     *
     * @throws ParameterException (exit 2, one line) naming the bad value
     */
    private CostSweep.Settings validate() {
        if (cluster.settings(spec) != null && threads != null) {
            throw bad("--threads sets this JVM's pool; with --cluster every worker computes on all its cores");
        }
        int workers = NumericGradientOptions.workers(spec, threads);
        if (!(budgetSeconds > 0) || budgetSeconds > MAX_BUDGET_SECONDS) {
            throw bad("--budget must be positive and at most a year, got " + budgetSeconds + " s");
        }
        ImmutableList<WorkloadSpec> models;
        try {
            models = CostSweep.models(maxParameters == null ? CostSweep.largestParameters() : maxParameters);
        } catch (IllegalArgumentException e) {
            throw bad("--max-params " + maxParameters + ": " + e.getMessage());
        }
        KernelSupport kernelSupport = kernels.resolve(spec);
        // On a cluster this JVM holds one model, its point and its backprop gradient; no numeric workers.
        checkHeap(models.getLast(), cluster.cluster == null ? workers : 1);
        prepareOutput();
        return new CostSweep.Settings(models, workers, budgetSeconds, kernelSupport);
    }

    private void checkHeap(WorkloadSpec largest, int workers) {
        long needed = largest.estimatedBytes(workers);
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            throw bad(String.format(Locale.ROOT, "%s with %d threads needs ~%s, heap is %s; raise NUMGRAD_HEAP"
                            + " (e.g. NUMGRAD_HEAP=%s ./numgrad ...), use fewer --threads or a smaller --max-params",
                    largest.label(), workers, Bytes.format(needed), Bytes.format(heap), Bytes.suggestHeap(needed)));
        }
    }

    /** A sweep of minutes must not lose its output to a bad folder: create it and check it now. */
    private void prepareOutput() {
        try {
            Path folder = AtomicFile.resolveLinks(out);
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw bad("--out " + out + " is not a directory");
            }
            Files.createDirectories(folder);
            new OutputFiles(spec).check("--out", folder.resolve(CSV)).check("--out", folder.resolve(PNG))
                    .check("--out", folder.resolve(SVG));
        } catch (IOException e) {
            throw bad("--out " + out + ": cannot create the folder (" + CliErrors.describe(e) + ")");
        }
    }

    private void write(CostReport report, SweepResult result) {
        Path file = out.resolve(CSV);
        try {
            AtomicFile.writeString(file, report.csv());
            var chart = CostChart.chart(report, result.rows());
            file = out.resolve(PNG);
            LossPlot.write(chart, file);
            file = out.resolve(SVG);
            LossPlot.write(chart, file);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + IoReason.of(e), e);
        }
    }

    private String text(CostReport report, SweepResult result) {
        StringBuilder text = new StringBuilder();
        if (result.stopped()) {
            text.append(String.format(Locale.ROOT, "Stopped: %d of %d sizes measured; the size under way is left out.%n%n",
                    result.rows().size(), result.planned()));
        }
        if (!result.rows().isEmpty()) {
            text.append(report.table()).append(System.lineSeparator());
            text.append(report.exponents()).append(System.lineSeparator());
            text.append(report.conclusions()).append(System.lineSeparator());
        }
        text.append(String.format(Locale.ROOT, "Wrote %s, %s and %s (%.0f s).%n", out.resolve(CSV), out.resolve(PNG),
                out.resolve(SVG), result.seconds()));
        return text.toString();
    }

    /** The CSV's fields, under the same names, with the model's sizes as a list. */
    static String sizeJson(SizeCost row) {
        NumericCost delta = row.delta();
        NumericCost box = row.blackBox();
        return new JsonLine()
                .add("type", "size")
                .add("model", row.model().label())
                .add("sizes", Arrays.stream(row.model().sizes().toArray()).asLongStream().toArray())
                .add("parameters", row.parameters())
                .add("loss_seconds", row.lossSeconds())
                .add("backprop_seconds", row.backpropSeconds())
                .add("delta_seconds", delta.seconds())
                .add("delta_evaluations", delta.evaluations())
                .add("delta_over_backprop", row.deltaOverBackprop())
                .add("delta_err_inf", delta.errInf())
                .add("blackbox_seconds", box.seconds())
                .add("blackbox_evaluations", box.evaluations())
                .add("blackbox_over_backprop", row.blackBoxOverBackprop())
                .add("blackbox_err_inf", box.errInf())
                .add("blackbox_coordinates", box.coordinates())
                .add("blackbox_basis", box.extrapolated() ? "extrapolated" : "measured")
                .toString();
    }

    private String summaryJson(CostReport report, SweepResult result, CostSweep.Settings settings) {
        JsonLine line = new JsonLine()
                .add("type", "summary")
                .add("sizes_measured", result.rows().size())
                .add("sizes_planned", result.planned())
                .add("stopped", result.stopped())
                .add("threads", settings.threads())
                .add("numeric_gradients_on", report.where())
                .add("kernels", settings.kernels().name())
                .add("budget_seconds", settings.budgetSeconds())
                .add("seconds", result.seconds());
        for (CostMethod method : CostMethod.values()) {
            String prefix = switch (method) {
                case LOSS -> "loss";
                case BACKPROP -> "backprop";
                case DELTA -> "delta";
                case BLACK_BOX -> "blackbox";
            };
            Optional<PowerFit> fit = report.fit(method);
            line.add(prefix + "_exponent", fit.map(PowerFit::exponent).orElse(Double.NaN))
                    .add(prefix + "_r2", fit.map(PowerFit::rSquared).orElse(Double.NaN));
        }
        return line.add("csv", out.resolve(CSV).toString())
                .add("png", out.resolve(PNG).toString())
                .add("svg", out.resolve(SVG).toString())
                .add("conclusions", report.conclusions().strip().replaceAll("\\R", " "))
                .toString();
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
