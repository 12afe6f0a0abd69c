package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test sources in a child JVM with the vector module and this test
 * run's class path, and reads its "key value" lines: for checks that depend on JVM flags or
 * compile order, which a test cannot set in its own JVM.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} and returns its output's "key value" lines as a map (a key's last
     * line wins; lines without a blank are ignored). Stderr is merged in, so that a failure
     * message shows it; the JVM's own notices there do not clash with the probes' keys.
     *
     * @throws AssertionError if the child does not finish in time or exits with a non-zero status
     */
    public static Map<String, String> run(Class<?> mainClass, List<String> vmOptions, String... args)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
        command.addAll(vmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + command);
        }
        assertEquals(0, process.exitValue(), () -> command + "\n" + stdout);
        Map<String, String> lines = new TreeMap<>();
        stdout.lines().filter(line -> line.indexOf(' ') > 0).forEach(line ->
                lines.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)));
        return lines;
    }
}
