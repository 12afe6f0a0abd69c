package dev.numgrad.tour;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.model.SumOfSquares;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import dev.numgrad.optim.Sgd;
import dev.numgrad.optim.StopReason;
import java.awt.Color;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.api.list.primitive.ImmutableDoubleList;
import org.knowm.xchart.XYChart;

/**
 * Lesson 5: gradient descent x ← x − α·∇f on the bowl x₀² + x₁² from (−3, 4), with numgrad's
 * numeric gradient and its {@link DescentLoop}. Each step multiplies x by 1 − 2α: α = 0.1 shrinks
 * it by 0.8 per step (converges), α = 10 multiplies it by −19 (diverges, the loop stops it),
 * α = 1e-10 by 0.9999999998 (barely moves).
 *
 * @param steps the most steps of each run; at least 1
 */
public record DescentOnTheBowl(int steps) implements Lesson {

    static final double[] START = {-3, 4};
    static final double[] RATES = {0.1, 10, 1e-10};
    private static final Color[] COLORS = {Charts.BLUE, Charts.RED, Charts.ORANGE};

    /**
     * Validates the size.
     *
     * @throws IllegalArgumentException for fewer than one step
     */
    public DescentOnTheBowl {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
    }

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String name() {
        return "descent";
    }

    @Override
    public String title() {
        return "Gradient descent on the bowl";
    }

    /** One run: the result and the path it took. */
    record Run(double rate, DescentResult result, PathRecorder path) {
    }

    /** Runs plain gradient descent with the given rate from {@link #START}. */
    Run descend(double rate) {
        SumOfSquares bowl = new SumOfSquares(2);
        PathRecorder path = new PathRecorder(GradientSource.numeric(
                NumericGradient.defaults().withExecution(Execution.serial()), bowl));
        DescentResult result = new DescentLoop(new Sgd(rate), steps).run(path, START);
        return new Run(rate, result, path);
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        List<Run> runs = Arrays.stream(RATES).mapToObj(this::descend).toList();
        report.number("f(x) = x₀² + x₁² from %s, f = 25; plain gradient descent, numeric gradient",
                Decimals.point(START[0], START[1]));
        report.number("%-8s %-16s %6s %-30s %s", "lr", "stop", "steps", "final x", "final f");
        for (Run run : runs) {
            DescentResult r = run.result();
            double[] x = r.x();
            report.number("%-8s %-16s %6d (%-12.6g, %-12.6g)  %.6g", Decimals.brief(run.rate()), r.stopReason(),
                    r.iterations(), x[0], x[1], r.loss());
        }
        Run converging = runs.get(0);
        Run diverging = runs.get(1);
        Run crawling = runs.get(2);
        report.say("With lr = 0.1 each step multiplies x by 1 − 2·0.1 = 0.8: the path runs straight down the slope "
                + "and f falls by 0.64 per step, to %.2g after %d steps.", converging.result().loss(),
                converging.result().iterations());
        report.say("With lr = 10 each step multiplies x by 1 − 2·10 = −19: the iterate jumps across the bowl, "
                + "further every time (f grows 361-fold per step). numgrad's descent loop stops it as %s after %d steps "
                + "and keeps the last sane point.", diverging.result().stopReason(), diverging.result().iterations());
        report.say("With lr = 1e-10 each step multiplies x by 0.9999999998: after %d steps f has fallen by %.2g. "
                + "It is not wrong, just useless: the learning rate sets the scale of every step.",
                crawling.result().iterations(), 25 - crawling.result().loss());

        XYChart paths = Charts.map("Descent paths on the bowl from (−3, 4)", -5, 5, -5, 5);
        LevelSets levels = LevelSets.bowl(1, 4, 9, 16, 25);
        Charts.background(paths, "level sets f = 1, 4, 9, 16, 25", levels.xs(), levels.ys());
        // The diverging path first and dashed: on this round bowl every path runs along the same line
        // through the start and the minimum, and the others must stay visible on top of it.
        double[][] wild = diverging.path().thinned(0);
        Charts.dashed(paths, "lr = 10: " + outcome(diverging.result()) + ", its first step lands at "
                + Decimals.point(wild[0][1], wild[1][1]), wild[0], wild[1], COLORS[1]);
        for (Run run : List.of(converging, crawling)) {
            double[][] path = run.path().thinned(0.02);
            String label = "lr = " + Decimals.brief(run.rate()) + ": " + outcome(run.result());
            Charts.lineWithDots(paths, label, path[0], path[1], COLORS[run == converging ? 0 : 2]);
        }
        report.figure(figures.save("lesson-5-paths", "Paths of gradient descent: lr 0.1 walks to the minimum; lr 10 "
                + "leaves the picture at its first step, to " + Decimals.point(wild[0][1], wild[1][1])
                + "; lr 1e-10 never leaves its start.", paths));

        XYChart losses = Charts.wide("Loss against step, log scale", "step", "f(x)");
        losses.getStyler().setYAxisLogarithmic(true);
        losses.getStyler().setYAxisDecimalPattern("0E0");
        Charts.stepAxis(losses, runs.stream().mapToInt(run -> run.result().trace().size()).max().orElse(1));
        for (int k = 0; k < runs.size(); k++) {
            ImmutableDoubleList loss = runs.get(k).result().trace().loss();
            double[] xs = Charts.indices(loss.size());
            Charts.lineWithDots(losses, "lr = " + Decimals.brief(runs.get(k).rate()), xs, loss.toArray(), COLORS[k]);
        }
        report.figure(figures.save("lesson-5-loss", "The same runs as loss against step: a straight fall, "
                + "a blow-up that the loop stops, and a flat line.", losses));
        return report.build();
    }

    /** What a run did, in a word or three, judged from its numbers. */
    static String outcome(DescentResult result) {
        double start = result.trace().loss().get(0);
        if (result.stopReason() == StopReason.DIVERGED) {
            return "diverges";
        }
        if (start - result.loss() < 1e-6 * start) {
            return "barely moves";
        }
        return result.loss() < start ? "converges" : "does not descend";
    }
}
