package dev.numgrad.tour;

import dev.numgrad.gradient.Execution;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.MlpWorkload;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Lesson 7: why backpropagation. A black-box numeric gradient of P parameters needs 2P loss
 * evaluations (central differences), each costing O(P), so O(P²) in all; backprop costs about
 * one forward and one backward pass, O(P); numgrad's delta evaluation recomputes only what one
 * parameter touches and lands in between. The cost sweep of {@code numgrad cost} in miniature:
 * standard {@code mlp} workloads, evaluations counted by the engine's {@link GradientResult}.
 *
 * <p>The networks run on the scalar kernels: in a JVM that lives for a few seconds, Vector API
 * code spends much of its time before C2 compiles it, which would blur the growth the lesson
 * is about. {@code numgrad cost} measures the real thing.
 *
 * @param sizes the networks, smallest first; at least two
 */
public record WhyBackprop(List<MlpWorkload> sizes) implements Lesson {

    /**
     * Validates and copies the sizes.
     *
     * @throws IllegalArgumentException for fewer than two sizes
     */
    public WhyBackprop {
        sizes = List.copyOf(sizes);
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("the sweep needs at least two sizes, got " + sizes.size());
        }
    }

    /**
     * The tour's sweep.
     *
     * @return four networks from about a hundred to about five thousand parameters, a second or so in all
     */
    public static WhyBackprop standard() {
        return new WhyBackprop(List.of(new MlpWorkload(8, 8, 4, 8), new MlpWorkload(16, 16, 4, 8),
                new MlpWorkload(32, 32, 10, 8), new MlpWorkload(64, 64, 10, 8)));
    }

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public String title() {
        return "Why backprop";
    }

    /** One network's measurements. */
    record Row(MlpWorkload size, int parameters, double lossSeconds, double backpropSeconds,
               long blackBoxEvaluations, double blackBoxSeconds, double blackBoxError,
               long deltaEvaluations, double deltaSeconds, double deltaError) {
    }

    /** Measures one network. */
    static Row measure(MlpWorkload size) {
        Mlp mlp = size.loss(Kernels.scalar());
        double[] x = size.startPoint();
        int n = mlp.dimension();
        Evaluator evaluator = mlp.newEvaluator();
        double lossSeconds = Stopwatch.fastestSeconds(() -> evaluator.value(x));
        ExactGradient backprop = mlp.newExactGradient();
        double[] exact = new double[n];
        double backpropSeconds = Stopwatch.fastestSeconds(() -> backprop.valueAndGradient(x, exact));
        NumericGradient blackBox = NumericGradient.defaults().withExecution(Execution.serial());
        NumericGradient delta = blackBox.withMode(Mode.DELTA);
        GradientResult[] last = new GradientResult[2];
        double blackBoxSeconds = Stopwatch.fastestSeconds(() -> last[0] = blackBox.compute(mlp, x));
        double deltaSeconds = Stopwatch.fastestSeconds(() -> last[1] = delta.compute(mlp, x));
        return new Row(size, n, lossSeconds, backpropSeconds,
                last[0].evaluations(), blackBoxSeconds, GradientError.relativeInf(last[0].values(), exact),
                last[1].evaluations(), deltaSeconds, GradientError.relativeInf(last[1].values(), exact));
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        measure(sizes.get(0)); // warms the JIT up, so that the first row is not mostly compilation
        List<Row> rows = sizes.stream().map(WhyBackprop::measure).toList();
        report.number("one thread, scalar kernels; seconds are the fastest of repeated runs (noisy at this scale)");
        report.number("%-16s %5s %9s %9s %8s %9s %8s %8s %9s %8s", "network", "P", "1 loss", "backprop",
                "bb evals", "black-box", "err_inf", "δ evals", "delta", "err_inf");
        for (Row r : rows) {
            report.number("%-16s %5d %9.2e %9.2e %8d %9.2e %8.1e %8d %9.2e %8.1e", r.size().toString(),
                    r.parameters(), r.lossSeconds(), r.backpropSeconds(), r.blackBoxEvaluations(), r.blackBoxSeconds(),
                    r.blackBoxError(), r.deltaEvaluations(), r.deltaSeconds(), r.deltaError());
        }
        Row small = rows.get(0);
        Row large = rows.get(rows.size() - 1);
        double growth = Math.log((double) large.parameters() / small.parameters());
        double blackBoxExponent = Math.log(large.blackBoxSeconds() / small.blackBoxSeconds()) / growth;
        double backpropExponent = Math.log(large.backpropSeconds() / small.backpropSeconds()) / growth;
        report.say("A black-box central gradient evaluates the whole loss twice per parameter: %d evaluations for "
                + "P = %d, %d for P = %d. Each evaluation itself costs more as P grows, so the time grows like P^%.1f "
                + "here (P² in theory), while backprop grows like P^%.1f (P in theory; fixed costs still show at "
                + "these sizes).", small.blackBoxEvaluations(), small.parameters(), large.blackBoxEvaluations(),
                large.parameters(), blackBoxExponent, backpropExponent);
        report.say("At P = %d, backprop took %.2g s, about %.1f loss evaluations' worth, and the black-box gradient "
                + "%.2g s: %.0f times as long. numgrad's delta mode makes the same 2P = %d probes but recomputes only "
                + "what one parameter touches: %.2g s. All three gradients agree (err_inf ≤ %.0e). numgrad cost runs this "
                + "sweep up to a million parameters.",
                large.parameters(), large.backpropSeconds(), large.backpropSeconds() / large.lossSeconds(),
                large.blackBoxSeconds(), large.blackBoxSeconds() / large.backpropSeconds(), 2 * large.parameters(),
                large.deltaSeconds(), Math.max(1e-16, Math.max(large.blackBoxError(), large.deltaError())));
        report.figure(figures.save("lesson-7-backprop", String.format(Locale.ROOT, "Seconds per gradient against "
                + "parameters, log-log: here black-box grows like P^%.1f and backprop like P^%.1f.", blackBoxExponent,
                backpropExponent), chart(rows)));
        return report.build();
    }

    private static XYChart chart(List<Row> rows) {
        XYChart chart = Charts.wide("Cost of one gradient of an MLP", "parameters P", "seconds");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0E0");
        double[] p = rows.stream().mapToDouble(Row::parameters).toArray();
        Charts.lineWithDots(chart, "black-box central gradient (2P evaluations)", p,
                rows.stream().mapToDouble(Row::blackBoxSeconds).toArray(), Charts.RED);
        Charts.lineWithDots(chart, "delta central gradient (2P delta evaluations)", p,
                rows.stream().mapToDouble(Row::deltaSeconds).toArray(), Charts.ORANGE);
        Charts.lineWithDots(chart, "backprop gradient", p,
                rows.stream().mapToDouble(Row::backpropSeconds).toArray(), Charts.GREEN);
        Charts.lineWithDots(chart, "one loss evaluation", p,
                rows.stream().mapToDouble(Row::lossSeconds).toArray(), Charts.GREY);
        return chart;
    }
}
