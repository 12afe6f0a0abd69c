package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails at the end, after the checks passed: the command line runs as a child JVM
 * under a file-size limit ({@code ulimit -f}), so the operating system refuses the write part-way
 * with "File too large". The summary is still printed, the other outputs are still written, the
 * previous file survives whole, no temporary file is left, and the exit status is 1.
 */
class FileSizeLimitTest {

    /** The limit in KiB: the small trace fits, a 32 KiB dump and an SVG plot do not. */
    private static final int LIMIT_KIB = 8;

    private record Child(int exitCode, String out, String err) {
        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Child numgrad(Path dir, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c",
                "ulimit -f " + LIMIT_KIB + " && exec \"$@\"", "numgrad", java, "-XX:-UsePerfData", "-Xmx512m",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "dev.numgrad.cli.NumgradCommand"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("child.out").toFile()).redirectError(dir.resolve("child.err").toFile())
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child ends");
        Child child = new Child(process.exitValue(), Files.readString(dir.resolve("child.out")),
                Files.readString(dir.resolve("child.err")));
        Files.delete(dir.resolve("child.out"));
        Files.delete(dir.resolve("child.err"));
        return child;
    }

    private static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> partial = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".partial") || name.endsWith(".check")).toList();
            assertEquals(List.of(), partial, "temporary files left behind");
        }
    }

    @Test
    void aDumpThatHitsTheLimitKeepsThePreviousFileAndTheSummary(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("g.f64");
        byte[] previous = "the previous dump, whole".getBytes(StandardCharsets.UTF_8);
        Files.write(dump, previous);

        Child child = numgrad(dir, "gradient", "-w", "sumsq", "-s", "4096", "-t", "1", "--dump", "g.f64");

        assertEquals(1, child.exitCode(), child.transcript());
        assertTrue(child.out().contains("workload     sumsq(4096)"), "the summary is printed\n" + child.transcript());
        assertTrue(child.err().contains("cannot write --dump g.f64: File too large"), child.transcript());
        assertEquals(new String(previous, StandardCharsets.UTF_8), Files.readString(dump), "the previous dump survives");
        assertNoTemporaryFiles(dir);
    }

    @Test
    void aPlotThatHitsTheLimitDoesNotCostTheTraceOrTheSummary(@TempDir Path dir) throws Exception {
        Child child = numgrad(dir, "descend", "-w", "sumsq", "-s", "10", "-g", "exact", "--lr", "0.1", "-n", "5",
                "--trace", "t.csv", "--plot", "p.svg");

        assertEquals(1, child.exitCode(), child.transcript());
        assertTrue(child.out().contains("stopped      MAX_ITERATIONS after 5 steps"), child.transcript());
        assertTrue(child.err().contains("cannot write --plot p.svg: File too large"), child.transcript());
        assertEquals(7, Files.readAllLines(dir.resolve("t.csv")).size(), "header and 6 iterates");
        assertFalse(Files.exists(dir.resolve("p.svg")));
        assertNoTemporaryFiles(dir);
    }
}
