package dev.numgrad.tour;

import dev.numgrad.fd.Scheme;
import java.awt.Color;
import java.io.IOException;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * Lesson 1: the derivative is the limit of the slope of a secant. For f(x) = x² at 3 the forward
 * difference (f(x + h) − f(x))/h is 6 + h exactly: 6.1, 6.01, …, 6.0001 at h = 1e-4, approaching
 * the exact 2x = 6; the central difference hits 6 at once, because x² has no third derivative.
 */
public record DerivativeAsLimit() implements Lesson {

    static final double X = 3;
    /** The step the lesson's headline number uses. */
    static final double H = 1e-4;

    private static final DoubleUnaryOperator SQUARE = x -> x * x;

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String name() {
        return "limit";
    }

    @Override
    public String title() {
        return "The derivative as a limit";
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        report.number("f(x) = x², x = %s", Decimals.brief(X));
        report.number("%-8s %-26s %s", "h", "forward (f(x+h)-f(x))/h", "error");
        double forward = Double.NaN;
        for (double h = 1e-1; h >= H * 0.99; h /= 10) {
            forward = slope(Scheme.forward(), h);
            report.number("%-8.0e %-26.10f %.2e", h, forward, Math.abs(forward - 2 * X));
        }
        double central = slope(Scheme.central(), H);
        report.number("central difference at h = %.0e: %.10f", H, central);
        report.number("exact: f'(x) = 2x = %.1f", 2 * X);

        report.say("The slope of the secant from x to x + h, (f(x + h) − f(x)) / h, is the forward difference. "
                + "For x² it equals 2x + h, so at x = 3 it is off by exactly h: 6.1 at h = 0.1, %.4f at h = 1e-4. "
                + "The derivative is the limit as h shrinks to 0.", forward);
        report.say("The central difference (f(x + h) − f(x − h)) / (2h) cancels the forward difference's error term "
                + "h·f''/2 and is left with h²·f'''/6. A parabola has no third derivative, so it gives %.10f at any h. "
                + "Lesson 3 shows why h cannot shrink forever.", central);
        report.figure(figures.save("lesson-1-limit", "Secants through (3, 9) turn into the tangent as h shrinks.",
                chart()));
        return report.build();
    }

    private XYChart chart() {
        XYChart chart = Charts.wide("Secants approach the tangent of x² at x = 3", "x", "f(x)");
        double[] xs = Charts.linspace(0, 5, 101);
        // Straight lines get their two ends only: XChart restarts a dash pattern at every segment.
        double[] ends = {xs[0], xs[xs.length - 1]};
        Charts.line(chart, "f(x) = x²", xs, Derivative.values(SQUARE, xs), Charts.BLUE);
        double[] secantH = {1.5, 0.5};
        Color[] colors = {Charts.ORANGE, Charts.GREEN};
        for (int k = 0; k < secantH.length; k++) {
            double h = secantH[k];
            double slope = slope(Scheme.forward(), h);
            Charts.dashed(chart, String.format(Locale.ROOT, "secant, h = %s: slope %s", Decimals.brief(h), Decimals.brief(slope)),
                    ends, Derivative.line(X, SQUARE.applyAsDouble(X), slope, ends), colors[k]);
        }
        Charts.line(chart, "tangent: slope 2x = 6", ends, Derivative.line(X, SQUARE.applyAsDouble(X), 2 * X, ends), Charts.RED);
        Charts.dots(chart, "x = 3, x + h", new double[] {X, X + secantH[0], X + secantH[1]},
                new double[] {9, SQUARE.applyAsDouble(X + secantH[0]), SQUARE.applyAsDouble(X + secantH[1])}, Charts.BLACK);
        chart.getStyler().setYAxisMin(-5.0);
        chart.getStyler().setYAxisMax(25.0);
        return chart;
    }

    private static double slope(Scheme scheme, double h) {
        return Derivative.at("x²", SQUARE, X, scheme, h);
    }
}
