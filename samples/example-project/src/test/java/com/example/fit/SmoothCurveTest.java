package com.example.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.terms.SumOfTerms;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import org.junit.jupiter.api.Test;

/** A sum of terms: numgrad derives the delta evaluation from the declared supports. */
class SmoothCurveTest {

    private static final int KNOTS = 101;
    private final double[][] samples = SmoothCurve.noisySine(2_000);
    private final SumOfTerms curve = SmoothCurve.loss(KNOTS, samples[0], samples[1], 1.0);

    @Test
    void theDeltaGradientEqualsTheBlackBoxGradientToRounding() {
        double[] x = new double[KNOTS];
        for (int k = 0; k < KNOTS; k++) {
            x[k] = Math.cos(k * 0.1);
        }
        double[] blackBox = NumericGradient.defaults().compute(curve, x).values();
        double[] delta = NumericGradient.defaults().withMode(Mode.DELTA).compute(curve, x).values();
        for (int k = 0; k < KNOTS; k++) {
            assertEquals(blackBox[k], delta[k], 1e-6 * Math.max(1, Math.abs(blackBox[k])), "knot " + k);
        }
        // Knot 50 is read by the residuals of the 2 × 20 samples in the intervals around it and by
        // 3 roughness terms: a delta probe evaluates 43 of the 2,099 terms.
        assertEquals(43, curve.termsTouching(50));
        assertEquals(2_099, curve.termCount());
    }

    @Test
    void descentOnTheDeltaGradientRecoversTheSine() {
        // tag::terms-descent[]
        NumericGradient delta = NumericGradient.defaults().withMode(Mode.DELTA);
        DescentResult fit = new DescentLoop(new Adam(0.05), 2_000)
                .run(GradientSource.numeric(delta, curve), new double[KNOTS]);
        // end::terms-descent[]
        double[] knots = fit.x();
        for (int k = 5; k < KNOTS - 5; k++) {
            double t = k / (KNOTS - 1.0);
            assertEquals(Math.sin(2 * Math.PI * t), knots[k], 0.1, "knot " + k + " of " + fit);
        }
    }
}
