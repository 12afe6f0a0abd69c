package dev.numgrad.cli.cost;

import dev.numgrad.Words;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.collections.api.list.ImmutableList;

/**
 * What {@code numgrad cost} makes of a {@link SweepResult}: the table, the growth exponents, a few
 * sentences computed from the numbers, and the CSV. Every extrapolated black-box figure is
 * labelled so wherever it appears.
 */
public final class CostReport {

    /** The fits need this many sizes: with two, any line fits exactly and R² says nothing. */
    public static final int MIN_POINTS_TO_FIT = 3;

    /**
     * The fits start at this many parameters when at least {@link #MIN_POINTS_TO_FIT} sizes are
     * that large. Below it, fixed per-call costs dominate (a loss evaluation of 805 parameters
     * takes about as long as one of 4,810), which would flatten the slopes that describe the
     * large models this command is about.
     */
    public static final int FIT_FROM_PARAMETERS = 10_000;

    /** The CSV's columns, in order. */
    public static final ImmutableList<String> CSV_COLUMNS = org.eclipse.collections.api.factory.Lists.immutable.of(
            "model", "parameters", "loss_seconds", "backprop_seconds",
            "delta_seconds", "delta_evaluations", "delta_over_backprop", "delta_err_inf",
            "blackbox_seconds", "blackbox_evaluations", "blackbox_over_backprop", "blackbox_err_inf",
            "blackbox_coordinates", "blackbox_basis");

    private final SweepResult result;
    private final String where;
    private final String kernels;
    private final Map<CostMethod, PowerFit> fits = new EnumMap<>(CostMethod.class);
    private final ImmutableList<SizeCost> fitted;

    /**
     * A report on a sweep whose numeric gradients ran in this JVM; the fits are computed here, once.
     *
     * @param result what was measured
     * @param threads workers of the numeric gradients, for the header
     * @param kernels the kernels' name, for the header
     */
    public CostReport(SweepResult result, int threads, String kernels) {
        this(result, Words.count(threads, "thread"), kernels);
    }

    /**
     * A report on a sweep; the fits are computed here, once.
     *
     * @param result what was measured
     * @param where where the numeric gradients ran ({@link NumericGradients#where()}), for the
     *     header and the chart's title
     * @param kernels the kernels' name, for the header
     */
    public CostReport(SweepResult result, String where, String kernels) {
        this.result = Objects.requireNonNull(result, "result");
        this.where = Objects.requireNonNull(where, "where");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        ImmutableList<SizeCost> large = result.rows().select(row -> row.parameters() >= FIT_FROM_PARAMETERS);
        this.fitted = large.size() >= MIN_POINTS_TO_FIT ? large : result.rows();
        if (fitted.size() >= MIN_POINTS_TO_FIT) {
            double[] parameters = fitted.collectDouble(SizeCost::parameters).toArray();
            for (CostMethod method : CostMethod.values()) {
                fits.put(method, PowerFit.of(parameters, fitted.collectDouble(row -> row.seconds(method)).toArray()));
            }
        }
    }

    /**
     * The fitted growth of a method's seconds with the parameters.
     *
     * @param method which
     * @return the fit, or empty with fewer than {@link #MIN_POINTS_TO_FIT} sizes
     */
    public Optional<PowerFit> fit(CostMethod method) {
        return Optional.ofNullable(fits.get(method));
    }

    /**
     * Where the numeric gradients ran: a phrase that follows "on".
     *
     * @return e.g. {@code 2 threads} or {@code cluster 'lab' at 10.0.0.5:5701 (2 members, 8 cores)}
     */
    public String where() {
        return where;
    }

    /**
     * The sizes the fits are made over: those from {@link #FIT_FROM_PARAMETERS} parameters up
     * when there are at least {@link #MIN_POINTS_TO_FIT} of them, else all.
     *
     * @return the rows fitted, smallest first
     */
    public ImmutableList<SizeCost> fitted() {
        return fitted;
    }

