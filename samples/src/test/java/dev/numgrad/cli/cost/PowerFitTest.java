package dev.numgrad.cli.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerFitTest {

    @Test
    void anExactPowerLawIsRecovered() {
        double[] xs = {805, 1_600, 4_810, 101_770, 1_009_660};
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = 3e-9 * xs[i] * xs[i];
        }

        PowerFit fit = PowerFit.of(xs, ys);

        assertEquals(2.0, fit.exponent(), 1e-12);
        assertEquals(Math.log10(3e-9), fit.log10Coefficient(), 1e-10);
        assertEquals(1.0, fit.rSquared(), 1e-12);
        assertEquals(5, fit.points());
        assertEquals(3e-9 * 1e12, fit.at(1e6), 1e-3 * 3e3);
    }

    @Test
    void noiseLowersRSquaredButNotTheSlopeMuch() {
        long seed = 20261201L;
        SplittableRandom random = new SplittableRandom(seed);
        int n = 40;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = Math.pow(10, 3 + 3.0 * i / (n - 1));
            ys[i] = 1e-6 * xs[i] * Math.exp(0.3 * (random.nextDouble() - 0.5)); // ±15 % noise
        }

        PowerFit fit = PowerFit.of(xs, ys);

        assertEquals(1.0, fit.exponent(), 0.05, "seed " + seed);
        assertTrue(fit.rSquared() > 0.9 && fit.rSquared() < 1, "R² " + fit.rSquared() + ", seed " + seed);
    }

    @Test
    void aFlatLineHasExponentZeroAndNothingLeftToExplain() {
        PowerFit fit = PowerFit.of(new double[] {1, 10, 100}, new double[] {5, 5, 5});

        assertEquals(0.0, fit.exponent(), 0.0);
        assertEquals(1.0, fit.rSquared(), 0.0);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> PowerFit.of(new double[] {1, 2, 3}, new double[] {1, 0, 3}));
        assertEquals("ys[1] must be positive and finite, got 0.0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PowerFit.of(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PowerFit.of(new double[] {1, 2}, new double[] {1}));
        IllegalArgumentException equal = assertThrows(IllegalArgumentException.class,
                () -> PowerFit.of(new double[] {7, 7}, new double[] {1, 2}));
        assertTrue(equal.getMessage().contains("all 2 x values are equal"), equal.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PowerFit.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
