package dev.numgrad.tour;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tour's chart style: white, gridded, with fonts large enough to read on a projector, and a
 * few series kinds (lines, dots, background lines) in one palette.
 */
final class Charts {

    /** A wide figure: curves against one variable. */
    static final int WIDE_WIDTH = 960;
    static final int WIDE_HEIGHT = 600;
    /**
     * A map of the plane: contours and paths. Tall enough that, with the legend below, the plot
     * area is about square, so circles look round and arrows point where they should.
     */
    static final int MAP_WIDTH = 820;
    static final int MAP_HEIGHT = 936;

    static final Color BLUE = new Color(0x1f, 0x77, 0xb4);
    static final Color ORANGE = new Color(0xff, 0x7f, 0x0e);
    static final Color GREEN = new Color(0x2c, 0xa0, 0x2c);
    static final Color LIGHT_GREEN = new Color(0x98, 0xdf, 0x8a);
    static final Color RED = new Color(0xd6, 0x27, 0x28);
    static final Color PURPLE = new Color(0x94, 0x67, 0xbd);
    static final Color GREY = new Color(0x99, 0x99, 0x99);
    static final Color BLACK = new Color(0x22, 0x22, 0x22);

    private static final BasicStroke THICK = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {8f, 6f}, 0f);
    private static final BasicStroke THIN = new BasicStroke(1.2f);

    private Charts() {
    }

    /** A wide chart of curves. */
    static XYChart wide(String title, String xTitle, String yTitle) {
        return styled(new XYChartBuilder().width(WIDE_WIDTH).height(WIDE_HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build());
    }

    /** A map of the plane over [xMin, xMax] × [yMin, yMax], legend below. */
    static XYChart map(String title, double xMin, double xMax, double yMin, double yMax) {
        XYChart chart = styled(new XYChartBuilder().width(MAP_WIDTH).height(MAP_HEIGHT).title(title)
                .xAxisTitle("x₀").yAxisTitle("x₁").build());
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        return chart;
    }

    private static XYChart styled(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        // Solid grid lines: an SVG encoder writes each dash of a dashed line as its own outline,
        // which made a log-scale chart's SVG megabytes long.
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setMarkerSize(9);
        styler.setXAxisTickMarkSpacingHint(90);
        return chart;
    }

    /** A thick solid line without markers. */
    static XYSeries line(XYChart chart, String name, double[] xs, double[] ys, Color color) {
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(THICK);
        return series;
    }

    /** A dashed line without markers. */
    static XYSeries dashed(XYChart chart, String name, double[] xs, double[] ys, Color color) {
        XYSeries series = line(chart, name, xs, ys, color);
        series.setLineStyle(DASHED);
        return series;
    }

    /** A line with a marker at every point. */
    static XYSeries lineWithDots(XYChart chart, String name, double[] xs, double[] ys, Color color) {
        XYSeries series = line(chart, name, xs, ys, color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        return series;
    }

    /** Markers only. */
    static XYSeries dots(XYChart chart, String name, double[] xs, double[] ys, Color color) {
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        return series;
    }

    /** A thin grey background line (contours), NaN-separated pieces allowed. */
    static XYSeries background(XYChart chart, String name, double[] xs, double[] ys) {
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(GREY);
        series.setLineStyle(THIN);
        return series;
    }

    /**
     * Labels a step axis 0, 1, …, n − 1 at a round interval (1, 2, 5, 10, 20, …) that leaves at most
     * about ten labels: XChart puts a tick at every integer of a short integer axis and labels them
     * all, until the labels run together.
     */
    static void stepAxis(XYChart chart, int n) {
        long every = 1;
        for (int k = 0; (n - 1) / every > 10; k++) {
            every = (long) (new int[] {2, 5, 10}[k % 3] * Math.pow(10, k / 3));
        }
        long interval = every;
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                x -> Math.rint(x) == x && x.longValue() % interval == 0 ? Long.toString(x.longValue()) : "");
    }

    /** 0, 1, …, n − 1: the step numbers of a trace. */
    static double[] indices(int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
        }
        return xs;
    }

    /** Points from a in equal steps to b, both included. */
    static double[] linspace(double a, double b, int points) {
        double[] xs = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = a + (b - a) * i / (points - 1);
        }
        return xs;
    }
}
