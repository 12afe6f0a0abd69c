package dev.numgrad.cli;

import dev.numgrad.Words;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.collections.api.list.primitive.DoubleList;
import org.eclipse.collections.api.list.primitive.IntList;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss-versus-iteration plot of a descent, on a logarithmic loss axis: a loss that falls
 * geometrically is a straight line, and too small, good and too large learning rates look
 * different at a glance (a flat line, a steady slope, a blow-up at the right end).
 *
 * <p>A log axis cannot show zero, negative or non-finite losses; they are left out and the
 * legend says how many. XChart labels a log axis at powers of ten only, so a loss that stays
 * within {@link #LOG_AXIS_MIN_RATIO a factor of 100} gets a linear axis, which it labels
 * throughout; so does a loss with no positive value. Long runs are thinned to
 * about {@link #MAX_POINTS} points, keeping each stretch's lowest and highest loss so that
 * spikes and oscillations stay visible.
 */
final class LossPlot {

    /**
     * Points drawn at most: a low and a high for each of 500 stretches, more than half a point
     * per pixel of the plot's width. XChart writes each segment as its own SVG element (about
     * 750 bytes), so more would only bloat an SVG.
     */
    static final int MAX_POINTS = 1000;

    /** The least ratio of the largest to the smallest positive loss that gets a log axis. */
    static final double LOG_AXIS_MIN_RATIO = 100;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    /** The file formats, chosen by the file name's extension. */
    enum Format {
        PNG, SVG;

        /**
         * @throws IllegalArgumentException for a name that ends in neither .png nor .svg
         */
        static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) {
                return PNG;
            }
            if (name.endsWith(".svg")) {
                return SVG;
            }
            throw new IllegalArgumentException("plot file '" + file + "' must end in .png or .svg");
        }
    }

    private LossPlot() {
    }

    /**
     * The chart.
     *
     * @param title what ran, e.g. "rosen(2): sgd, lr 0.001, exact gradient"
     * @param outcome how it ended, e.g. "MAX_ITERATIONS after 1,000 steps"; names the loss series
     * @param loss f at each iterate, row k being iterate k
     * @param bestIteration the row of the lowest loss, marked on the curve
     */
    static XYChart chart(String title, String outcome, DoubleList loss, int bestIteration) {
        MutableIntList rows = new IntArrayList(loss.size());
        for (int k = 0; k < loss.size(); k++) {
            rows.add(k);
        }
        return chart(title, outcome, rows, loss, bestIteration, bestIteration < 0 ? Double.NaN : loss.get(bestIteration));
    }

    /**
     * The chart of a trace whose rows need not be every iterate (a long run's trace is thinned).
     *
     * @param iteration the iterate of each row, increasing
     * @param loss f at each row's iterate
     * @param bestIteration the iterate of the lowest loss, marked on the curve; -1 for none
     * @param bestLoss the lowest loss
     */
    static XYChart chart(String title, String outcome, IntList iteration, DoubleList loss, int bestIteration,
            double bestLoss) {
        boolean logarithmic = spansDecades(loss);
        MutableDoubleList iterations = new DoubleArrayList();
        MutableDoubleList values = new DoubleArrayList();
        int hidden = 0;
        for (int k = 0; k < loss.size(); k++) {
            double value = loss.get(k);
            if (Double.isFinite(value) && (value > 0 || !logarithmic)) {
                iterations.add(iteration.get(k));
                values.add(value);
            } else {
                hidden++;
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("iteration").yAxisTitle(logarithmic ? "loss f(x), log scale" : "loss f(x)").build();
        XYStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(logarithmic);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS); // inside, it would hide a blow-up at the top right
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setXAxisTickMarkSpacingHint(90); // the default crowds the iteration labels
        if (values.isEmpty()) {
            return chart; // not even the start was finite: title and axes say what ran
        }
        double[][] thinned = thin(iterations.toArray(), values.toArray(), MAX_POINTS);
        String name = "loss: " + outcome + (hidden == 0 ? ""
                : String.format(Locale.ROOT, " (%s %s not shown)", Words.count(hidden, "value"),
                        logarithmic ? "≤ 0 or non-finite" : "non-finite"));
        XYSeries curve = chart.addSeries(name, thinned[0], thinned[1]);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(new Color(0x1f, 0x77, 0xb4));
        double best = bestLoss;
        if (bestIteration >= 0 && Double.isFinite(best) && (best > 0 || !logarithmic)) {
            XYSeries marker = chart.addSeries(String.format(Locale.ROOT, "best %.4g at iteration %,d", best, bestIteration),
                    new double[] {bestIteration}, new double[] {best});
            marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marker.setMarker(SeriesMarkers.CIRCLE);
            marker.setMarkerColor(new Color(0xd6, 0x27, 0x28));
        }
        return chart;
    }

    /** Whether the positive finite losses span at least {@link #LOG_AXIS_MIN_RATIO}. */
    private static boolean spansDecades(DoubleList loss) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int k = 0; k < loss.size(); k++) {
            double value = loss.get(k);
            if (value > 0 && value < Double.POSITIVE_INFINITY) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return max > 0 && max >= LOG_AXIS_MIN_RATIO * min;
    }

    /**
     * Writes the chart to {@code file} (created or replaced, whole or not at all: {@link ChartFiles})
     * in the format its name says.
     */
    static void write(XYChart chart, Path file) throws IOException {
        switch (Format.of(file)) {
            case PNG -> ChartFiles.writePng(chart, file);
            case SVG -> ChartFiles.writeSvg(chart, file);
        }
    }

    /**
     * At most about {@code maxPoints} points: the data split into stretches, each represented
     * by its lowest and its highest point in their original order; the data itself when short.
     *
     * @param xs ascending. Not modified.
     * @param ys the values. Not modified.
     * @return {xs, ys} thinned
     */
    static double[][] thin(double[] xs, double[] ys, int maxPoints) {
        if (xs.length <= maxPoints) {
            return new double[][] {xs, ys};
        }
        int stretches = Math.max(1, maxPoints / 2);
        int width = (xs.length + stretches - 1) / stretches;
        MutableDoubleList outX = new DoubleArrayList(2 * stretches);
        MutableDoubleList outY = new DoubleArrayList(2 * stretches);
        for (int lo = 0; lo < xs.length; lo += width) {
            int hi = Math.min(xs.length, lo + width);
            int min = lo;
            int max = lo;
            for (int i = lo + 1; i < hi; i++) {
                if (ys[i] < ys[min]) {
                    min = i;
                }
                if (ys[i] > ys[max]) {
                    max = i;
                }
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            outX.add(xs[first]);
            outY.add(ys[first]);
            if (second != first) {
                outX.add(xs[second]);
                outY.add(ys[second]);
            }
        }
        return new double[][] {outX.toArray(), outY.toArray()};
    }
}
