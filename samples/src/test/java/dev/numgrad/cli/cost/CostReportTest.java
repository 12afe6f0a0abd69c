package dev.numgrad.cli.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.workload.WorkloadSpec;
import java.awt.image.BufferedImage;
import java.util.List;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.list.ImmutableList;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * The report on made-up rows that follow exact power laws, so that every number it prints is
 * known: loss 1e-9·P s, backprop 3e-9·P s, delta 2e-7·P s, black-box 2e-9·P² s.
 */
class CostReportTest {

    private static SizeCost row(int h, boolean extrapolated) {
        WorkloadSpec model = WorkloadSpec.of("mlp", 784, h, 10, 32);
        double p = model.parameters();
        return new SizeCost(model, 1e-9 * p, 3e-9 * p,
                new NumericCost(2e-7 * p, 2L * model.parameters() + 2, 1e-12, model.parameters(), false),
                new NumericCost(2e-9 * p * p, 2L * model.parameters(), 2e-9,
                        extrapolated ? 100 : model.parameters(), extrapolated));
    }

    private static final ImmutableList<SizeCost> ROWS = Lists.immutable.of(
            row(1, false), row(13, false), row(128, true), row(1270, true));

    private static CostReport report(ImmutableList<SizeCost> rows) {
        return new CostReport(new SweepResult(rows, 9, false, 1.0), 2, "panama");
    }

    @Test
    void exponentsAreFittedForEveryMethod() {
        CostReport report = report(ROWS);

        assertEquals(1.0, report.fit(CostMethod.LOSS).orElseThrow().exponent(), 1e-9);
        assertEquals(1.0, report.fit(CostMethod.BACKPROP).orElseThrow().exponent(), 1e-9);
        assertEquals(1.0, report.fit(CostMethod.DELTA).orElseThrow().exponent(), 1e-9);
        assertEquals(2.0, report.fit(CostMethod.BLACK_BOX).orElseThrow().exponent(), 1e-9);
        String exponents = report.exponents();
        // The fits leave out the 805-parameter network: below 10,000 parameters overheads dominate.
        assertEquals(3, report.fitted().size());
        assertTrue(exponents.startsWith("Growth with the parameters P (least squares of log seconds on log P over the 3"
                + " sizes from 10,345 parameters):"), exponents);
        assertTrue(exponents.contains("black-box central gradient   ∝ P^2.00  (R² 1.000; 2 of 3 points extrapolated)"),
                exponents);
        assertTrue(exponents.contains("backprop gradient            ∝ P^1.00  (R² 1.000)"), exponents);
    }

    @Test
    void everyRowSaysHowItsBlackBoxFigureWasObtained() {
        List<String> lines = report(ROWS).table().lines().filter(line -> line.startsWith("mlp(")).toList();

        assertEquals(4, lines.size());
        assertTrue(lines.get(0).endsWith("measured whole"), lines.get(0));
        assertTrue(lines.get(1).endsWith("measured whole"), lines.get(1));
        assertTrue(lines.get(2).endsWith("extrapolated from 100 coordinates"), lines.get(2));
        assertTrue(lines.get(3).startsWith("mlp(784,1270,10,32)   1,009,660   2,019,320"), lines.get(3));
        // 2e-9·P² at P = 1,009,660 is 2,038.9 s = 34.0 min; backprop 3e-9·P = 3.03 ms.
        assertTrue(lines.get(3).contains("34.0 min"), lines.get(3));
        assertTrue(lines.get(3).contains("3.03 ms"), lines.get(3));
        assertTrue(lines.get(3).contains("673,000×"), lines.get(3));
    }

