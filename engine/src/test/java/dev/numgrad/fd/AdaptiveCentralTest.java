package dev.numgrad.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link AdaptiveCentral}: its error estimate bounds its actual error on smooth functions, it is
 * accurate where the default central step is not, and its fully extrapolated entry is of order 8.
 */
class AdaptiveCentralTest {

    private static final long SEED = 8_2024L;

    /** A smooth test function and its exact derivative. */
    private record Smooth(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative, double lo, double hi) {
    }

    private static final Smooth[] FUNCTIONS = {
        new Smooth("exp", Math::exp, Math::exp, -3, 3),
        new Smooth("sin(3x)", x -> Math.sin(3 * x), x -> 3 * Math.cos(3 * x), -2, 2),
        new Smooth("1/(1+x²)", x -> 1 / (1 + x * x), x -> -2 * x / ((1 + x * x) * (1 + x * x)), -3, 3),
        new Smooth("log(2+x)", x -> Math.log(2 + x), x -> 1 / (2 + x), -1, 5),
        new Smooth("exp(-300x)", x -> Math.exp(-300 * x), x -> -300 * Math.exp(-300 * x), 0.01, 0.2),
        new Smooth("x^7 - 3x^2", x -> Math.pow(x, 7) - 3 * x * x, x -> 7 * Math.pow(x, 6) - 6 * x, -2, 2),
        new Smooth("(x - 1e6)^2", x -> (x - 1e6) * (x - 1e6), x -> 2 * (x - 1e6), -1, 1),
    };

    @Test
    void errorEstimateBoundsTheActualErrorOnSmoothFunctions() {
        Scheme adaptive = Scheme.adaptive();
        SplittableRandom random = new SplittableRandom(SEED);
        for (Smooth s : FUNCTIONS) {
            for (int trial = 0; trial < 200; trial++) {
                double x = s.lo() + (s.hi() - s.lo()) * random.nextDouble();
                double h = StepPolicy.scaledToScheme().step(adaptive, x);
                double[] error = new double[1];
                double value = adaptive.derivative(t -> s.f().applyAsDouble(x + t), 0, h, error, 0);
                double exact = s.derivative().applyAsDouble(x);
                double actual = Math.abs(value - exact);
                // the estimate may not undercut what double rounding of the exact value allows
                double slack = 4 * Math.ulp(exact);
                assertTrue(actual <= error[0] + slack, () -> s.name() + " at x = " + x + " (seed " + SEED
                        + "): error " + actual + " > estimate " + error[0]);
                // and it is useful: no more than 1e-6 relative on these (the rounding of |f| = 1e12 sets that one), most far better
                assertTrue(error[0] <= 1e-6 * Math.max(1, Math.abs(exact)), () -> s.name() + " at x = " + x
                        + " (seed " + SEED + "): estimate " + error[0] + " for derivative " + exact);
            }
        }
    }

    @Test
    void beatsTheDefaultCentralStepOnAFastExponential() {
        double x = 0.05;
        double exact = -900 * Math.exp(-900 * x);
        DoubleUnaryOperator f = t -> Math.exp(-900 * (x + t));
        double central = Scheme.central().derivative(f::applyAsDouble, 0, StepPolicy.scaledToScheme().step(Scheme.central(), x));
        double adaptive = Scheme.adaptive().derivative(f::applyAsDouble, 0, StepPolicy.scaledToScheme().step(Scheme.adaptive(), x));
        assertTrue(Math.abs(central - exact) > 1e-6 * Math.abs(exact), "central is off by more than 1e-6 here");
        assertTrue(Math.abs(adaptive - exact) < 1e-10 * Math.abs(exact), "adaptive: " + adaptive + " vs " + exact);
    }

    @Test
    void fullyExtrapolatedEntryIsEighthOrder() {
        // With 4 steps the last row's last column T[3][3] is the eighth-order formula: halving h
        // divides its error by 2^8 = 256 while truncation dominates.
        Scheme fourSteps = new AdaptiveCentral(4);
        assertEquals(8, fourSteps.order());
        double x = 0.3;
        DoubleUnaryOperator f = t -> Math.exp(2 * (x + t));
        double exact = 2 * Math.exp(2 * x);
        double previous = Double.NaN;
        for (double h : new double[] {0.4, 0.2, 0.1}) {
            double error = Math.abs(fourSteps.derivative(f::applyAsDouble, 0, h) - exact);
            if (!Double.isNaN(previous)) {
                double ratio = previous / error;
                assertTrue(ratio > 256 / 1.6 && ratio < 256 * 1.6, "h = " + h + ": error ratio " + ratio + ", expected ≈ 256");
            }
            previous = error;
        }
    }

    @Test
    void probesAtMostTwicePerStepAndStopsOnceRoundingDominates() {
        int[] calls = new int[1];
        Scheme.adaptive().derivative(t -> {
            calls[0]++;
            return Math.sin(1 + t);
        }, 0, 0x1p-6);
        assertTrue(calls[0] <= Scheme.adaptive().evaluationsPerCoordinate(), "calls " + calls[0]);
        assertEquals(24, Scheme.adaptive().evaluationsPerCoordinate());
        calls[0] = 0;
        // a quadratic is exact at every step: rows stop improving, and the scheme stops early
        Scheme.adaptive().derivative(t -> {
            calls[0]++;
            return (1 + t) * (1 + t) * 1e12;
        }, 0, 0x1p-6);
        assertTrue(calls[0] < 24, "calls " + calls[0]);
    }

    @Test
    void parsesAndValidates() {
        assertEquals("adaptive", Scheme.parse("Adaptive").id());
        assertTrue(Scheme.adaptive().estimatesError());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new AdaptiveCentral(1));
        assertTrue(bad.getMessage().contains("got 1"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveCentral(31));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scheme.parse("ridders")).getMessage().contains("adaptive"));
    }
}
