package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts this JDK's {@code java} without {@code --add-modules jdk.incubator.vector}, with only
 * the engine's and the tests' classes on the class path, and checks the engine runs on the
 * scalar kernels with exactly one warning, and that forcing panama there fails with the fix;
 * and, with the module but C1 only, that auto also stays scalar with one warning. Each child JVM
 * takes well under a second.
 */
class ScalarFallbackTest {

    private static final String WARNING_TEXT = "module is not available, so numgrad uses its scalar kernels";

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@link FallbackProbe} in a C1-only JVM (fast to start) with the given options. */
    private static Run runProbe(String... options) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath(), FallbackProbe.class.getName()));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + command);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private static String classPath() {
        try {
            String engine = Path.of(Kernels.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String tests = Path.of(FallbackProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return engine + File.pathSeparator + tests;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void autoRunsOnScalarWithOneWarning() throws Exception {
        Run run = runProbe();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("scalar 14.0 panamaPresent=false", run.stdout().strip(), run.stderr());
        assertEquals(1, occurrences(run.stderr(), WARNING_TEXT), "warnings logged:\n" + run.stderr());
        assertTrue(run.stderr().contains("--add-modules jdk.incubator.vector"), run.stderr());
    }

    @Test
    void forcingPanamaWithoutTheModuleSaysHowToFixIt() throws Exception {
        Run run = runProbe("-Dnumgrad.kernels=panama");
        assertTrue(run.exitCode() != 0, "should have failed:\n" + run.stdout());
        assertTrue(run.stderr().contains("-Dnumgrad.kernels=panama: panama kernels need the jdk.incubator.vector module")
                && run.stderr().contains("--add-modules jdk.incubator.vector"), run.stderr());
        assertEquals(0, occurrences(run.stderr(), WARNING_TEXT), run.stderr());
    }

    @Test
    void autoStaysScalarWithoutTheOptimizingCompiler() throws Exception {
        Run run = runProbe("--add-modules", "jdk.incubator.vector");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("scalar 14.0 panamaPresent=true", run.stdout().strip(), run.stderr());
        assertEquals(1, occurrences(run.stderr(), "the C2 compiler is disabled"), run.stderr());
        assertEquals(0, occurrences(run.stderr(), WARNING_TEXT), run.stderr());
    }

    @Test
    void anUnknownPropertyValueIsNamedWithTheValidOnes() throws Exception {
        Run run = runProbe("-Dnumgrad.kernels=simd");
        assertTrue(run.exitCode() != 0, "should have failed:\n" + run.stdout());
        assertTrue(run.stderr().contains("-Dnumgrad.kernels=simd: unknown kernels 'simd'; valid values: auto, scalar, panama"),
                run.stderr());
    }

    @Test
    void forcingScalarIsSilent() throws Exception {
        Run run = runProbe("-Dnumgrad.kernels=scalar");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("scalar 14.0 panamaPresent=false", run.stdout().strip());
        assertEquals("", run.stderr().strip());
    }
}