    @Test
    void conclusionsAreComputedFromTheNumbers() {
        String text = report(ROWS).conclusions();

        assertEquals(3, text.lines().count(), text);
        assertTrue(text.contains("A black-box gradient of the largest model here, mlp(784,1270,10,32) with 1,009,660"
                + " parameters, costs 34.0 min (extrapolated from 100 coordinates); backprop costs 3.03 ms: a factor of"
                + " 673,000."), text);
        assertTrue(text.contains("down to 202 ms, 67× backprop, with err_inf 1.0e-12 against black-box's 2.0e-09"
                + " (2,000× smaller)"), text);
        assertTrue(text.contains("Black-box time grows as P^2.00 and backprop as P^1.00: doubling the model multiplies"
                + " a black-box gradient by 4.0 and a backprop gradient by 2.0."), text);
    }

    @Test
    void aSmallerSweepProjectsTheFitToAMillionParameters() {
        CostReport report = report(ROWS.take(3));
        String text = report.conclusions();

        // Only two sizes reach 10,000 parameters, so all three are fitted.
        assertEquals(3, report.fitted().size());
        // 2e-9 · 1,009,660² s = 34.0 min, from the fit of the three smaller sizes.
        assertTrue(text.contains("at that rate a 1,009,660-parameter model would take 34.0 min black-box."), text);
    }

    @Test
    void withTooFewSizesThereIsNoFitAndTheReportSaysSo() {
        CostReport report = report(ROWS.take(2));

        assertTrue(report.fit(CostMethod.BLACK_BOX).isEmpty());
        assertEquals("Growth exponents need at least 3 sizes; 2 measured.", report.exponents().strip());
        assertEquals(2, report.conclusions().lines().count());
        assertEquals("", report(Lists.immutable.empty()).conclusions());
    }

    @Test
    void theHeaderAndTheChartSayWhereTheNumericGradientsRan() {
        CostReport local = report(ROWS);
        assertEquals("2 threads", local.where());
        assertTrue(local.table().startsWith("One gradient of each MLP by each method: numeric gradients are central"
                + " differences on 2 threads, loss and backprop run on 1 thread in this JVM; panama kernels."),
                local.table());

        String where = "cluster 'lab' at 10.0.0.5:5701 (2 members, 8 cores)";
        CostReport remote = new CostReport(new SweepResult(ROWS, 9, false, 1.0), where, "scalar");
        assertTrue(remote.table().startsWith("One gradient of each MLP by each method: numeric gradients are central"
                + " differences on " + where + ", loss and backprop run on 1 thread in this JVM; scalar kernels."),
                remote.table());
        assertEquals("What one gradient costs (numeric gradients on " + where + ")",
                CostChart.chart(remote, ROWS).getTitle());
    }

    @Test
    void csvHasTheDeclaredColumnsAndOneRowPerSize() {
        List<String> lines = report(ROWS).csv().lines().toList();

        assertEquals(CostReport.CSV_COLUMNS.makeString(","), lines.get(0));
        assertEquals(5, lines.size());
        // The quoted model label holds commas: 4 of them, then the 13 remaining fields.
        String last = lines.get(4);
        assertTrue(last.startsWith("\"mlp(784,1270,10,32)\",1009660,"), last);
        assertTrue(last.endsWith(",100,extrapolated"), last);
        assertTrue(lines.get(1).endsWith(",805,measured"), lines.get(1));
        assertEquals(CostReport.CSV_COLUMNS.size(), last.replaceFirst("^\"[^\"]*\"", "m").split(",").length);
    }

    @Test
    void chartHasALinePerMethodAndMarksExtrapolatedPoints() {
        CostReport report = report(ROWS);

        XYChart chart = CostChart.chart(report, ROWS);

        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        List<String> names = List.copyOf(chart.getSeriesMap().keySet());
        assertTrue(names.contains("black-box central gradient, measured  ∝ P^2.00"), names.toString());
        assertTrue(names.contains("black-box central gradient, extrapolated from a sample of coordinates (2 points)"),
                names.toString());
        assertTrue(names.contains("backprop gradient  ∝ P^1.00"), names.toString());
        assertEquals(2, chart.getSeriesMap().get(
                "black-box central gradient, extrapolated from a sample of coordinates (2 points)").getXData().length);
        assertFalse(chart.getSeriesMap().get("black-box bridge").isShowInLegend());
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        assertEquals(900, image.getWidth());
    }
}
