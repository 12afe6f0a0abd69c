package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad {@code numgrad descend} request gets exit status 2 and one line on stderr that
 * names the bad value, before any work: no stack trace, nothing on stdout.
 */
class DescendArgumentsTest {

    /** A valid request that each case below spoils in one way. */
    private static final String[] BASE = {"descend", "-w", "sumsq", "-s", "10", "-g", "exact"};

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("unknown optimizer", "'adamax'", "--lr", "0.1", "-o", "adamax"),
                bad("missing learning rate", "--lr"),
                bad("zero learning rate", "got 0.0", "--lr", "0"),
                bad("negative learning rate", "got -0.5", "--lr", "-0.5"),
                bad("NaN learning rate", "got NaN", "--lr", "NaN"),
                bad("infinite learning rate", "got Infinity", "--lr", "Infinity"),
                bad("non-numeric learning rate", "'fast'", "--lr", "fast"),
                bad("zero steps", "--steps must be at least 1, got 0", "--lr", "0.1", "-n", "0"),
                bad("negative steps", "got -4", "--lr", "0.1", "--steps=-4"),
                bad("unknown gradient source", "'magic'", "--lr", "0.1", "-g", "magic"),
                bad("unknown schedule", "'linear'", "--lr", "0.1", "--schedule", "linear"),
                bad("step schedule without factor", "'step:10'", "--lr", "0.1", "--schedule", "step:10"),
                bad("step schedule with zero interval", "got 0", "--lr", "0.1", "--schedule", "step:0:0.5"),
                bad("step schedule factor not a number", "'half'", "--lr", "0.1", "--schedule", "step:10:half"),
                bad("growing exponential schedule", "got 2.0", "--lr", "0.1", "--schedule", "exp:2"),
                bad("cosine floor above one", "got 1.5", "--lr", "0.1", "--schedule", "cosine:1.5"),
                bad("negative warm-up", "got -1", "--lr", "0.1", "--warmup=-1"),
                bad("warm-up longer than the run", "--warmup 9", "--lr", "0.1", "-n", "5", "--warmup", "9"),
                bad("both clipping options", "mutually exclusive", "--lr", "0.1", "--clip-value", "1", "--clip-norm", "1"),
                bad("zero clipping norm", "--clip-norm", "--lr", "0.1", "--clip-norm", "0"),
                bad("NaN clipping value", "--clip-value", "--lr", "0.1", "--clip-value", "NaN"),
                bad("negative gradient tolerance", "--grad-tol", "--lr", "0.1", "--grad-tol=-1"),
                bad("NaN loss tolerance", "--loss-tol", "--lr", "0.1", "--loss-tol", "NaN"),
                bad("zero time limit", "'0s'", "--lr", "0.1", "--time-limit", "0s"),
                bad("unreadable time limit", "'soon'", "--lr", "0.1", "--time-limit", "soon"),
                bad("zero threads", "--threads must be at least 1, got 0", "--lr", "0.1", "-t", "0"),
                bad("unknown scheme", "'sideways'", "--lr", "0.1", "--scheme", "sideways"),
                bad("unknown kernels", "'gpu'", "--lr", "0.1", "--kernels", "gpu"),
                bad("plot format", ".png or .svg", "--lr", "0.1", "--plot", "loss.jpg"),
                bad("trace and plot in one file", "same file", "--lr", "0.1", "--trace", "x.svg", "--plot", "x.svg"),
                bad("misspelt option", "--optimizer", "--lr", "0.1", "--optimiser", "sgd"));
    }

    private static Arguments bad(String what, String named, String... args) {
        return Arguments.of(what, named, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsOneLineAndExitTwo(String what, String named, String[] args) {
        String[] all = Stream.concat(Stream.of(BASE), Stream.of(args)).toArray(String[]::new);

        Cli cli = Cli.run(all);

        assertEquals(2, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), "one line on stderr\n" + cli.transcript());
        String line = cli.errLines().getFirst();
        assertTrue(line.startsWith("numgrad descend: "), cli.transcript());
        assertTrue(line.contains(named), "the message names " + named + "\n" + cli.transcript());
        GradientArgumentsTest.assertNoStackTrace(cli);
        assertEquals("", cli.out(), "nothing on stdout\n" + cli.transcript());
    }

    @Test
    void traceIntoMissingDirectoryIsRefusedBeforeAnyWork(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("trace.csv");

        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", "10", "--lr", "0.1", "--trace", file.toString());

        assertEquals(2, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), cli.transcript());
        assertTrue(cli.err().contains("does not exist"), cli.transcript());
        assertFalse(file.getParent().toFile().exists());
    }

    @Test
    void helpDocumentsTheDivergedExitStatus() {
        Cli help = Cli.run("descend", "--help");

        assertEquals(0, help.exitCode(), help.transcript());
        assertTrue(help.out().matches("(?s).*\\n  3 +the descent DIVERGED.*"), help.transcript());
        assertTrue(help.out().matches("(?s).*\\n  130 +interrupted.*"), help.transcript());
        assertTrue(help.out().contains("step:EVERY:FACTOR"), help.transcript());
        assertTrue(help.out().contains("linreg m,n"), help.transcript());
    }
}
