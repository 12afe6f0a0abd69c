package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.optim.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one {@code numgrad descend} run did, printed as a summary for people or as one JSON line
 * for scripts.
 *
 * @param workload workload name, e.g. "rosen"
 * @param size its sizes
 * @param parameters the dimension of the descent
 * @param optimizer the optimizer's name, e.g. "adam"
 * @param learningRate its base rate
 * @param schedule the schedule as given, e.g. "cosine:0.01", with "+ warmup W" when there is one
 * @param clipping "none", "value L" or "norm L"
 * @param gradient "blackbox", "delta" or "exact"
 * @param scheme the finite-difference scheme, or null for the exact gradient
 * @param threads workers that computed gradients
 * @param kernels the kernels the loss ran on: "scalar" or "panama"
 * @param startLoss f at the start point
 * @param finalLoss f at the final iterate (after divergence: the last healthy one)
 * @param gradientNorm ‖∇f‖₂ there
 * @param bestLoss the lowest f seen
 * @param bestIteration where it was seen
 * @param iterations optimizer steps taken, including one that diverged
 * @param stopReason why the descent stopped; written by its name, e.g. "MAX_ITERATIONS"
 * @param stopDetail what stopped it, in a sentence (which value, at which iterate and coordinate)
 * @param gradientEvaluations gradients computed (one per evaluated iterate)
 * @param lossEvaluations loss evaluations as the engine counts them; for the exact gradient,
 *     one per gradient (each computes f with ∇f)
 * @param seconds wall time of the descent (building the workload and writing files excluded)
 * @param trace the trace CSV written, or null
 * @param thinnedRows 0 when the trace has a row per iterate; else the rows it kept (a run longer
 *     than {@link dev.numgrad.optim.DescentTrace#MAX_ROWS} iterates keeps every 2nd, 4th, … one)
 * @param plot the plot written, or null
 */
record DescentReport(String workload, long[] size, int parameters, String optimizer, double learningRate,
        String schedule, String clipping, String gradient, String scheme, int threads, String kernels,
        double startLoss,
        double finalLoss, double gradientNorm, double bestLoss, int bestIteration, int iterations,
        StopReason stopReason, String stopDetail, long gradientEvaluations, long lossEvaluations, double seconds,
        String trace, int thinnedRows, String plot) {

    DescentReport {
        Objects.requireNonNull(workload, "workload");
        size = size.clone();
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(stopDetail, "stopDetail");
    }

    @Override
    public long[] size() {
        return size.clone();
    }

    /** The workload's label, e.g. "linreg(256,1000)". */
    String label() {
        StringBuilder text = new StringBuilder(workload).append('(');
        for (int i = 0; i < size.length; i++) {
            text.append(i == 0 ? "" : ",").append(size[i]);
        }
        return text.append(')').toString();
    }

    /** One line of JSON; the field names are a stable interface for scripts. */
    String toJson() {
        return new JsonLine()
                .add("workload", workload)
                .add("size", size)
                .add("parameters", parameters)
                .add("optimizer", optimizer)
                .add("lr", learningRate)
                .add("schedule", schedule)
                .add("clipping", clipping)
                .add("gradient", gradient)
                .add("scheme", scheme)
                .add("threads", threads)
                .add("kernels", kernels)
                .add("start_loss", startLoss)
                .add("final_loss", finalLoss)
                .add("gradient_norm", gradientNorm)
                .add("best_loss", bestLoss)
                .add("best_iteration", bestIteration)
                .add("iterations", iterations)
                .add("stop_reason", stopReason.name())
                .add("stop_detail", stopDetail)
                .add("gradient_evaluations", gradientEvaluations)
                .add("loss_evaluations", lossEvaluations)
                .add("seconds", seconds)
                .add("trace", trace)
                .add("trace_thinned", thinnedRows != 0)
                .add("plot", plot)
                .toString();
    }

    /** A few aligned lines for a terminal. */
    String toSummary() {
        String how = scheme == null ? "exact (the loss's own gradient)"
                : format("%s, scheme %s, %s", gradient, scheme, Words.count(threads, "thread"));
        String stopped = format("%s after %s", stopReason, Words.count(iterations, "step"));
        stopped += switch (stopReason) {
            case DIVERGED -> ": " + stopDetail + "; final is the last iterate before (exit status "
                    + DescendCommand.EXIT_DIVERGED + ")";
            case FAILED -> ": " + stopDetail + "; final is the last iterate fully evaluated (exit status 1)";
            case CANCELLED -> " — interrupted; what was done is reported and written";
            default -> "";
        };
        String best = bestIteration < 0 ? "none (no iterate was evaluated)"
                : format("%.10g at iteration %,d", bestLoss, bestIteration);
        List<String> lines = new ArrayList<>(List.of(
                format("workload     %s, %s", label(), Words.count(parameters, "parameter")),
                format("optimizer    %s, lr %s, schedule %s, clipping %s", optimizer, learningRate, schedule, clipping),
                format("gradient     %s", how),
                format("kernels      %s", kernels),
                format("start loss   %.10g", startLoss),
                format("final loss   %.10g (gradient norm %.4g)", finalLoss, gradientNorm),
                format("best loss    %s", best),
                format("stopped      %s", stopped),
                format("evaluations  %s, %s", Words.count(gradientEvaluations, "gradient"),
                        Words.count(lossEvaluations, "loss evaluation")),
                format("seconds      %.4g", seconds)));
        if (trace != null) {
            lines.add(format("trace        %s%s", trace, thinnedRows == 0 ? ""
                    : format(" (%s, thinned evenly from %s to stay within memory)", Words.count(thinnedRows, "row"),
                            Words.count(iterations + 1L, "iterate"))));
        }
        if (plot != null) {
            lines.add(format("plot         %s", plot));
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
