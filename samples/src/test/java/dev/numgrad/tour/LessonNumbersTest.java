package dev.numgrad.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.optim.StopReason;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each lesson at a tiny size: the numbers it prints, and figures that are real pictures. */
class LessonNumbersTest {

    @TempDir
    Path dir;

    private LessonReport teach(Lesson lesson) throws Exception {
        LessonReport report = lesson.teach(new Figures(dir));
        assertEquals(lesson.number(), report.number());
        assertFalse(report.text().isEmpty(), "lesson " + lesson.number() + " explains nothing");
        assertFalse(report.figures().isEmpty(), "lesson " + lesson.number() + " draws nothing");
        for (Figure figure : report.figures()) {
            TinyTour.assertRealFigure(figure);
        }
        return report;
    }

    /** The number in the first printed line that matches, as a double. */
    private static double printed(LessonReport report, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : report.numbers()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Double.parseDouble(matcher.group(1));
            }
        }
        throw new AssertionError("no line matches " + regex + " in\n" + String.join("\n", report.numbers()));
    }

    private static final String NUMBER = "(-?[0-9.]+(?:e[-+]?[0-9]+)?)";

    @Test
    void derivativeAsLimitPrintsTheForwardDifferenceAtEachStep() throws Exception {
        LessonReport report = teach(new DerivativeAsLimit());
        assertEquals(6.1, printed(report, "^1e-01\\s+" + NUMBER), 1e-9);
        assertEquals(6.0001, printed(report, "^1e-04\\s+" + NUMBER), 1e-9);
        assertEquals(6.0, printed(report, "central difference at h = 1e-04: " + NUMBER), 1e-9);
        assertEquals(6.0, printed(report, "exact: f'\\(x\\) = 2x = " + NUMBER), 0);
    }

    @Test
    void centralDifferencesOfTheCubeAtTen() throws Exception {
        LessonReport report = teach(new CentralDifferences());
        assertTrue(report.numbers().stream().anyMatch(line -> line.startsWith("central") && line.contains("300.00000001")),
                String.join("\n", report.numbers()));
        assertEquals(300.0030001, printed(report, "^forward\\s+\\S+\\s+" + NUMBER), 1e-7);
        assertEquals(299.9970001, printed(report, "^backward\\s+\\S+\\s+" + NUMBER), 1e-7);
    }

    @Test
    void theDefaultStepLandsNearTheBottomOfEachV() throws Exception {
        LessonReport report = teach(new ChoosingTheStep(2));
        // columns: scheme, order, default h, error there, best h, best error
        String row = "\\s+\\d\\s+\\S+\\s+" + NUMBER;
        assertTrue(printed(report, "^forward" + row) < 1e-7);
        assertTrue(printed(report, "^central" + row) < 1e-10);
        assertTrue(printed(report, "^five-point" + row) < 1e-11);
        assertEquals(0x1p-26, printed(report, "^forward\\s+1\\s+" + NUMBER), 1e-10);
    }

    @Test
    void theCompassReadsTwiceX() throws Exception {
        LessonReport report = teach(new GradientAsCompass());
        String all = String.join("\n", report.numbers());
        assertTrue(all.contains("at (3, 4)   ∇f = (6.000000, 8.000000)"), all);
        assertTrue(all.contains("at (0, 2)   ∇f = (0.000000, 4.000000)"), all);
        assertTrue(all.contains("at (3, 0)   ∇f = (6.000000, 0.000000)"), all);
    }

    @Test
    void descentConvergesDivergesAndCrawls() throws Exception {
        DescentOnTheBowl lesson = new DescentOnTheBowl(8);
        DescentOnTheBowl.Run converging = lesson.descend(0.1);
        DescentOnTheBowl.Run diverging = lesson.descend(10);
        DescentOnTheBowl.Run crawling = lesson.descend(1e-10);
        assertEquals(25 * Math.pow(0.64, 8), converging.result().loss(), 1e-9);
        assertEquals(StopReason.DIVERGED, diverging.result().stopReason());
        assertEquals(-3 * -19, diverging.path().thinned(0)[0][1], 1e-6, "the first step of lr 10 lands at -19·x");
        assertEquals(25, crawling.result().loss(), 1e-6);
        assertNotEquals(25, crawling.result().loss(), "lr 1e-10 still moves, a little");
        assertEquals("converges", DescentOnTheBowl.outcome(converging.result()));
        assertEquals("diverges", DescentOnTheBowl.outcome(diverging.result()));
        assertEquals("barely moves", DescentOnTheBowl.outcome(crawling.result()));

        LessonReport report = teach(lesson);
        assertTrue(report.numbers().stream().anyMatch(line -> line.startsWith("10 ") && line.contains("DIVERGED")),
                String.join("\n", report.numbers()));
    }

    @Test
    void theChainRuleMultipliesMinusHalfByMinusTwo() throws Exception {
        ChainRule.Slopes s = ChainRule.slopes();
        assertEquals(100, s.pressure(), 0);
        assertEquals(-2, s.dydx(), 1e-9);
        assertEquals(-0.5, s.dzdy(), 1e-9);
        assertEquals(1, s.dzdx(), 1e-9);
        assertEquals(s.dzdx(), s.dzdy() * s.dydx(), 1e-9);
        assertEquals(0.3, s.partialX(), 1e-9);
        assertEquals(-0.5, s.partialY(), 1e-9);
        assertEquals(1.3, s.total(), 1e-9);

        LessonReport report = teach(new ChainRule());
        assertEquals(1, printed(report, "directly:\\s+d/dx z\\(y\\(x\\)\\)\\s+= " + NUMBER), 1e-9);
        assertEquals(1, printed(report, "chain rule: .* = " + NUMBER + "$"), 1e-9);
    }

    @Test
    void blackBoxCountsTwoEvaluationsPerParameterAndAllMethodsAgree() throws Exception {
        WhyBackprop lesson = (WhyBackprop) TinyTour.lessons().get(6);
        for (var size : lesson.sizes()) {
            WhyBackprop.Row row = WhyBackprop.measure(size);
            int p = size.parameterCount();
            assertEquals(p, row.parameters());
            assertEquals(2L * p, row.blackBoxEvaluations(), "central black-box: 2 evaluations per parameter");
            assertEquals(2L * p + 1, row.deltaEvaluations(), "delta: 2 per parameter and one prepare, serially");
            assertTrue(row.blackBoxError() < 1e-6, "black-box err_inf " + row.blackBoxError());
            assertTrue(row.deltaError() < 1e-6, "delta err_inf " + row.deltaError());
        }
        LessonReport report = teach(lesson);
        // mlp(4,5,2,3) has P = 5·4 + 5 + 2·5 + 2 = 37 parameters; the column after the two timings is bb evals
        assertEquals(37, printed(report, "^mlp\\(4,5,2,3\\)\\s+" + NUMBER), 0);
        assertEquals(2 * 37, printed(report, "^mlp\\(4,5,2,3\\)\\s+\\d+\\s+\\S+\\s+\\S+\\s+" + NUMBER), 0);
    }

    @Test
    void numericAndBackpropLayerNormsAgreeAndClippingTamesTheSteps() throws Exception {
        VanishingGradients lesson = new VanishingGradients(3, 4, 4, 5, TinyTour.SEED);
        VanishingGradients.Norms sigmoid = VanishingGradients.norms(lesson.network(dev.numgrad.model.Activation.SIGMOID,
                VanishingGradients.SIGMOID_GAIN));
        VanishingGradients.Network reluNet = lesson.network(dev.numgrad.model.Activation.RELU, VanishingGradients.RELU_GAIN);
        VanishingGradients.Norms relu = VanishingGradients.norms(reluNet);
        for (int l = 0; l < sigmoid.backprop().length; l++) {
            assertEquals(sigmoid.backprop()[l], sigmoid.numeric()[l], 1e-6 * sigmoid.backprop()[l] + 1e-12,
                    "sigmoid layer " + l + ", seed " + TinyTour.SEED);
            assertEquals(relu.backprop()[l], relu.numeric()[l], 1e-6 * relu.backprop()[l] + 1e-12,
                    "relu layer " + l + ", seed " + TinyTour.SEED);
        }
        int out = sigmoid.backprop().length - 1;
        assertTrue(sigmoid.backprop()[0] < sigmoid.backprop()[out], "sigmoid signal shrinks toward the input, seed "
                + TinyTour.SEED);
        var clipped = lesson.descend(reluNet, dev.numgrad.optim.GradientClipping.byNorm(VanishingGradients.CLIP_NORM));
        assertNotEquals(StopReason.DIVERGED, clipped.stopReason());
        teach(lesson);
    }

    @Test
    void momentumAndAdamBeatSgdInTheValley() throws Exception {
        OptimizersCompared lesson = new OptimizersCompared(1000);
        List<OptimizersCompared.Run> runs = OptimizersCompared.optimizers().stream().map(lesson::descend).toList();
        double sgd = distanceToMinimum(runs.get(0));
        assertTrue(distanceToMinimum(runs.get(1)) < sgd, "momentum ends closer than sgd");
        assertTrue(distanceToMinimum(runs.get(2)) < sgd, "adam ends closer than sgd");
        for (OptimizersCompared.Run run : runs) {
            assertEquals(run.result().trace().size(), run.path().size(), "one recorded point per trace row");
        }
        teach(lesson);
    }

    private static double distanceToMinimum(OptimizersCompared.Run run) {
        double[] x = run.result().x();
        return Math.hypot(x[0] - 1, x[1] - 1);
    }
}
