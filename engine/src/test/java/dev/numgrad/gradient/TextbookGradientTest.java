package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.loss.Loss;
import org.junit.jupiter.api.Test;

/** The worked examples every gradient tutorial uses, through the whole engine. */
class TextbookGradientTest {

    private static final Loss SQUARE = Loss.of("x²", 1, x -> x[0] * x[0]);
    private static final Loss BOWL = Loss.of("x0² + x1²", 2, x -> x[0] * x[0] + x[1] * x[1]);

    @Test
    void forwardDifferenceOfSquareAtThreeWithStepOneTenThousandth() {
        GradientResult g = NumericGradient.defaults().withScheme(Scheme.forward())
                .withSteps(StepPolicy.absolute(1e-4)).compute(SQUARE, new double[] {3});
        assertEquals(6.0001, g.values()[0], 1e-9);
        assertEquals(2, g.evaluations(), "f(x) once plus f(x+h)");
    }

    @Test
    void centralDifferenceOfSquareAtThree() {
        GradientResult g = NumericGradient.defaults().withSteps(StepPolicy.absolute(1e-4))
                .compute(SQUARE, new double[] {3});
        assertEquals(6.0, g.values()[0], 1e-8);
        assertEquals(2, g.evaluations());
    }

    @Test
    void centralDifferenceOfCubeAtTen() {
        Loss cube = Loss.of("x³", 1, x -> x[0] * x[0] * x[0]);
        GradientResult g = NumericGradient.defaults().withSteps(StepPolicy.absolute(1e-4))
                .compute(cube, new double[] {10});
        assertEquals(300.00000001, g.values()[0], 1e-6);
    }

    @Test
    void gradientOfTheBowlAtThreePoints() {
        NumericGradient numeric = NumericGradient.defaults();
        assertArrayEquals(new double[] {6, 8}, numeric.compute(BOWL, new double[] {3, 4}).values(), 1e-8);
        assertArrayEquals(new double[] {0, 4}, numeric.compute(BOWL, new double[] {0, 2}).values(), 1e-8);
        assertArrayEquals(new double[] {6, 0}, numeric.compute(BOWL, new double[] {3, 0}).values(), 1e-8);
    }

    @Test
    void everySchemeAndModeGetsTheBowlRight() {
        for (Scheme scheme : Scheme.all()) {
            for (Mode mode : Mode.values()) {
                GradientResult g = NumericGradient.defaults().withScheme(scheme).withMode(mode)
                        .compute(dev.numgrad.TestLosses.sumOfSquares(2), new double[] {3, 4});
                double tolerance = scheme.order() == 1 ? 1e-6 : 1e-9;
                assertArrayEquals(new double[] {6, 8}, g.values(), tolerance, scheme.id() + " " + mode);
            }
        }
    }
}
