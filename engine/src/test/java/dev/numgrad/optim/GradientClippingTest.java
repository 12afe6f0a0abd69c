package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static double[] clip(GradientClipping clipping, double... gradient) {
        double[] g = gradient.clone();
        clipping.clip(g);
        return g;
    }

    @Test
    void byValueClampsEachComponent() {
        assertArrayEquals(new double[] {-1, 0.5, 1, -0.5, 1},
                clip(GradientClipping.byValue(1), -3, 0.5, 2, -0.5, 1), 0.0);
    }

    @Test
    void byNormRescalesLongGradientsOnly() {
        assertArrayEquals(new double[] {3, 4}, clip(GradientClipping.byNorm(5), 6, 8), 1e-15);
        assertArrayEquals(new double[] {3, 4}, clip(GradientClipping.byNorm(5), 3, 4), 0.0);
        assertArrayEquals(new double[] {0.3, -0.4}, clip(GradientClipping.byNorm(5), 0.3, -0.4), 0.0);
        assertArrayEquals(new double[] {0, 0}, clip(GradientClipping.byNorm(5), 0, 0), 0.0);
    }

    @Test
    void byNormSurvivesComponentsWhoseSquaresOverflow() {
        // (1e200, 1e200) has norm √2·1e200 though its sum of squares is +∞.
        double[] g = clip(GradientClipping.byNorm(5), 1e200, 1e200);
        assertArrayEquals(new double[] {5 / Math.sqrt(2), 5 / Math.sqrt(2)}, g, 1e-15);
    }

    @Test
    void noneLeavesTheGradientAlone() {
        assertArrayEquals(new double[] {1e300, -7}, clip(GradientClipping.none(), 1e300, -7), 0.0);
    }

    @Test
    void limitsAreValidated() {
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(0));
        assertEquals("clipping limit must be positive and finite, got 0.0", value.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.POSITIVE_INFINITY));
        IllegalArgumentException norm = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.byNorm(Double.NaN));
        assertEquals("clipping norm must be positive and finite, got NaN", norm.getMessage());
    }

    @Test
    void normHandlesOverflowUnderflowAndNonFiniteValues() {
        assertEquals(Math.sqrt(2) * 1e200, Vectors.norm(new double[] {1e200, -1e200}), 1e185);
        assertEquals(Math.sqrt(2) * 1e-200, Vectors.norm(new double[] {1e-200, 1e-200}), 1e-215);
        assertEquals(5 * Double.MIN_VALUE, Vectors.norm(new double[] {3 * Double.MIN_VALUE, 4 * Double.MIN_VALUE}));
        assertEquals(0, Vectors.norm(new double[] {0, -0.0}));
        assertEquals(Double.POSITIVE_INFINITY, Vectors.norm(new double[] {1, Double.NEGATIVE_INFINITY}));
        assertEquals(Double.NaN, Vectors.norm(new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals(Double.NaN, Vectors.norm(new double[] {Double.POSITIVE_INFINITY, Double.NaN, 1}));
        assertEquals(Double.NaN, Vectors.norm(new double[] {1e-300, Double.NaN, 1}));
    }
}
