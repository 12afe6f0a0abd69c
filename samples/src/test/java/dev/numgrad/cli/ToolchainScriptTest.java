package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK search that {@code ./numgrad}, {@code ./test} and {@code .ci/run} share
 * ({@code scripts/toolchain.sh}), run by bash against fake JDK homes: a {@code release} file
 * and a {@code bin/java} that must never be started when the release file answers.
 */
class ToolchainScriptTest {

    /** Surefire runs in the module directory; the script is at the repository root. */
    private static final Path SCRIPT = Path.of("..", "scripts", "toolchain.sh").toAbsolutePath().normalize();

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void majorVersionComesFromTheReleaseFile(@TempDir Path dir) throws Exception {
        assertEquals("25", run("numgrad_java_major " + fakeJdk(dir, "jdk-25", "25.0.1"), Map.of()).out().strip());
        assertEquals("17", run("numgrad_java_major " + fakeJdk(dir, "jdk-17", "17.0.15"), Map.of()).out().strip());
        assertEquals("8", run("numgrad_java_major " + fakeJdk(dir, "jdk-8", "1.8.0_402"), Map.of()).out().strip());
        assertEquals("26", run("numgrad_java_major " + fakeJdk(dir, "jdk-26", "26-ea"), Map.of()).out().strip());
    }

    @Test
    void javaHomeIsUsedWhenItIsNewEnough(@TempDir Path dir) throws Exception {
        Path jdk = fakeJdk(dir, "jdk-25", "25.0.1");

        Result result = run("numgrad_find_jdk", Map.of("JAVA_HOME", jdk.toString()));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(jdk.toRealPath().toString(), result.out().strip());
    }

    @Test
    void anOlderJavaHomeIsPassedOverAndNamedWhenNothingFits(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir, "jdk-17", "17.0.15");

        // No JDK on any machine is version 99: every candidate is rejected, so the message shows.
        Result result = run("NUMGRAD_MIN_JAVA=99; numgrad_find_jdk", Map.of("JAVA_HOME", old.toString()));

        assertEquals(1, result.exitCode(), result.out());
        assertEquals("", result.out(), "nothing on stdout, so $(numgrad_find_jdk) is empty");
        assertTrue(result.err().contains("needs a JDK 99 or newer"), result.err());
        assertTrue(result.err().contains(old.toRealPath() + " (Java 17)"), result.err());
    }

    @Test
    void missingMavenSaysWhatToInstall(@TempDir Path dir) throws Exception {
        Result result = run("numgrad_find_maven", Map.of("PATH", dir.toString(), "MAVEN_HOME", "", "M2_HOME", ""));

        assertEquals(1, result.exitCode(), result.out());
        assertTrue(result.err().contains("apt-get install maven"), result.err());
    }

    /** A JDK home whose java fails loudly if it is ever started. */
    private static Path fakeJdk(Path dir, String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin").resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'fake java started' >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static Result run(String commands, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0\"; " + commands, SCRIPT.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash finished");
        assertTrue(!err.contains("fake java started"), "the release file answered; java was not started: " + err);
        return new Result(process.exitValue(), out, err);
    }
}
