package dev.numgrad.tour;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.model.Rosenbrock;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import dev.numgrad.optim.Momentum;
import dev.numgrad.optim.Optimizer;
import dev.numgrad.optim.Sgd;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Lesson 9: optimizers on the Rosenbrock valley 100(x₁ − x₀²)² + (1 − x₀)², minimum 0 at (1, 1),
 * from the classic start (−1.2, 1). The valley's walls are steep and its floor nearly flat, the
 * shape that makes plain gradient descent slow: a rate small enough for the walls crawls along
 * the floor. Momentum accumulates speed along the floor; Adam rescales each coordinate by its
 * own gradient history. Gradients are the engine's numeric ones.
 *
 * @param steps the most steps of each optimizer; at least 1
 */
public record OptimizersCompared(int steps) implements Lesson {

    static final double[] START = {-1.2, 1};

    /**
     * Validates the size.
     *
     * @throws IllegalArgumentException for fewer than one step
     */
    public OptimizersCompared {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
    }

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String name() {
        return "optimizers";
    }

    @Override
    public String title() {
        return "Optimizers compared";
    }

    /** The contenders: the largest plain rate that stays stable on the walls, and the usual companions. */
    static List<Optimizer> optimizers() {
        return List.of(new Sgd(1e-3), new Momentum(1e-3, 0.9), new Adam(0.02));
    }

    /** One optimizer's run. */
    record Run(Optimizer optimizer, DescentResult result, PathRecorder path) {
    }

    Run descend(Optimizer optimizer) {
        PathRecorder path = new PathRecorder(GradientSource.numeric(
                NumericGradient.defaults().withExecution(Execution.serial()), new Rosenbrock(2)));
        return new Run(optimizer, new DescentLoop(optimizer, steps).run(path, START), path);
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        List<Run> runs = optimizers().stream().map(this::descend).toList();
        report.number("Rosenbrock 100(x₁ - x₀²)² + (1 - x₀)² from %s, f = %.4g; %d steps each, numeric gradient",
                Decimals.point(START[0], START[1]), runs.get(0).result().trace().loss().get(0), steps);
        report.number("%-28s %-16s %-26s %12s %s", "optimizer", "stop", "final x", "final f", "distance to (1, 1)");
        for (Run run : runs) {
            double[] x = run.result().x();
            report.number("%-28s %-16s (%-10.6f, %-10.6f) %12.4e %.4e", label(run.optimizer()), run.result().stopReason(),
                    x[0], x[1], run.result().loss(), Math.hypot(x[0] - 1, x[1] - 1));
        }
        Run sgd = runs.get(0);
        Run momentum = runs.get(1);
        Run adam = runs.get(2);
        report.say("SGD at lr 0.001, half the largest rate that is stable at the minimum (2/λ_max ≈ 0.002, where the "
                + "Hessian's largest eigenvalue is about 1000), drops into the valley at once and then crawls along its "
                + "flat floor: after %d steps it is still %.2g from the minimum.", sgd.result().iterations(), distance(sgd));
        report.say("Momentum (μ = 0.9) at the same rate lets the steps add up along the floor, where the gradient "
                + "keeps its direction, to an effective rate of lr/(1 − μ) = 0.01: it ends %.2g from the minimum. "
                + "Adam divides each coordinate's step by the size of its recent gradients, so the flat direction gets "
                + "steps as large as the steep one: %.2g.", distance(momentum), distance(adam));

        XYChart chart = Charts.map("Optimizer paths in the Rosenbrock valley", -2, 2, -1, 3);
        LevelSets levels = LevelSets.rosenbrock(-2, 2, 0.25, 1, 4, 16, 64, 256);
        Charts.background(chart, "level sets f = 0.25, 1, 4, 16, 64, 256", levels.xs(), levels.ys());
        // Widest first, so that every path stays visible where they share the valley floor.
        Color[] colors = {Charts.RED, Charts.BLUE, Charts.LIGHT_GREEN};
        float[] widths = {2.5f, 4f, 9f};
        for (int k = runs.size() - 1; k >= 0; k--) {
            Run run = runs.get(k);
            double[][] path = run.path().thinned(0.01);
            Charts.line(chart, label(run.optimizer()) + ": ends " + Decimals.brief(distance(run)) + " from (1, 1)",
                    path[0], path[1], colors[k])
                    .setLineStyle(new BasicStroke(widths[k], BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        for (int k = 0; k < runs.size(); k++) {
            double[] end = runs.get(k).result().x();
            Charts.dots(chart, "end of " + runs.get(k).optimizer().name(), new double[] {end[0]}, new double[] {end[1]},
                    k == 2 ? Charts.GREEN : colors[k]).setShowInLegend(false);
        }
        Charts.dots(chart, "start (−1.2, 1) and minimum (1, 1)", new double[] {START[0], 1}, new double[] {START[1], 1},
                Charts.BLACK);
        report.figure(figures.save("lesson-9-optimizers", "SGD stalls on the valley floor, momentum swings along it, "
                + "Adam strides down it.", chart));
        return report.build();
    }

    private static double distance(Run run) {
        double[] x = run.result().x();
        return Math.hypot(x[0] - 1, x[1] - 1);
    }

    private static String label(Optimizer optimizer) {
        return switch (optimizer) {
            case Momentum m -> "momentum, lr " + Decimals.brief(m.learningRate()) + ", μ " + Decimals.brief(m.momentum());
            default -> optimizer.name() + ", lr " + Decimals.brief(optimizer.learningRate());
        };
    }
}
