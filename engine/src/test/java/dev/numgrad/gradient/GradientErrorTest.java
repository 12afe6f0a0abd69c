package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientErrorTest {

    @Test
    void worstCoordinateErrorOverLargestExactComponent() {
        double[] exact = {4, -0.001, 2};
        double[] computed = {4.002, 0.0, 2};
        // worst |g − g*| is 0.002 (coordinate 0), largest |g*| is 4
        assertEquals((4.002 - 4) / 4, GradientError.relativeInf(computed, exact), 0.0);
        assertEquals(0.0, GradientError.relativeInf(exact, exact));
    }

    @Test
    void zeroExactGradientUsesTheLimit() {
        assertEquals(0.0, GradientError.relativeInf(new double[2], new double[2]));
        assertEquals(Double.POSITIVE_INFINITY, GradientError.relativeInf(new double[] {0, 1e-300}, new double[2]));
    }

    @Test
    void nanIsNeverHidden() {
        assertTrue(Double.isNaN(GradientError.relativeInf(new double[] {Double.NaN, 1}, new double[] {1, 1})));
        assertTrue(Double.isNaN(GradientError.relativeInf(new double[] {1, 1}, new double[] {1, Double.NaN})));
    }

    @Test
    void lengthsMustAgree() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GradientError.relativeInf(new double[3], new double[4]));
        assertEquals("gradient length 3 != exact gradient length 4", e.getMessage());
    }

    @Test
    void sampledErrorIsScaledByTheWholeExactGradient() {
        double[] exact = {4, -1, 0.5, 2};
        int[] coordinates = {1, 3};
        double[] values = {-1.25, 2}; // off by 0.25 at coordinate 1, exact at 3

        // 0.25 / max|exact| = 0.25 / 4, although the sampled exact entries only reach 2.
        assertEquals(0.0625, GradientError.relativeInfAt(values, coordinates, exact), 0.0);
        assertEquals(0.0, GradientError.relativeInfAt(new double[] {0}, new int[] {0}, new double[] {0}), 0.0);
        assertTrue(Double.isNaN(GradientError.relativeInfAt(new double[] {Double.NaN}, new int[] {0}, exact)));
        assertThrows(IllegalArgumentException.class,
                () -> GradientError.relativeInfAt(new double[] {1, 2}, new int[] {0}, exact));
    }
}
