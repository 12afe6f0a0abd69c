package dev.numgrad.tour;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.knowm.xchart.XYChart;

/**
 * Lesson 3: a smaller step is not always better. The error of a scheme of order p is about
 * C·h^p (truncation, falling with h) plus ε·|f|/h (round-off in f(x + h) − f(x), rising as h
 * falls); on a log-log plot the two make a V whose bottom is near h ≈ ε^(1/(p+1)).
 * {@link StepPolicy#scaledToScheme()}, numgrad's default step, puts each scheme there.
 *
 * @param pointsPerDecade steps tried per factor of ten, from 1e-15 to 1; at least 1
 */
public record ChoosingTheStep(int pointsPerDecade) implements Lesson {

    /** The function, point and exact derivative: d/dx eˣ at 1 = e. */
    static final double X = 1;
    static final double EXACT = Math.E;
    static final int SMALLEST_EXPONENT = -15;

    private static final List<Scheme> SCHEMES = List.of(Scheme.forward(), Scheme.central(), Scheme.fivePoint());
    private static final Color[] COLORS = {Charts.ORANGE, Charts.BLUE, Charts.GREEN};

    /**
     * Validates the size.
     *
     * @throws IllegalArgumentException for fewer than one point per decade
     */
    public ChoosingTheStep {
        if (pointsPerDecade < 1) {
            throw new IllegalArgumentException("points per decade must be at least 1, got " + pointsPerDecade);
        }
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String name() {
        return "step";
    }

    @Override
    public String title() {
        return "Choosing h";
    }

    /** The error of one scheme at one step. */
    static double error(Scheme scheme, double h) {
        return Math.abs(Derivative.at("exp", Math::exp, X, scheme, h) - EXACT);
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        XYChart chart = Charts.wide("Error of d/dx eˣ at x = 1 against the step h", "step h", "|error|");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0E0");
        chart.getStyler().setYAxisDecimalPattern("0E0");
        report.number("f(x) = eˣ at x = 1, exact f'(1) = e = %.15f", EXACT);
        report.number("%-11s %5s %12s %15s %12s %15s", "scheme", "order", "default h", "error there", "best h", "best error");
        int steps = -SMALLEST_EXPONENT * pointsPerDecade;
        for (int s = 0; s < SCHEMES.size(); s++) {
            Scheme scheme = SCHEMES.get(s);
            MutableDoubleList hs = new DoubleArrayList();
            MutableDoubleList errors = new DoubleArrayList();
            double bestH = Double.NaN;
            double bestError = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= steps; k++) {
                double h = Math.pow(10, SMALLEST_EXPONENT + (double) k / pointsPerDecade);
                double error = error(scheme, h);
                if (error > 0) { // an exact hit has no place on a log axis
                    hs.add(h);
                    errors.add(error);
                }
                if (error < bestError) {
                    bestError = error;
                    bestH = h;
                }
            }
            double defaultH = StepPolicy.scaledToScheme().step(scheme, X);
            double defaultError = Derivative.result("exp", Math::exp, X, scheme, StepPolicy.scaledToScheme()).values()[0] - EXACT;
            report.number("%-11s %5d %12.2e %15.2e %12.2e %15.2e", scheme.id(), scheme.order(), defaultH,
                    Math.abs(defaultError), bestH, bestError);
            Charts.line(chart, String.format(Locale.ROOT, "%s (order %d); the dot: numgrad's default h = %.1e",
                    scheme.id(), scheme.order(), defaultH), hs.toArray(), errors.toArray(), COLORS[s]);
            // a zero error cannot sit on the log axis; drawn one decade below the sweep's best instead
            double shown = defaultError == 0 ? bestError / 10 : Math.abs(defaultError);
            Charts.dots(chart, "default step of " + scheme.id(), new double[] {defaultH}, new double[] {shown}, COLORS[s])
                    .setShowInLegend(false);
        }
        report.say("Right of the bottom of each V, truncation rules: the error falls like h, h² or h⁴ (slopes 1, 2 and 4). "
                + "Left of it, round-off rules: f(x + h) and f(x) agree in more and more digits, and their difference "
                + "keeps only the rest, so the error grows like ε/h with ε = 2.2e-16.");
        report.say("The best step is about ε^(1/(p+1)) for a scheme of order p: 1.5e-8 for forward, 6e-6 for central, "
                + "7e-4 for the five-point stencil. numgrad's default step (the dots) is that rule, rounded to a power "
                + "of two so that x ± h is exact.");
        report.figure(figures.save("lesson-3-step", "The V of truncation against round-off, one per scheme, "
                + "and where numgrad's default step lands.", chart));
        return report.build();
    }
}