    /**
     * The table, one row per size, each black-box figure marked "measured" or "extrapolated".
     *
     * @return lines ending in a newline
     */
    public String table() {
        String format = "%-20s %10s %11s %9s %9s %9s %10s %9s %12s %10s %10s  %s%n";
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "One gradient of each MLP by each method: numeric gradients are central differences on %s,"
                        + " loss and backprop run on 1 thread in this JVM; %s kernels.%n%n",
                where, kernels));
        text.append(String.format(Locale.ROOT, format, "model", "parameters", "evaluations", "loss", "backprop",
                "delta", "black-box", "delta/bp", "black-box/bp", "err delta", "err bbox", "black-box from"));
        for (SizeCost row : result.rows()) {
            NumericCost box = row.blackBox();
            text.append(String.format(Locale.ROOT, format, row.model().label(), Quantities.count(row.parameters()),
                    Quantities.count(box.evaluations()), Quantities.time(row.lossSeconds()),
                    Quantities.time(row.backpropSeconds()), Quantities.time(row.delta().seconds()),
                    Quantities.time(box.seconds()), Quantities.ratio(row.deltaOverBackprop()),
                    Quantities.ratio(row.blackBoxOverBackprop()), Quantities.error(row.delta().errInf()),
                    Quantities.error(box.errInf()), basis(row)));
        }
        text.append(String.format(Locale.ROOT, "%nevaluations: loss evaluations of one black-box central gradient, 2"
                + " per parameter (a delta gradient makes as many deltas; backprop one forward and one backward pass)."
                + "%nerr: err_inf = max|g − g*| / max|g*| against backprop; for an extrapolated black-box gradient,"
                + " over its sampled coordinates.%n"));
        return text.toString();
    }

    private static String basis(SizeCost row) {
        NumericCost box = row.blackBox();
        return box.extrapolated()
                ? "extrapolated from " + Quantities.count(box.coordinates()) + " coordinates"
                : "measured whole";
    }

    /**
     * The fitted growth exponent of each method, with R², or why there is none.
     *
     * @return lines ending in a newline
     */
    public String exponents() {
        if (fits.isEmpty()) {
            return String.format(Locale.ROOT, "Growth exponents need at least %d sizes; %d measured.%n",
                    MIN_POINTS_TO_FIT, result.rows().size());
        }
        int points = fitted.size();
        int extrapolated = fitted.count(row -> row.blackBox().extrapolated());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Growth with the parameters P (least squares of log seconds on log P over the %d sizes from %s"
                        + " parameters):%n", points, Quantities.count(fitted.getFirst().parameters())));
        for (CostMethod method : CostMethod.values()) {
            PowerFit fit = fits.get(method);
            String note = method == CostMethod.BLACK_BOX && extrapolated > 0
                    ? String.format(Locale.ROOT, "; %d of %d points extrapolated", extrapolated, points) : "";
            text.append(String.format(Locale.ROOT, "  %-28s ∝ P^%.2f  (R² %.3f%s)%n", method.label(), fit.exponent(),
                    fit.rSquared(), note));
        }
        return text.toString();
    }

    /**
     * Two or three sentences on what the numbers mean, computed from them: the largest model's
     * black-box cost against backprop's, what delta evaluation buys, and how costs grow.
     *
     * @return the sentences, one per line, or an empty string when nothing was measured
     */
    public String conclusions() {
        if (result.rows().isEmpty()) {
            return "";
        }
        SizeCost largest = result.rows().getLast();
        NumericCost box = largest.blackBox();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "A black-box gradient of the largest model here, %s with %s parameters, costs %s%s;"
                        + " backprop costs %s: a factor of %s.%n",
                largest.model().label(), Quantities.count(largest.parameters()), Quantities.time(box.seconds()),
                box.extrapolated() ? " (extrapolated from " + Quantities.count(box.coordinates()) + " coordinates)" : "",
                Quantities.time(largest.backpropSeconds()), Quantities.factor(largest.blackBoxOverBackprop())));
        NumericCost delta = largest.delta();
        double errorRatio = box.errInf() / delta.errInf();
        text.append(String.format(Locale.ROOT,
                "Delta evaluation brings the numeric gradient down to %s, %s backprop, with err_inf %s against"
                        + " black-box's %s%s.%n",
                Quantities.time(delta.seconds()), Quantities.ratio(largest.deltaOverBackprop()),
                Quantities.error(delta.errInf()), Quantities.error(box.errInf()),
                errorRatio > 1 && Double.isFinite(errorRatio) ? " (" + Quantities.ratio(errorRatio) + " smaller)" : ""));
        if (!fits.isEmpty()) {
            PowerFit black = fits.get(CostMethod.BLACK_BOX);
            PowerFit backprop = fits.get(CostMethod.BACKPROP);
            text.append(String.format(Locale.ROOT,
                    "Black-box time grows as P^%.2f and backprop as P^%.2f: doubling the model multiplies a black-box"
                            + " gradient by %.1f and a backprop gradient by %.1f",
                    black.exponent(), backprop.exponent(), Math.pow(2, black.exponent()),
                    Math.pow(2, backprop.exponent())));
            int million = CostSweep.largestParameters();
            if (largest.parameters() < million) {
                text.append(String.format(Locale.ROOT, "; at that rate a %s-parameter model would take %s black-box",
                        Quantities.count(million), Quantities.time(black.at(million))));
            }
            text.append(String.format(Locale.ROOT, ".%n"));
        }
        return text.toString();
    }

    /**
     * The CSV: a header of {@link #CSV_COLUMNS}, then one row per size; times in seconds at full
     * precision; {@code blackbox_basis} is {@code measured} or {@code extrapolated}.
     *
     * @return the text, lines ending in a newline
     */
    public String csv() {
        StringBuilder text = new StringBuilder(CSV_COLUMNS.makeString(",")).append('\n');
        for (SizeCost row : result.rows()) {
            NumericCost delta = row.delta();
            NumericCost box = row.blackBox();
            text.append('"').append(row.model().label()).append('"')
                    .append(',').append(row.parameters())
                    .append(',').append(row.lossSeconds())
                    .append(',').append(row.backpropSeconds())
                    .append(',').append(delta.seconds())
                    .append(',').append(delta.evaluations())
                    .append(',').append(row.deltaOverBackprop())
                    .append(',').append(delta.errInf())
                    .append(',').append(box.seconds())
                    .append(',').append(box.evaluations())
                    .append(',').append(row.blackBoxOverBackprop())
                    .append(',').append(box.errInf())
                    .append(',').append(box.coordinates())
                    .append(',').append(box.extrapolated() ? "extrapolated" : "measured")
                    .append('\n');
        }
        return text.toString();
    }
}
