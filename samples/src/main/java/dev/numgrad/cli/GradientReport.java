package dev.numgrad.cli;

import dev.numgrad.Words;
import java.util.Locale;
import java.util.Objects;

/**
 * What one {@code numgrad gradient} run measured, printed as a summary for people or as one
 * JSON line for scripts.
 *
 * @param workload workload name, e.g. "mlp"
 * @param size its sizes
 * @param parameters the gradient's dimension
 * @param mode blackbox, delta or backprop
 * @param scheme the scheme's name, or null for backprop, which uses none
 * @param step how the step was chosen, or null for backprop
 * @param threads workers that computed coordinates
 * @param execution "serial" (the calling thread) or "fork-join" (a dedicated pool)
 * @param kernels the kernels the loss ran on: "scalar" or "panama"
 * @param warmup unmeasured gradients computed first, as asked (--warmup)
 * @param warmupExtra unmeasured gradients computed after those while the JIT compiler was still
 *     compiling ({@link JitSettling})
 * @param repeat measured gradients
 * @param coordinates partial derivatives computed per gradient
 * @param extrapolated whether that was fewer than all, so that evaluations and seconds are
 *     scaled up from the sample to the whole gradient
 * @param evaluations loss evaluations per gradient, as the engine counts them (1 for backprop)
 * @param seconds median wall time of one gradient
 * @param secondsMin fastest gradient
 * @param errInf err_inf against the exact gradient (0 for backprop, which is the reference)
 * @param value the loss at the start point
 * @param probeBatch probe points per black-box loss pass the engine used (1: one per evaluation)
 */
record GradientReport(String workload, long[] size, int parameters, String mode, String scheme, String step,
        int threads, String execution, String kernels, int warmup, int warmupExtra, int repeat, int coordinates, boolean extrapolated, long evaluations, double seconds,
        double secondsMin, double errInf, double value, int probeBatch) {

    GradientReport {
        Objects.requireNonNull(workload, "workload");
        size = size.clone();
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(kernels, "kernels");
    }

    @Override
    public long[] size() {
        return size.clone();
    }

    /** One line of JSON; the field names are a stable interface for scripts. */
    String toJson() {
        return new JsonLine()
                .add("workload", workload)
                .add("size", size)
                .add("parameters", parameters)
                .add("mode", mode)
                .add("scheme", scheme)
                .add("step", step)
                .add("threads", threads)
                .add("execution", execution)
                .add("kernels", kernels)
                .add("warmup", warmup)
                .add("warmup_extra", warmupExtra)
                .add("repeat", repeat)
                .add("coordinates", coordinates)
                .add("extrapolated", extrapolated)
                .add("evaluations", evaluations)
                .add("seconds", seconds)
                .add("seconds_min", secondsMin)
                .add("err_inf", errInf)
                .add("value", value)
                .add("probe_batch", probeBatch)
                .toString();
    }

    /** A few aligned lines for a terminal. */
    String toSummary() {
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < size.length; i++) {
            sizes.append(i == 0 ? "" : ",").append(size[i]);
        }
        String how = scheme == null ? mode + " (the exact gradient)" : mode + ", scheme " + scheme + ", step " + step;
        String timing = (repeat == 1 ? format("%.4g s", seconds)
                : format("%.4g s (median of %,d, fastest %.4g s)", seconds, repeat, secondsMin))
                + (warmup == 0 ? "" : " after " + Words.count(warmup + warmupExtra, "warm-up gradient"))
                + (warmupExtra == 0 ? "" : format(" (%,d asked, %,d more while the JIT compiled)", warmup, warmupExtra))
                + (extrapolated ? format(", extrapolated from %,d of %,d coordinates", coordinates, parameters) : "");
        return String.join(System.lineSeparator(),
                format("workload     %s(%s), %s, f(x0) = %.10g", workload, sizes, Words.count(parameters, "parameter"), value),
                format("mode         %s", how),
                format("threads      %d (%s)", threads, execution),
                format("kernels      %s", kernels)
                        + (probeBatch > 1 ? format(", %d probes per loss pass", probeBatch) : ""),
                format("evaluations  %,d%s", evaluations, extrapolated ? " (extrapolated)" : ""),
                format("seconds      %s", timing),
                format("err_inf      %.3e (max |g - g*| / max |g*| against the exact gradient%s)", errInf,
                        extrapolated ? format(", over the %,d coordinates computed", coordinates) : ""));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
