package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code numgrad} launcher names a bad NUMGRAD_HEAP in one line and exits 2, before it would
 * build anything or start the command line (so this test never triggers a build).
 */
class LauncherHeapTest {

    private static final Path LAUNCHER = Path.of("..", "numgrad").toAbsolutePath().normalize();

    @ParameterizedTest(name = "NUMGRAD_HEAP={0}")
    @CsvSource(delimiter = '|', value = {
        "4x|is not a heap size",
        "-1g|is not a heap size",
        "10m|is below the 128m numgrad needs to start",
        "65536k|is below the 128m",
        "999999999999999g|the JVM cannot start with NUMGRAD_HEAP=999999999999999g"
    })
    void aBadHeapIsOneLineAndExitTwo(String heap, String named) throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is executable");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "gradient", "-w", "sumsq", "-s", "10");
        builder.environment().put("NUMGRAD_HEAP", heap);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("NUMGRAD_JAVA_OPTS");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
        List<String> lines = err.lines().filter(line -> !line.isBlank()).toList();
        String transcript = "exit " + process.exitValue() + "\n--- stdout\n" + out + "--- stderr\n" + err;
        assertEquals(2, process.exitValue(), transcript);
        assertEquals(1, lines.size(), "one line\n" + transcript);
        assertTrue(lines.getFirst().startsWith("numgrad: ") && lines.getFirst().contains(named), transcript);
    }
}
