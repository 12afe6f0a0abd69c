package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.cli.cost.CostMethod;
import dev.numgrad.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CostProgressTest {

    @Test
    void barCountsMethodStepsAndNamesWhatIsMeasured() {
        StringWriter err = new StringWriter();
        WorkloadSpec small = WorkloadSpec.of("mlp", 784, 1, 10, 32);
        WorkloadSpec next = WorkloadSpec.of("mlp", 784, 2, 10, 32);
        try (CostProgress progress = new CostProgress(new PrintWriter(err), false, 2, 0)) {
            for (CostMethod method : CostMethod.values()) {
                progress.measuring(0, small, method, 1, 1);
            }
            progress.measuring(1, next, CostMethod.LOSS, 1, 1);
            progress.measuring(1, next, CostMethod.BACKPROP, 1, 1);
            progress.measuring(1, next, CostMethod.DELTA, 800, 1600);
            progress.measuring(1, next, CostMethod.DELTA, 100, 1600); // a repeat restarting: the bar stays
        }
        String text = err.toString();
        // 2 sizes × 4 methods = 8 steps; 6.5 done, shown as whole steps.
        assertTrue(text.contains("6/8 steps"), text);
        assertTrue(text.contains("mlp(784,2,10,32) delta"), text);
        assertFalse(text.contains("0:00:00 /"), "no linear ETA: " + text);
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended on close: " + text);
    }

    @Test
    void aQuickSweepShowsNoBar() {
        StringWriter err = new StringWriter();
        try (CostProgress progress = new CostProgress(new PrintWriter(err), false, 1, 60_000_000_000L)) {
            progress.measuring(0, WorkloadSpec.of("mlp", 784, 1, 10, 32), CostMethod.LOSS, 1, 1);
        }
        assertEquals("", err.toString());
    }
}
