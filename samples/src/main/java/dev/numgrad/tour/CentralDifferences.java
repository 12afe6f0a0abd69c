package dev.numgrad.tour;

import dev.numgrad.fd.Scheme;
import java.io.IOException;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * Lesson 2: the central difference is a better secant. For f(x) = x³ at 10 the forward
 * difference is 3x² + 3xh + h² (300.0030001 at h = 1e-4, error ∝ h) while the central
 * difference is 3x² + h² (300.00000001, error ∝ h²): the first-order error terms of the two
 * one-sided secants cancel.
 */
public record CentralDifferences() implements Lesson {

    static final double X = 10;
    static final double H = 1e-4;
    /** The step drawn: large enough that the secants are told apart on the plot. */
    static final double DRAWN_H = 2;

    private static final DoubleUnaryOperator CUBE = x -> x * x * x;

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String name() {
        return "central";
    }

    @Override
    public String title() {
        return "Central differences";
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        double forward = slope(Scheme.forward(), H);
        double backward = slope(Scheme.backward(), H);
        double central = slope(Scheme.central(), H);
        double exact = 3 * X * X;
        report.number("f(x) = x³, x = %s, h = %.0e", Decimals.brief(X), H);
        report.number("forward   (f(x+h)-f(x))/h      %.8f   error %.1e", forward, Math.abs(forward - exact));
        report.number("backward  (f(x)-f(x-h))/h      %.8f   error %.1e", backward, Math.abs(backward - exact));
        report.number("central   (f(x+h)-f(x-h))/(2h) %.8f   error %.1e", central, Math.abs(central - exact));
        report.number("exact     3x²                  %.8f", exact);
        report.say("A one-sided secant leans: forward is 3x² + 3xh + h² = %.8f, backward 3x² − 3xh + h² = %.8f. "
                + "Their average, the central difference, cancels the 3xh terms and is left with h²: %.8f "
                + "against the exact 300. Halving h quarters the central error but only halves the forward one.",
                forward, backward, central);
        report.say("The price: two evaluations per coordinate instead of one (the forward difference reuses f(x)). "
                + "numgrad uses central differences by default.");
        report.figure(figures.save("lesson-2-central", "With the same h, the central chord is nearly parallel to the tangent; "
                + "the one-sided secants are not.", chart()));
        return report.build();
    }

    private XYChart chart() {
        XYChart chart = Charts.wide("Secants of x³ at x = 10 with h = 2", "x", "f(x)");
        double[] xs = Charts.linspace(6, 14, 161);
        // Straight lines get their two ends only: XChart restarts a dash pattern at every segment.
        double[] ends = {xs[0], xs[xs.length - 1]};
        double y = CUBE.applyAsDouble(X);
        Charts.line(chart, "f(x) = x³", xs, Derivative.values(CUBE, xs), Charts.BLUE);
        Charts.line(chart, "tangent: slope 3x² = 300", ends, Derivative.line(X, y, 3 * X * X, ends), Charts.RED);
        double forward = slope(Scheme.forward(), DRAWN_H);
        double backward = slope(Scheme.backward(), DRAWN_H);
        double central = slope(Scheme.central(), DRAWN_H);
        Charts.dashed(chart, "forward secant: slope " + Decimals.brief(forward), ends, Derivative.line(X, y, forward, ends), Charts.ORANGE);
        Charts.dashed(chart, "backward secant: slope " + Decimals.brief(backward), ends, Derivative.line(X, y, backward, ends), Charts.GREEN);
        // The central chord joins (x − h, f(x − h)) and (x + h, f(x + h)); it does not pass through (x, f(x)).
        double chordY = CUBE.applyAsDouble(X - DRAWN_H) + central * (X - (X - DRAWN_H));
        Charts.dashed(chart, "central chord: slope " + Decimals.brief(central), ends, Derivative.line(X, chordY, central, ends), Charts.PURPLE);
        Charts.dots(chart, "x − h, x, x + h", new double[] {X - DRAWN_H, X, X + DRAWN_H},
                Derivative.values(CUBE, new double[] {X - DRAWN_H, X, X + DRAWN_H}), Charts.BLACK);
        chart.getStyler().setYAxisMin(200.0);
        chart.getStyler().setYAxisMax(2600.0);
        return chart;
    }

    private static double slope(Scheme scheme, double h) {
        return Derivative.at("x³", CUBE, X, scheme, h);
    }
}
