package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class LossPlotTest {

    @Test
    void shortDataIsDrawnAsItIs() {
        double[] xs = {0, 1, 2};
        double[] ys = {3, 1, 2};

        double[][] thinned = LossPlot.thin(xs, ys, 10);

        assertArrayEquals(xs, thinned[0]);
        assertArrayEquals(ys, thinned[1]);
    }

    @Test
    void thinningKeepsEveryStretchsExtremesInOrder() {
        long seed = 20261123L;
        SplittableRandom random = new SplittableRandom(seed);
        int n = 100_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = 1 + random.nextDouble();
        }
        ys[54_321] = 1e6; // a spike
        ys[77_777] = 1e-6; // a dip

        double[][] thinned = LossPlot.thin(xs, ys, 1000);

        assertTrue(thinned[0].length <= 1000, "at most 1000 points, seed " + seed);
        assertTrue(Arrays.stream(thinned[1]).anyMatch(y -> y == 1e6), "the spike survives, seed " + seed);
        assertTrue(Arrays.stream(thinned[1]).anyMatch(y -> y == 1e-6), "the dip survives, seed " + seed);
        for (int i = 1; i < thinned[0].length; i++) {
            assertTrue(thinned[0][i] > thinned[0][i - 1], "iterations ascend at " + i + ", seed " + seed);
        }
        assertEquals(1e6, Arrays.stream(thinned[1]).max().orElseThrow());
    }

    @Test
    void nonPositiveLossesAreLeftOffTheLogAxisAndCounted() {
        XYChart chart = LossPlot.chart("t", "MAX_ITERATIONS", DoubleArrayList.newListWith(400, 1, 0, Double.NaN, 0.5), 4);

        assertTrue(chart.getStyler().isYAxisLogarithmic());
        String name = chart.getSeriesMap().keySet().iterator().next();
        assertTrue(name.contains("2 values ≤ 0 or non-finite not shown"), name);
        assertEquals(3, chart.getSeriesMap().get(name).getXData().length);
    }

    @Test
    void aLossWithinTwoDecadesGetsALinearAxisThatIsLabelledThroughout() {
        XYChart chart = LossPlot.chart("t", "MAX_ITERATIONS", DoubleArrayList.newListWith(1.2, 0.9, 0.5, 0.013), 3);

        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals("loss f(x)", chart.getYAxisTitle());
    }

    @Test
    void withNoPositiveLossTheAxisIsLinear() {
        XYChart chart = LossPlot.chart("t", "MAX_ITERATIONS", DoubleArrayList.newListWith(0, -1, -2), 2);

        assertFalse(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void formatFollowsTheExtension() {
        assertEquals(LossPlot.Format.PNG, LossPlot.Format.of(Path.of("a/loss.PNG")));
        assertEquals(LossPlot.Format.SVG, LossPlot.Format.of(Path.of("loss.svg")));
        assertThrows(IllegalArgumentException.class, () -> LossPlot.Format.of(Path.of("loss.pdf")));
    }
}
