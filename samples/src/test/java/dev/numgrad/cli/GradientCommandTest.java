package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs of {@code numgrad gradient} on small standard workloads, checked against gradients
 * written out here from the formulas of WORKLOADS.md rather than taken from the engine.
 */
class GradientCommandTest {

    /** θᵢ = 0.1·sin(0.37·i + 0.1), the start point of every workload. */
    private static double theta(int i) {
        return 0.1 * Math.sin(0.37 * i + 0.1);
    }

    @Test
    void aColdRunGetsNoExtraWarmup() {
        // --warmup 0 times a cold start: nothing may run before it, JIT or not
        Cli cli = Cli.run("gradient", "-w", "rosen", "-s", "200", "-t", "1", "--warmup", "0", "-r", "2", "--json");
        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = JsonParser.parseString(cli.out().strip()).getAsJsonObject();
        assertEquals(0, json.get("warmup").getAsInt());
        assertEquals(0, json.get("warmup_extra").getAsInt());
    }

    @Test
    void jsonIsOneLineWithEveryField() {
        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", "1000", "--mode", "delta", "-t", "1", "--warmup", "2", "-r", "3",
                "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        List<String> lines = cli.out().lines().toList();
        assertEquals(1, lines.size(), cli.transcript());
        JsonObject json = JsonParser.parseString(lines.getFirst()).getAsJsonObject();
        for (String field : List.of("workload", "size", "parameters", "mode", "scheme", "step", "threads", "execution",
                "kernels", "warmup", "warmup_extra", "repeat", "evaluations", "seconds", "seconds_min", "err_inf", "value",
                "probe_batch")) {
            assertTrue(json.has(field), "field " + field + " in " + json);
        }
        assertEquals("sumsq", json.get("workload").getAsString());
        assertEquals(1000, json.get("size").getAsJsonArray().get(0).getAsInt());
        assertEquals(1000, json.get("parameters").getAsInt());
        assertEquals("delta", json.get("mode").getAsString());
        assertEquals("central", json.get("scheme").getAsString());
        assertEquals(1, json.get("threads").getAsInt());
        assertEquals("serial", json.get("execution").getAsString());
        assertEquals(2, json.get("warmup").getAsInt());
        assertTrue(json.get("warmup_extra").getAsInt() >= 0, json.toString());
        assertEquals(3, json.get("repeat").getAsInt());
        assertTrue(json.get("evaluations").getAsLong() >= 2 * 1000, json.toString());
        assertTrue(json.get("seconds").getAsDouble() >= json.get("seconds_min").getAsDouble(), json.toString());
        // Central differences are exact on a quadratic up to rounding.
        assertTrue(json.get("err_inf").getAsDouble() < 1e-8, json.toString());
        double value = 0;
        for (int i = 0; i < 1000; i++) {
            value += theta(i) * theta(i);
        }
        assertEquals(value, json.get("value").getAsDouble(), 1e-12 * value);
        assertEquals("", cli.err(), "nothing on stderr with --json\n" + cli.transcript());
    }

