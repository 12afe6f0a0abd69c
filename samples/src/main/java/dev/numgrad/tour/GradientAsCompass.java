package dev.numgrad.tour;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.model.SumOfSquares;
import java.io.IOException;
import org.knowm.xchart.XYChart;

/**
 * Lesson 4: the gradient points uphill, across the contour lines, and is longer where they
 * crowd; −∇f is the compass needle of descent. For the bowl f = x₀² + x₁² the engine's numeric
 * gradient is (6, 8) at (3, 4), (0, 4) at (0, 2) and (6, 0) at (3, 0): 2x, every time.
 */
public record GradientAsCompass() implements Lesson {

    /** The points the lesson reads the compass at. */
    static final double[][] POINTS = {{3, 4}, {0, 2}, {3, 0}};
    /** Arrows are −∇f times this, so that the field fits between the circles. */
    static final double ARROW_SCALE = 0.15;

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String name() {
        return "compass";
    }

    @Override
    public String title() {
        return "The gradient as a compass";
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        SumOfSquares bowl = new SumOfSquares(2);
        NumericGradient gradient = NumericGradient.defaults().withExecution(Execution.serial());
        report.number("f(x) = x₀² + x₁², gradient by central differences at numgrad's default step");
        Arrows highlighted = new Arrows(0.18);
        for (double[] x : POINTS) {
            double[] g = gradient.compute(bowl, x).values();
            report.number("at %-8s ∇f = (%.6f, %.6f)   |∇f| = %.6f   −∇f points along %s",
                    Decimals.point(x[0], x[1]), g[0], g[1], Math.hypot(g[0], g[1]), Decimals.point(-g[0], -g[1]));
            highlighted.add(x[0], x[1], -ARROW_SCALE * g[0], -ARROW_SCALE * g[1]);
        }
        Arrows field = new Arrows(0.12);
        for (int i = -4; i <= 4; i += 2) {
            for (int j = -4; j <= 4; j += 2) {
                double[] g = gradient.compute(bowl, new double[] {i, j}).values();
                field.add(i, j, -ARROW_SCALE * g[0], -ARROW_SCALE * g[1]);
            }
        }
        report.say("Each arrow is −∇f, scaled by %s to fit: it crosses the level circles at right angles and points "
                + "to the minimum at the origin. At (3, 4) the gradient is (6, 8), length 10: twice the distance to "
                + "the minimum, because ∇(x₀² + x₁²) = 2x.", Decimals.brief(ARROW_SCALE));
        report.say("At (0, 2) the gradient is (0, 4): no x₀ component, since moving x₀ does not change f there "
                + "to first order. At (3, 0) it is (6, 0). The engine computes each with 4 loss evaluations, "
                + "2 per coordinate.");

        XYChart chart = Charts.map("−∇f on the contours of f = x₀² + x₁²", -5, 5, -5, 5);
        LevelSets levels = LevelSets.bowl(1, 4, 9, 16, 25);
        Charts.background(chart, "level sets f = 1, 4, 9, 16, 25", levels.xs(), levels.ys());
        Charts.line(chart, "−∇f × " + Decimals.brief(ARROW_SCALE) + " on a grid", field.xs(), field.ys(), Charts.BLUE);
        Charts.line(chart, "−∇f × " + Decimals.brief(ARROW_SCALE) + " at (3, 4), (0, 2), (3, 0)",
                highlighted.xs(), highlighted.ys(), Charts.RED);
        double[] xs = new double[POINTS.length];
        double[] ys = new double[POINTS.length];
        for (int k = 0; k < POINTS.length; k++) {
            xs[k] = POINTS[k][0];
            ys[k] = POINTS[k][1];
        }
        Charts.dots(chart, "the three points", xs, ys, Charts.RED);
        report.figure(figures.save("lesson-4-compass", "Every −∇f arrow is perpendicular to the level circle "
                + "it starts on and points at the minimum.", chart));
        return report.build();
    }
}
