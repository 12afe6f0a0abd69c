package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DescentProgressTest {

    @Test
    void barShowsTheStepsAndTheLoss() {
        StringWriter err = new StringWriter();
        try (DescentProgress progress = new DescentProgress(new PrintWriter(err), false, 10, 0)) {
            for (int k = 0; k <= 10; k++) {
                progress.onIteration(k, Math.pow(0.5, k), 1);
            }
        }
        String text = err.toString();
        assertTrue(text.contains("10/10"), text);
        assertTrue(text.contains("loss 9.7656e-04"), "the last loss, 0.5^10\n" + text);
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended on close: " + text);
    }

    @Test
    void aQuickRunShowsNoBar() {
        StringWriter err = new StringWriter();
        try (DescentProgress progress = new DescentProgress(new PrintWriter(err), false, 10, 60_000_000_000L)) {
            progress.onIteration(0, 1, 1);
        }
        assertEquals("", err.toString());
    }
}
