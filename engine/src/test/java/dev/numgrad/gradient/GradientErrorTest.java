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
}
