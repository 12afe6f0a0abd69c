package dev.numgrad.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemeTest {

    /** The derivative of f at x under the scheme, probing f directly (black-box style). */
    private static double derivative(Scheme scheme, DoubleUnaryOperator f, double x, double h) {
        return scheme.derivative(offset -> f.applyAsDouble(x + offset), f.applyAsDouble(x), h);
    }

    @Test
    void forwardDifferenceOfSquareAtThreeIsSixPlusH() {
        // ((3 + h)² − 9) / h = 6 + h
        assertEquals(6.0001, derivative(Scheme.forward(), x -> x * x, 3, 1e-4), 1e-9);
    }

    @Test
    void backwardDifferenceOfSquareAtThreeIsSixMinusH() {
        assertEquals(5.9999, derivative(Scheme.backward(), x -> x * x, 3, 1e-4), 1e-9);
    }

    @Test
    void centralDifferenceOfSquareIsExact() {
        assertEquals(6.0, derivative(Scheme.central(), x -> x * x, 3, 1e-4), 1e-8);
    }

    @Test
    void centralDifferenceOfCubeAtTenIsThreeHundredPlusHSquared() {
        // ((10 + h)³ − (10 − h)³) / 2h = 300 + h²
        assertEquals(300.00000001, derivative(Scheme.central(), x -> x * x * x, 10, 1e-4), 1e-6);
    }

    @Test
    void fourthOrderSchemesAreExactOnQuartics() {
        // Their truncation error involves f⁽⁵⁾, which vanishes for x⁴; d/dx x⁴ at 1.5 = 4·1.5³ = 13.5.
        DoubleUnaryOperator quartic = x -> x * x * x * x;
        assertEquals(13.5, derivative(Scheme.fivePoint(), quartic, 1.5, 1e-2), 1e-10);
        assertEquals(13.5, derivative(Scheme.richardson(), quartic, 1.5, 1e-2), 1e-10);
    }

    /** err(h) / err(h/2) for a scheme whose truncation error dominates at h. */
    private static double errorRatio(Scheme scheme, DoubleUnaryOperator f, DoubleUnaryOperator df, double x, double h) {
        double exact = df.applyAsDouble(x);
        double coarse = Math.abs(derivative(scheme, f, x, h) - exact);
        double fine = Math.abs(derivative(scheme, f, x, h / 2) - exact);
        return coarse / fine;
    }

    @Test
    void halvingTheStepDividesTheTruncationErrorByTwoToTheOrder() {
        // Steps chosen where truncation (≥ 1e-7) dwarfs rounding (≈ 1e-16 / h ≤ 1e-12).
        for (double x : new double[] {0.5, -1.25}) {
            assertEquals(2, errorRatio(Scheme.forward(), Math::exp, Math::exp, x, 1e-3), 0.02, "forward at " + x);
            assertEquals(2, errorRatio(Scheme.backward(), Math::exp, Math::exp, x, 1e-3), 0.02, "backward at " + x);
            assertEquals(4, errorRatio(Scheme.central(), Math::exp, Math::exp, x, 1e-2), 0.02, "central at " + x);
            assertEquals(16, errorRatio(Scheme.fivePoint(), Math::exp, Math::exp, x, 0.2), 0.5, "five-point at " + x);
            assertEquals(4, errorRatio(Scheme.central(), Math::sin, Math::cos, x, 1e-2), 0.02, "central sin at " + x);
            assertEquals(16, errorRatio(Scheme.fivePoint(), Math::sin, Math::cos, x, 0.2), 0.5, "five-point sin at " + x);
        }
    }

    /** Steps 10^(-k/8) for k = 0..128: 1 down to 1e-16, eight per decade. */
    private static double[] sweep() {
        double[] h = new double[129];
        for (int k = 0; k < h.length; k++) {
            h[k] = Math.pow(10, -k / 8.0);
        }
        return h;
    }

    /**
     * A smooth function with its derivative, measured over 64 points spread over [lo, hi].
     * Averaging over points matters: at a single point the rounding errors of f(x+h) and
     * f(x−h) sometimes cancel by luck, and a sweep's "best" error is then a lucky draw that no
     * step rule can match; the mean error over many points is the error one can count on.
     */
    private record Case(String name, DoubleUnaryOperator f, DoubleUnaryOperator df, double lo, double hi) {

        double point(int j) {
            return lo + j * (hi - lo) / 63;
        }

        /** Mean |D − f'| over the points, with the step each point gets from {@code step}. */
        double meanError(Scheme scheme, DoubleUnaryOperator step) {
            double sum = 0;
            for (int j = 0; j < 64; j++) {
                double x = point(j);
                sum += Math.abs(derivative(scheme, f, x, step.applyAsDouble(x)) - df.applyAsDouble(x));
            }
            return sum / 64;
        }
    }

    private static final Case[] CASES = {
        new Case("exp", Math::exp, Math::exp, 0.5, 1.5),
        new Case("sin", Math::sin, Math::cos, 0.2, 1.2),
        new Case("log", Math::log, x -> 1 / x, 30, 50),
        new Case("exp(x/100)", x -> Math.exp(x / 100), x -> Math.exp(x / 100) / 100, 100, 200),
    };

    private static double bestStep(Scheme scheme, Case c) {
        double best = Double.POSITIVE_INFINITY;
        double bestH = Double.NaN;
        for (double h : sweep()) {
            double error = c.meanError(scheme, x -> h);
            if (error < best) {
                best = error;
                bestH = h;
            }
        }
        return bestH;
    }

    @ParameterizedTest
    @ValueSource(strings = {"forward", "backward", "central", "five-point", "richardson"})
    void defaultStepLandsWithinTenTimesTheBestErrorOfASweep(String id) {
        Scheme scheme = Scheme.parse(id);
        StepPolicy policy = StepPolicy.scaledToScheme();
        for (Case c : CASES) {
            double h = bestStep(scheme, c);
            double best = c.meanError(scheme, x -> h);
            double atDefault = c.meanError(scheme, x -> policy.step(scheme, x));
            assertTrue(atDefault <= 10 * best, () -> id + " on " + c.name + ": default-step mean error "
                    + atDefault + " > 10 × best " + best + " (at h = " + h + ")");
        }
    }

    @Test
    void richardsonBeatsCentralAtTheirBestSteps() {
        for (Case c : CASES) {
            double centralBest = c.meanError(Scheme.central(), x -> bestStep(Scheme.central(), c));
            double richardsonBest = c.meanError(Scheme.richardson(), x -> bestStep(Scheme.richardson(), c));
            assertTrue(richardsonBest < centralBest / 10,
                    c.name + ": richardson best " + richardsonBest + " vs central best " + centralBest);
        }
    }

    @Test
    void richardsonErrorEstimateTracksTheHalfStepCentralError() {
        double x = 1.0;
        double exact = Math.exp(x);
        double h = 1e-2;
        double[] estimates = {Double.NaN, Double.NaN};
        double extrapolated = Scheme.richardson().derivative(o -> Math.exp(x + o), 0, h, estimates, 1);
        double halfStepError = Math.abs(derivative(Scheme.central(), Math::exp, x, h / 2) - exact);
        assertTrue(Double.isNaN(estimates[0]), "only slot i is written");
        assertEquals(halfStepError, estimates[1], 0.01 * halfStepError);
        assertTrue(Math.abs(extrapolated - exact) <= estimates[1], "the estimate bounds the extrapolated error");
    }

    @Test
    void schemesWithoutEstimatesLeaveTheErrorArrayAlone() {
        for (Scheme scheme : Scheme.all()) {
            double[] errors = {Double.NaN};
            scheme.derivative(o -> Math.exp(1 + o), Math.E, 1e-3, errors, 0);
            assertEquals(scheme.estimatesError(), !Double.isNaN(errors[0]), scheme.id());
        }
    }

    @Test
    void evaluationsPerCoordinateMatchWhatTheSchemeProbes() {
        for (Scheme scheme : Scheme.all()) {
            int[] calls = {0};
            double[] maxOffset = {0};
            scheme.derivative(o -> {
                calls[0]++;
                assertFalse(o == 0, "schemes never probe offset 0: the base value is passed in");
                maxOffset[0] = Math.max(maxOffset[0], Math.abs(o));
                return Math.sin(o);
            }, 0, 0.5, new double[1], 0);
            assertEquals(scheme.evaluationsPerCoordinate(), calls[0], scheme.id());
            assertEquals(scheme.reach() * 0.5, maxOffset[0], scheme.id());
        }
    }

    @Test
    void parseReadsEveryIdAndRejectsUnknownNamesListingTheValidOnes() {
        for (Scheme scheme : Scheme.all()) {
            assertEquals(scheme, Scheme.parse(scheme.id()));
            assertEquals(scheme, Scheme.parse(scheme.id().toUpperCase()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scheme.parse("centre"));
        assertTrue(e.getMessage().contains("'centre'"), e.getMessage());
        assertTrue(e.getMessage().contains("forward, backward, central, five-point, richardson"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse(null));
    }
}
