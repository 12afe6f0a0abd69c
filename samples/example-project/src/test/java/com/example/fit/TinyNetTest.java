package com.example.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import org.junit.jupiter.api.Test;

/** The hand-written backprop and delta of {@link TinyNet}, checked against numgrad, then trained. */
class TinyNetTest {

    private final TinyNet net = TinyNet.onSine(8, 64);

    @Test
    void backpropAgreesWithTheNumericGradient() {
        double[] x = net.start();
        // tag::check[]
        TemporaryGradientCheck.assertExactGradientMatchesNumeric(net, x, 1e-7);
        // end::check[]
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
