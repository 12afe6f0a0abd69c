package dev.numgrad.cli.cost;

import dev.numgrad.Words;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import org.eclipse.collections.api.list.ImmutableList;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The log-log chart of {@code numgrad cost}: seconds against parameters, one line per method, so
 * that a power law is a straight line and its slope is the growth exponent (the legend gives the
 * fitted one). Extrapolated black-box points are a separate series, dashed with cross markers and
 * "extrapolated" in its legend entry, joined to the last measured point by a dashed stretch.
 */
public final class CostChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 680;
    private static final Color BLACK_BOX_COLOR = new Color(0xd6, 0x27, 0x28);
    private static final float[] DASH = {8f, 6f};

    private CostChart() {
    }

    /**
     * The chart; empty axes (with the title) when nothing was measured.
     *
     * @param report the measured rows and their fits
     * @param rows the rows, smallest first
     * @return the chart, ready for XChart's encoders; its title says where the numeric gradients
     *     ran ({@link CostReport#where()})
     */
    public static XYChart chart(CostReport report, ImmutableList<SizeCost> rows) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "What one gradient costs (numeric gradients on %s)", report.where()))
                .xAxisTitle("parameters P (log scale)").yAxisTitle("seconds (log scale)").build();
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS); // inside, it would cover the black-box line
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        if (rows.isEmpty()) {
            return chart;
        }
        double[] parameters = rows.collectDouble(SizeCost::parameters).toArray();
        add(chart, report, CostMethod.LOSS, parameters, rows, new Color(0x7f, 0x7f, 0x7f), SeriesMarkers.SQUARE);
        add(chart, report, CostMethod.BACKPROP, parameters, rows, new Color(0x2c, 0xa0, 0x2c), SeriesMarkers.DIAMOND);
        add(chart, report, CostMethod.DELTA, parameters, rows, new Color(0x1f, 0x77, 0xb4), SeriesMarkers.TRIANGLE_UP);
        addBlackBox(chart, report, rows);
        return chart;
    }

    private static void add(XYChart chart, CostReport report, CostMethod method, double[] parameters,
            ImmutableList<SizeCost> rows, Color color, Marker marker) {
        XYSeries series = chart.addSeries(name(report, method, ""), parameters,
                rows.collectDouble(row -> row.seconds(method)).toArray());
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(marker);
    }

    private static void addBlackBox(XYChart chart, CostReport report, ImmutableList<SizeCost> rows) {
        ImmutableList<SizeCost> measured = rows.reject(row -> row.blackBox().extrapolated());
        ImmutableList<SizeCost> extrapolated = rows.select(row -> row.blackBox().extrapolated());
        if (!measured.isEmpty()) {
            XYSeries series = chart.addSeries(name(report, CostMethod.BLACK_BOX, ", measured"),
                    measured.collectDouble(SizeCost::parameters).toArray(),
                    measured.collectDouble(row -> row.blackBox().seconds()).toArray());
            series.setLineColor(BLACK_BOX_COLOR);
            series.setMarkerColor(BLACK_BOX_COLOR);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        if (!extrapolated.isEmpty()) {
            XYSeries series = chart.addSeries(
                    String.format(Locale.ROOT, "%s, extrapolated from a sample of coordinates (%s)",
                            CostMethod.BLACK_BOX.label(), Words.count(extrapolated.size(), "point")),
                    extrapolated.collectDouble(SizeCost::parameters).toArray(),
                    extrapolated.collectDouble(row -> row.blackBox().seconds()).toArray());
            series.setLineColor(BLACK_BOX_COLOR);
            series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f));
            series.setMarkerColor(BLACK_BOX_COLOR);
            series.setMarker(SeriesMarkers.CROSS);
            bridge(chart, measured, extrapolated.getFirst());
        }
    }

    /**
     * A dashed stretch, without markers or legend entry, from the last measured black-box point
     * below the first extrapolated one to it, so the black-box line reads as one line.
     */
    private static void bridge(XYChart chart, ImmutableList<SizeCost> measured, SizeCost first) {
        ImmutableList<SizeCost> before = measured.select(row -> row.parameters() < first.parameters());
        if (before.isEmpty()) {
            return;
        }
        SizeCost last = before.getLast();
        XYSeries bridge = chart.addSeries("black-box bridge",
                new double[] {last.parameters(), first.parameters()},
                new double[] {last.blackBox().seconds(), first.blackBox().seconds()});
        bridge.setLineColor(BLACK_BOX_COLOR);
        bridge.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f));
        bridge.setMarker(SeriesMarkers.NONE);
        bridge.setShowInLegend(false);
    }

    private static String name(CostReport report, CostMethod method, String suffix) {
        return report.fit(method)
                .map(fit -> String.format(Locale.ROOT, "%s%s  ∝ P^%.2f", method.label(), suffix, fit.exponent()))
                .orElse(method.label() + suffix);
    }
}
