package com.example.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.check.AnalyticGradient;
import dev.numgrad.check.CheckReport;
import dev.numgrad.check.GradientAssertions;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written backprop and delta of {@link TinyNet}, checked against numgrad, then trained. */
class TinyNetTest {

    private final TinyNet net = TinyNet.onSine(8, 64);

    @Test
    void backpropAgreesWithTheNumericGradient() {
        double[] x = net.start();
        // tag::check[]
        CheckReport report = GradientAssertions.assertGradientCorrect(net, x);
        // end::check[]
        assertEquals(net.dimension(), report.passed(), report.toString());
    }

    @Test
    void aWrongBackpropIsCaughtAndTheReportNamesTheCoordinate() {
        double[] x = net.start();
        AnalyticGradient backprop = AnalyticGradient.of(net);
        // tag::failure[]
        AnalyticGradient signSlip = theta -> {   // a bug: W1[3,0]'s gradient with the wrong sign
            double[] g = backprop.at(theta);
            g[3] = -g[3];
            return g;
        };
        AssertionError failure = assertThrows(AssertionError.class,
                () -> GradientAssertions.assertGradientCorrect(net, x, signSlip));
        // end::failure[]
        String report = failure.getMessage();
        assertTrue(report.startsWith("gradient check FAILED: tiny-net(h=8), full, 25 of 25 coordinates checked: "
                + "24 passed, 1 wrong,"), report);
        List<String> table = report.lines().map(String::strip).dropWhile(l -> !l.startsWith("coordinate")).toList();
        assertTrue(table.get(1).startsWith("W1[3,0]") && table.get(1).contains("WRONG"), report);   // worst first
        assertTrue(report.contains("layout: W1 8×1"), report);
    }

    @Test
    void theHandWrittenDeltaAgreesWithBackpropMoreCloselyThanBlackBox() {
        double[] x = net.start();
        double[] exact = new double[x.length];
        net.newExactGradient().valueAndGradient(x, exact);
        // tag::delta-mode[]
        double[] delta = NumericGradient.defaults().withMode(Mode.DELTA).compute(net, x).values();
        // end::delta-mode[]
        double[] blackBox = NumericGradient.defaults().compute(net, x).values();
        double deltaError = GradientError.relativeInf(delta, exact);
        double blackBoxError = GradientError.relativeInf(blackBox, exact);
        assertTrue(deltaError < 1e-9, "delta err_inf " + deltaError);
        assertTrue(blackBoxError < 1e-7, "black-box err_inf " + blackBoxError);
    }

    @Test
    void theDeltaOfEveryCoordinateIsTheChangeOfTheValue() {
        double[] x = net.start();
        double f = net.newEvaluator().value(x);
        var delta = net.newDeltaEvaluator();
        assertEquals(f, delta.prepare(x), 1e-15);
        for (int i = 0; i < x.length; i++) {
            double[] moved = x.clone();
            moved[i] += 0.3;
            assertEquals(net.newEvaluator().value(moved) - f, delta.delta(i, 0.3), 1e-13, "coordinate " + i);
        }
    }

    @Test
    void trainingWithTheExactGradientFitsTheSine() {
        // tag::descent[]
        DescentResult fit = new DescentLoop(new Adam(0.02), 3_000)
                .run(GradientSource.exact(net), net.start());
        // end::descent[]
        double start = net.newEvaluator().value(net.start());
        assertTrue(fit.loss() < 1e-3 && fit.loss() < start / 50, "loss " + start + " -> " + fit);
    }
}
