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
 * Every bad request gets exit status 2 and one line on stderr that names the bad value, before
 * any work: no stack trace, nothing on stdout.
 */
class GradientArgumentsTest {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("unknown workload", "'banana'", "-w", "banana", "-s", "10"),
                bad("unknown scheme", "'sideways'", "-w", "sumsq", "-s", "10", "--scheme", "sideways"),
                bad("unknown mode", "'magic'", "-w", "sumsq", "-s", "10", "--mode", "magic"),
                bad("unknown kernels", "'gpu'", "-w", "sumsq", "-s", "10", "--kernels", "gpu"),
                bad("negative size", "-5", "-w", "sumsq", "--size=-5"),
                bad("negative size as a separate word", "-5", "-w", "sumsq", "--size", "-5"),
                bad("zero size", "at least 1", "-w", "sumsq", "-s", "0"),
                bad("non-numeric size", "'10x'", "-w", "sumsq", "-s", "10x"),
                bad("empty size in a list", "''", "-w", "linreg", "-s", "256,"),
                bad("size beyond int", "3000000000", "-w", "sumsq", "-s", "3000000000"),
                bad("too small for rosen", "at least 2", "-w", "rosen", "-s", "1"),
                bad("too few sizes", "got 1", "-w", "linreg", "-s", "256"),
                bad("too many sizes", "got 3", "-w", "sumsq", "-s", "1,2,3"),
                bad("more parameters than an array holds", "parameters", "-w", "sumsq", "-s", "2147483647"),
                bad("does not fit the heap", "NUMGRAD_HEAP", "-w", "sumsq", "-s", "2000000000", "-t", "2"),
                bad("zero threads", "--threads must be at least 1, got 0", "-w", "sumsq", "-s", "10", "-t", "0"),
                bad("negative threads", "got -3", "-w", "sumsq", "-s", "10", "--threads=-3"),
                bad("non-numeric threads", "'two'", "-w", "sumsq", "-s", "10", "-t", "two"),
                bad("zero repeats", "--repeat must be at least 1, got 0", "-w", "sumsq", "-s", "10", "-r", "0"),
                bad("zero probe batch", "--probe-batch must be at least 1, got 0", "-w", "sumsq", "-s", "10",
                        "--probe-batch", "0"),
                bad("negative warm-up", "--warmup must not be negative, got -1", "-w", "sumsq", "-s", "10",
                        "--warmup=-1"),
                bad("zero step", "0.0", "-w", "sumsq", "-s", "10", "--step", "0"),
                bad("negative step", "-0.001", "-w", "sumsq", "-s", "10", "--step=-0.001"),
                bad("NaN step", "NaN", "-w", "sumsq", "-s", "10", "--step", "NaN"),
                bad("negative relative step", "-1", "-w", "sumsq", "-s", "10", "--relative-step=-1"),
                bad("two step options", "mutually exclusive", "-w", "sumsq", "-s", "10", "--step", "1e-4",
                        "--relative-step", "1e-6"),
                bad("zero coordinates", "--coordinates must be at least 1, got 0", "-w", "sumsq", "-s", "10",
                        "--coordinates", "0"),
                bad("coordinates of backprop", "backprop", "-w", "sumsq", "-s", "10", "--coordinates", "3",
                        "--mode", "backprop"),
                bad("coordinates with dump", "--dump writes a whole gradient", "-w", "sumsq", "-s", "10", "--coordinates", "3",
                        "--dump", "g.f64"),
                bad("zero timeout", "--timeout", "-w", "sumsq", "-s", "10", "--timeout", "0"),
                bad("missing workload", "--workload", "-s", "10"),
                bad("missing size", "--size", "-w", "sumsq"),
                bad("misspelt option", "--threads", "-w", "sumsq", "-s", "10", "--thraeds", "2"),
                bad("stray argument", "'extra'", "-w", "sumsq", "-s", "10", "extra"));
    }

    private static Arguments bad(String what, String named, String... args) {
        return Arguments.of(what, named, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsOneLineAndExitTwo(String what, String named, String[] args) {
        Cli cli = Cli.run(prepend("gradient", args));

        assertEquals(2, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), "one line on stderr\n" + cli.transcript());
        String line = cli.errLines().getFirst();
        assertTrue(line.startsWith("numgrad gradient: "), cli.transcript());
        assertTrue(line.contains(named), "the message names " + named + "\n" + cli.transcript());
        assertNoStackTrace(cli);
        assertEquals("", cli.out(), "nothing on stdout\n" + cli.transcript());
    }

    @Test
    void dumpIntoMissingDirectoryIsRefusedBeforeAnyWork(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("g.f64");

        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", "10", "--dump", file.toString());

        assertEquals(2, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), cli.transcript());
        assertTrue(cli.err().contains("does not exist"), cli.transcript());
        assertFalse(file.getParent().toFile().exists());
    }

    @Test
    void heapRefusalStatesTheEstimateAndTheHeap() {
        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", "2000000000", "-t", "1");

        assertEquals(2, cli.exitCode(), cli.transcript());
        String line = cli.errLines().getFirst();
        assertTrue(line.matches(".*needs ~\\d+\\.\\d GiB, heap is \\d+\\.\\d [GM]iB; raise NUMGRAD_HEAP.*"), line);
    }

    @Test
    void noSubcommandShowsTheUsageAndExitsTwo() {
        Cli cli = Cli.run();

        assertEquals(2, cli.exitCode(), cli.transcript());
        assertTrue(cli.err().contains("gradient"), cli.transcript());
    }

    @Test
    void helpAndVersionSucceed() {
        Cli help = Cli.run("gradient", "--help");
        assertEquals(0, help.exitCode(), help.transcript());
        // The workloads in the help come from the engine's list.
        assertTrue(help.out().contains("linreg m,n"), help.transcript());

        Cli version = Cli.run("--version");
        assertEquals(0, version.exitCode(), version.transcript());
        assertTrue(version.out().startsWith("numgrad "), version.transcript());
    }

    /** A stack trace has "at frame" lines and "Caused by:" lines; a message has neither. */
    static void assertNoStackTrace(Cli cli) {
        assertFalse((cli.out() + cli.err()).lines().anyMatch(line -> line.startsWith("\tat ")
                        || line.strip().startsWith("at ") || line.startsWith("Caused by:")),
                "no stack trace\n" + cli.transcript());
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
