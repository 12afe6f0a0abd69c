package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliErrorsTest {

    @Test
    void unexpectedExceptionIsOneLineThatNamesItsType() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new NumgradCommand()).setErr(new PrintWriter(err));

        int status = CliErrors.onFailure(new IllegalStateException("broken\ninvariant", new ArithmeticException("/ by zero")),
                commandLine, null);

        assertEquals(CommandLine.ExitCode.SOFTWARE, status);
        String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("numgrad: internal error: java.lang.IllegalStateException: broken invariant"), text);
        assertTrue(text.contains("caused by ArithmeticException: / by zero"), text);
        assertFalse(text.contains("\tat "), text);
    }

    @Test
    void describeSkipsACauseTheMessageAlreadyQuotes() {
        Exception inner = new IllegalArgumentException("bad value 3");
        Exception outer = new RuntimeException("loss failed: bad value 3", inner);

        assertEquals("loss failed: bad value 3", CliErrors.describe(outer));
    }
}
