package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void oneBarSpansEveryRepeat() {
        StringWriter err = new StringWriter();
        try (ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), false, 100, 2, 0)) {
            display.forGradient(0).onProgress(100, 100);
            display.forGradient(1).onProgress(50, 100);
            display.forGradient(1).onProgress(20, 100); // late report from another worker: ignored
        }
        String text = err.toString();
        assertTrue(text.contains("150/200"), text);
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended on close: " + text);
    }

    @Test
    void aQuickRunShowsNoBar() {
        StringWriter err = new StringWriter();
        try (ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), false, 100, 1, 60_000_000_000L)) {
            display.forGradient(0).onProgress(100, 100);
        }
        assertEquals("", err.toString());
    }
}