    @Test
    void backpropReportsNoSchemeAndZeroError() {
        // --threads would be ignored by backprop, so it is refused (see HonestReportsTest).
        Cli cli = Cli.run("gradient", "-w", "rosen", "-s", "100", "--mode", "backprop", "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = JsonParser.parseString(cli.out().strip()).getAsJsonObject();
        JsonElement scheme = json.get("scheme");
        assertTrue(scheme.isJsonNull(), json.toString());
        assertEquals(1, json.get("evaluations").getAsLong());
        assertEquals(0.0, json.get("err_inf").getAsDouble());
        assertEquals(1, json.get("threads").getAsInt(), "backprop is single-threaded");
        assertEquals("serial", json.get("execution").getAsString());
    }

    @Test
    void dumpWritesLittleEndianDoublesThatReadBackAsTheGradient(@TempDir Path dir) throws IOException {
        int n = 37;
        Path file = dir.resolve("grad.f64");

        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", Integer.toString(n), "-t", "2", "--dump", file.toString());

        assertEquals(0, cli.exitCode(), cli.transcript());
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(n * 8, bytes.length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double expected = 2 * theta(i); // d/dx_i Σ x² = 2 x_i
            assertEquals(expected, buffer.getDouble(), 1e-10, "coordinate " + i);
        }
    }

    @Test
    void summaryOfARealParallelRunOfRosenbrock() {
        Cli cli = Cli.run("gradient", "-w", "rosen", "-s", "500", "-t", "2", "--scheme", "five-point");

        assertEquals(0, cli.exitCode(), cli.transcript());
        assertTrue(cli.out().contains("rosen(500), 500 parameters"), cli.transcript());
        assertTrue(cli.out().contains("2 (fork-join)"), cli.transcript());
        assertTrue(cli.out().contains("five-point"), cli.transcript());
        String errLine = cli.out().lines().filter(line -> line.startsWith("err_inf")).findFirst().orElseThrow();
        double err = Double.parseDouble(errLine.split("\\s+")[1]);
        assertTrue(err < 1e-8, cli.transcript());
    }

    @Test
    void threadsDoNotChangeTheGradient(@TempDir Path dir) throws IOException {
        Path serial = dir.resolve("serial.f64");
        Path parallel = dir.resolve("parallel.f64");

        Cli one = Cli.run("gradient", "-w", "logreg", "-s", "16,101", "-t", "1", "--dump", serial.toString());
        Cli three = Cli.run("gradient", "-w", "logreg", "-s", "16,101", "-t", "3", "--dump", parallel.toString());

        assertEquals(0, one.exitCode(), one.transcript());
        assertEquals(0, three.exitCode(), three.transcript());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(serial), Files.readAllBytes(parallel)),
                "bit-identical for 1 and 3 threads");
    }

    @Test
    void batchedProbesDoNotChangeTheGradientAndAreReported(@TempDir Path dir) throws IOException {
        Path single = dir.resolve("single.f64");
        Path batched = dir.resolve("batched.f64");

        Cli one = Cli.run("gradient", "-w", "logreg", "-s", "16,101", "-t", "2", "--dump", single.toString(), "--json");
        Cli eight = Cli.run("gradient", "-w", "logreg", "-s", "16,101", "-t", "2", "--probe-batch", "8", "--dump",
                batched.toString(), "--json");

        assertEquals(0, one.exitCode(), one.transcript());
        assertEquals(0, eight.exitCode(), eight.transcript());
        assertEquals(1, JsonParser.parseString(one.out().strip()).getAsJsonObject().get("probe_batch").getAsInt());
        assertEquals(8, JsonParser.parseString(eight.out().strip()).getAsJsonObject().get("probe_batch").getAsInt());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(single), Files.readAllBytes(batched)),
                "bit-identical for --probe-batch 1 and 8");
        Cli rosen = Cli.run("gradient", "-w", "rosen", "-s", "100", "--probe-batch", "8", "--json");
        assertEquals(1, JsonParser.parseString(rosen.out().strip()).getAsJsonObject().get("probe_batch").getAsInt(),
                "rosen has no batched probes: one probe per evaluation\n" + rosen.transcript());
    }

    @Test
    void nonFiniteLossIsOneLineNamingTheCoordinate() {
        // (x + 1e200)² overflows: the engine reports the coordinate, the CLI prints one line.
        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", "10", "--step", "1e200", "-t", "1");

        assertEquals(1, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), cli.transcript());
        assertTrue(cli.err().startsWith("numgrad gradient: "), cli.transcript());
        assertTrue(cli.err().contains("0"), cli.transcript());
        GradientArgumentsTest.assertNoStackTrace(cli);
        assertEquals("", cli.out(), cli.transcript());
    }

    @Test
    void stepThatOverflowsIsRejectedByTheEngineInOneLine() {
        // 2·h overflows for the five-point stencil, which probes x ± 2h.
        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", "10", "--scheme", "five-point", "--step", "1e308");

        assertEquals(1, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), cli.transcript());
        GradientArgumentsTest.assertNoStackTrace(cli);
    }

    @Test
    void timeoutCancelsALongGradientPromptly() {
        // Black-box Rosenbrock is O(n²): about 10^11 flops at n = 200,000, minutes of work.
        Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                Cli.run("gradient", "-w", "rosen", "-s", "200000", "-t", "2", "--timeout", "0.2"));

        assertEquals(1, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), cli.transcript());
        assertTrue(cli.err().contains("--timeout 0.2 s"), cli.transcript());
        GradientArgumentsTest.assertNoStackTrace(cli);
    }

    @Test
    void scalarKernelsAreUsedWhenAsked() {
        Cli cli = Cli.run("gradient", "-w", "linreg", "-s", "8,20", "--kernels", "scalar", "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = JsonParser.parseString(cli.out().strip()).getAsJsonObject();
        assertEquals("scalar", json.get("kernels").getAsString());
        assertTrue(json.get("err_inf").getAsDouble() < 1e-6, json.toString());
    }

    @Test
    void aSampleOfCoordinatesIsExtrapolatedAndSaysSo() {
        Cli cli = Cli.run("gradient", "-w", "logreg", "-s", "16,1000", "--coordinates", "100", "-t", "2", "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = JsonParser.parseString(cli.out().strip()).getAsJsonObject();
        assertEquals(100, json.get("coordinates").getAsInt());
        assertTrue(json.get("extrapolated").getAsBoolean(), json.toString());
        // Central differences: 2 evaluations per coordinate, scaled from 100 to 1000 coordinates.
        long evaluations = json.get("evaluations").getAsLong();
        assertTrue(evaluations >= 2000 && evaluations <= 2000 + 10 * 2, json.toString());
        assertTrue(json.get("err_inf").getAsDouble() < 1e-6, json.toString());
    }
}
