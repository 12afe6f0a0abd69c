package dev.numgrad.cli;

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
 * @param gradientEvaluations gradients computed (one per evaluated iterate)
 * @param lossEvaluations loss evaluations as the engine counts them; for the exact gradient,
 *     one per gradient (each computes f with ∇f)
 * @param seconds wall time of the descent (building the workload and writing files excluded)
 * @param trace the trace CSV written, or null
 * @param plot the plot written, or null
 */
record DescentReport(String workload, long[] size, int parameters, String optimizer, double learningRate,
        String schedule, String clipping, String gradient, String scheme, int threads, String kernels,
        double startLoss,
        double finalLoss, double gradientNorm, double bestLoss, int bestIteration, int iterations,
        StopReason stopReason, long gradientEvaluations, long lossEvaluations, double seconds, String trace,
        String plot) {

    DescentReport {
        Objects.requireNonNull(workload, "workload");
        size = size.clone();
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(stopReason, "stopReason");
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
                .add("gradient_evaluations", gradientEvaluations)
                .add("loss_evaluations", lossEvaluations)
                .add("seconds", seconds)
                .add("trace", trace)
                .add("plot", plot)
                .toString();
    }

    /** A few aligned lines for a terminal. */
    String toSummary() {
        String how = scheme == null ? "exact (the loss's own gradient)"
                : format("%s, scheme %s, %d thread%s", gradient, scheme, threads, threads == 1 ? "" : "s");
        String stopped = format("%s after %,d step%s", stopReason, iterations, iterations == 1 ? "" : "s");
        if (stopReason == StopReason.DIVERGED) {
            stopped += " — the loss blew up; final is the last iterate before (exit status "
                    + DescendCommand.EXIT_DIVERGED + ")";
        } else if (stopReason == StopReason.CANCELLED) {
            stopped += " — interrupted; what was done is reported and written";
        }
        List<String> lines = new ArrayList<>(List.of(
                format("workload     %s, %,d parameters", label(), parameters),
                format("optimizer    %s, lr %s, schedule %s, clipping %s", optimizer, learningRate, schedule, clipping),
                format("gradient     %s", how),
                format("kernels      %s", kernels),
                format("start loss   %.10g", startLoss),
                format("final loss   %.10g (gradient norm %.4g)", finalLoss, gradientNorm),
                format("best loss    %.10g at iteration %,d", bestLoss, bestIteration),
                format("stopped      %s", stopped),
                format("evaluations  %,d gradient%s, %,d loss evaluation%s", gradientEvaluations,
                        gradientEvaluations == 1 ? "" : "s", lossEvaluations, lossEvaluations == 1 ? "" : "s"),
                format("seconds      %.4g", seconds)));
        if (trace != null) {
            lines.add(format("trace        %s", trace));
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
