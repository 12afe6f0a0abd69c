package dev.numgrad.check;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.collections.api.list.ImmutableList;

/**
 * What a {@link GradientCheck} found: a summary line, the worst coordinates by name, and how the
 * check was made, so that a failing CI log is enough to act on. {@link #toString()} is a
 * readable table, {@link #toJson()} one JSON object for tools.
 *
 * @param outcome passed, inconclusive or failed
 * @param mode the check's mode
 * @param precision the declared precision of the gradient
 * @param loss the loss's name
 * @param layout the parameter blocks, e.g. {@code W1 128×784, b1 128, W2 10×128, b2 10}
 * @param dimension number of parameters
 * @param checked coordinates compared one by one
 * @param passed of those, passed
 * @param wrong of those, wrong
 * @param inconclusive of those, inconclusive
 * @param kinks of those, at a kink
 * @param reexamined of those, re-examined at a smaller or adaptive step after failing at the default one
 * @param largestRelativeError the largest relative error among the checked coordinates (NaN when none was checked)
 * @param worst the worst coordinates, most severe first: wrong, kink, inconclusive, passed, each by excess over tolerance
 * @param directions directional mode: every direction tried; empty otherwise
 * @param notes what else the reader must know: impurity, kinks, float32 advice, budget, evaluation errors
 * @param coverage what the check covered, e.g. {@code all 101770 coordinates}
 * @param evaluation {@code delta} or {@code black-box}
 * @param step the central difference's step, e.g. {@code 2^-18·max(|x_i|, 1)}
 * @param relativeTolerance rtol
 * @param absoluteTolerance atol
 * @param seed the seed of the sample or the directions
 * @param evaluations loss evaluations made, full or delta (each delta evaluator's preparation counts one)
 * @param elapsed wall time of the whole check
 */
public record CheckReport(Outcome outcome, CheckMode mode, Precision precision, String loss, String layout,
        int dimension, long checked, long passed, long wrong, long inconclusive, long kinks, long reexamined,
        double largestRelativeError, ImmutableList<CoordinateRow> worst, ImmutableList<DirectionRow> directions,
        ImmutableList<String> notes, String coverage, String evaluation, String step, double relativeTolerance,
        double absoluteTolerance, long seed, long evaluations, Duration elapsed) {

    /** Requires every reference. */
    public CheckReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(worst, "worst");
        Objects.requireNonNull(directions, "directions");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Whether the check found something wrong: a wrong coordinate, an impure loss or gradient, or
     * an evaluation that failed.
     *
     * @return {@code outcome() == Outcome.FAILED}
     */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /**
     * The summary line, then the worst coordinates, the directions, the notes, and how the check
     * was made.
     *
     * @return the report as a table
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("gradient check ").append(outcome).append(": ").append(loss).append(", ").append(mode.id())
                .append(", ").append(checked).append(" of ").append(dimension).append(" coordinates checked: ")
                .append(passed).append(" passed, ").append(wrong).append(" wrong, ").append(inconclusive)
                .append(" inconclusive, ").append(kinks).append(" kink");
        if (!worst.isEmpty() && checked > 0) {
            text.append("; largest relative error ").append(number(largestRelativeError));
        }
        text.append('\n');
        if (!directions.isEmpty()) {
            text.append("directions (vᵀanalytic against the central difference along v):\n");
            text.append(String.format(Locale.ROOT, "  %3s  %14s  %14s  %10s  %10s  %s%n",
                    "#", "vᵀanalytic", "numeric", "abs err", "tolerance", "verdict"));
            for (DirectionRow row : directions) {
                text.append(String.format(Locale.ROOT, "  %3d  %14s  %14s  %10s  %10s  %s%n", row.direction(),
                        number(row.analytic()), number(row.numeric()), number(row.absoluteError()),
                        number(row.tolerance()), row.verdict()));
            }
        }
        if (!worst.isEmpty()) {
            int width = Math.max("coordinate".length(), worst.collectInt(row -> row.coordinate().length()).max());
            String format = "  %-" + width + "s  %14s  %14s  %10s  %10s  %10s  %-12s  %s%n";
            text.append("worst coordinates:\n");
            text.append(String.format(Locale.ROOT, format, "coordinate", "analytic", "numeric", "abs err",
                    "rel err", "tolerance", "verdict", "how"));
            for (CoordinateRow row : worst) {
                text.append(String.format(Locale.ROOT, format, row.coordinate(), number(row.analytic()),
                        number(row.numeric()), number(row.absoluteError()), number(row.relativeError()),
                        number(row.tolerance()), row.verdict(), row.how()));
            }
        }
        for (String note : notes) {
            text.append("note: ").append(note).append('\n');
        }
        text.append("covered: ").append(coverage).append('\n');
        text.append(String.format(Locale.ROOT,
                "how: central differences by %s evaluation, step %s, rtol %s, atol %s, precision %s, seed %d;"
                        + " %d evaluations in %.3f s%n",
                evaluation, step, number(relativeTolerance), number(absoluteTolerance),
                precision.name().toLowerCase(Locale.ROOT), seed, evaluations, elapsed.toNanos() / 1e9));
        text.append("layout: ").append(layout);
        return text.toString();
    }

    /**
     * The report as one JSON object: the summary fields, {@code worst} and {@code directions} as
     * arrays of objects, {@code notes} as strings. Non-finite numbers are written as null.
     *
     * @return the JSON text, one line
     */
    public String toJson() {
        Json json = new Json();
        json.open('{');
        json.field("outcome").string(outcome.name());
        json.field("mode").string(mode.id());
        json.field("precision").string(precision.name().toLowerCase(Locale.ROOT));
        json.field("loss").string(loss);
        json.field("layout").string(layout);
        json.field("dimension").number(dimension);
        json.field("checked").number(checked);
        json.field("passed").number(passed);
        json.field("wrong").number(wrong);
        json.field("inconclusive").number(inconclusive);
        json.field("kink").number(kinks);
        json.field("reexamined").number(reexamined);
        json.field("largest_relative_error").number(largestRelativeError);
        json.field("worst").open('[');
        for (CoordinateRow row : worst) {
            json.element().open('{');
            json.field("index").number(row.index());
            json.field("coordinate").string(row.coordinate());
            json.field("block").string(row.block());
            json.field("analytic").number(row.analytic());
            json.field("numeric").number(row.numeric());
            json.field("abs_error").number(row.absoluteError());
            json.field("rel_error").number(row.relativeError());
            json.field("tolerance").number(row.tolerance());
            json.field("verdict").string(row.verdict().name());
            json.field("how").string(row.how());
            json.close('}');
        }
        json.close(']');
        json.field("directions").open('[');
        for (DirectionRow row : directions) {
            json.element().open('{');
            json.field("direction").number(row.direction());
            json.field("analytic").number(row.analytic());
            json.field("numeric").number(row.numeric());
            json.field("abs_error").number(row.absoluteError());
            json.field("tolerance").number(row.tolerance());
            json.field("verdict").string(row.verdict().name());
            json.close('}');
        }
        json.close(']');
        json.field("notes").open('[');
        for (String note : notes) {
            json.element().string(note);
        }
        json.close(']');
        json.field("coverage").string(coverage);
        json.field("evaluation").string(evaluation);
        json.field("step").string(step);
        json.field("rtol").number(relativeTolerance);
        json.field("atol").number(absoluteTolerance);
        json.field("seed").number(seed);
        json.field("evaluations").number(evaluations);
        json.field("seconds").number(elapsed.toNanos() / 1e9);
        json.close('}');
        return json.toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
