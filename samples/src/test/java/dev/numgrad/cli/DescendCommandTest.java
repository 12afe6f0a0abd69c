package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real runs of {@code numgrad descend} on tiny standard workloads. On sumsq, plain gradient
 * descent has a closed form, x_k = (1 − 2α)^k·x₀, so f_k = (1 − 2α)^{2k}·f₀: the expected
 * numbers below come from that and from the start point of WORKLOADS.md, not from the engine.
 */
class DescendCommandTest {

    private static final int N = 50;

    /** f₀ = Σ θᵢ² with θᵢ = 0.1·sin(0.37·i + 0.1), the standard start of sumsq(N). */
    private static double sumsqStartLoss(int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double theta = 0.1 * Math.sin(0.37 * i + 0.1);
            sum += theta * theta;
        }
        return sum;
    }

    private static JsonObject json(Cli cli) {
        List<String> lines = cli.out().lines().toList();
        assertEquals(1, lines.size(), "one JSON line\n" + cli.transcript());
        return JsonParser.parseString(lines.getFirst()).getAsJsonObject();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"blackbox", "delta", "exact"})
    void everyGradientSourceFollowsTheClosedFormOnSumsq(String gradient) {
        int steps = 20;
        double rate = 0.1;

        // The exact gradient runs in the calling thread and refuses --threads, which it would ignore.
        String[] threads = gradient.equals("exact") ? new String[0] : new String[] {"-t", "2"};
        Cli cli = Cli.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("descend", "-w", "sumsq", "-s",
                Integer.toString(N), "-o", "sgd", "--lr", "0.1", "-n", Integer.toString(steps), "-g", gradient,
                "--json"), java.util.stream.Stream.of(threads)).toArray(String[]::new));

        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = json(cli);
        double f0 = sumsqStartLoss(N);
        assertEquals(f0, json.get("start_loss").getAsDouble(), 1e-14 * f0);
        double expected = Math.pow(1 - 2 * rate, 2 * steps) * f0;
        // Central differences are exact on a quadratic up to rounding.
        assertEquals(expected, json.get("final_loss").getAsDouble(), 1e-7 * expected, json.toString());
        assertTrue(json.get("final_loss").getAsDouble() < 1e-3 * f0, json.toString());
        assertEquals(gradient, json.get("gradient").getAsString());
    }

    @Test
    void numericAndExactGradientsTakeTheSamePathOnLogisticRegression() {
        Cli exact = Cli.run("descend", "-w", "logreg", "-s", "32,8", "-o", "adam", "--lr", "0.05", "-n", "60",
                "-g", "exact", "--json");
        Cli numeric = Cli.run("descend", "-w", "logreg", "-s", "32,8", "-o", "adam", "--lr", "0.05", "-n", "60",
                "-g", "delta", "--scheme", "five-point", "-t", "1", "--json");

        assertEquals(0, exact.exitCode(), exact.transcript());
        assertEquals(0, numeric.exitCode(), numeric.transcript());
        double exactFinal = json(exact).get("final_loss").getAsDouble();
        double numericFinal = json(numeric).get("final_loss").getAsDouble();
        assertEquals(exactFinal, numericFinal, 1e-7 * exactFinal);
        assertTrue(exactFinal < json(exact).get("start_loss").getAsDouble() - 0.01, exact.transcript());
    }

    @Test
    void jsonHasEveryFieldAndCountsTheEvaluations() {
        int steps = 7;

        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", Integer.toString(N), "-o", "momentum", "--lr", "0.01",
                "-n", Integer.toString(steps), "-g", "blackbox", "-t", "1", "--clip-norm", "5", "--kernels", "scalar",
                "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = json(cli);
        for (String field : List.of("workload", "size", "parameters", "optimizer", "lr", "schedule", "clipping",
                "gradient", "scheme", "threads", "kernels", "start_loss", "final_loss", "gradient_norm", "best_loss",
                "best_iteration", "iterations", "stop_reason", "gradient_evaluations", "loss_evaluations", "seconds",
                "trace", "plot")) {
            assertTrue(json.has(field), "field " + field + " in " + json);
        }
        assertEquals("sumsq", json.get("workload").getAsString());
        assertEquals(N, json.get("size").getAsJsonArray().get(0).getAsInt());
        assertEquals(N, json.get("parameters").getAsInt());
        assertEquals("momentum", json.get("optimizer").getAsString());
        assertEquals(0.01, json.get("lr").getAsDouble());
        assertEquals("constant", json.get("schedule").getAsString());
        assertEquals("norm 5.0", json.get("clipping").getAsString());
        assertEquals("central", json.get("scheme").getAsString());
        assertEquals(1, json.get("threads").getAsInt());
        assertEquals("scalar", json.get("kernels").getAsString());
        assertEquals(steps, json.get("iterations").getAsInt());
        assertEquals("MAX_ITERATIONS", json.get("stop_reason").getAsString());
        // One gradient per iterate, the start included; central differences cost 2 evaluations
        // per coordinate, and the source evaluates f once more for the value.
        assertEquals(steps + 1, json.get("gradient_evaluations").getAsLong());
        assertEquals((steps + 1) * (2L * N + 1), json.get("loss_evaluations").getAsLong());
        assertTrue(json.get("best_loss").getAsDouble() <= json.get("final_loss").getAsDouble(), json.toString());
        assertTrue(json.get("trace").isJsonNull(), json.toString());
        assertEquals("", cli.err(), "no progress bar or warning with --json\n" + cli.transcript());
    }

    @Test
    void summaryNamesTheStopReason() {
        Cli cli = Cli.run("descend", "-w", "rosen", "-s", "2", "-o", "sgd", "--lr", "0.001", "-n", "10", "-g", "exact");

        assertEquals(0, cli.exitCode(), cli.transcript());
        assertTrue(cli.out().contains("rosen(2), 2 parameters"), cli.transcript());
        assertTrue(cli.out().contains("MAX_ITERATIONS after 10 steps"), cli.transcript());
        assertTrue(cli.out().contains("exact (the loss's own gradient)"), cli.transcript());
    }

    @Test
    void traceHasAHeaderAndOneRowPerIterate(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        int steps = 12;

        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", Integer.toString(N), "-o", "sgd", "--lr", "0.1",
                "-n", Integer.toString(steps), "-g", "exact", "--trace", trace.toString(), "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertEquals("iteration,loss,gradient_norm,learning_rate,elapsed_seconds", lines.getFirst());
        assertEquals(steps + 2, lines.size(), "header and iterates 0.." + steps);
        double f0 = sumsqStartLoss(N);
        for (int k = 0; k <= steps; k++) {
            String[] row = lines.get(k + 1).split(",");
            assertEquals(5, row.length, lines.get(k + 1));
            assertEquals(k, Integer.parseInt(row[0]));
            double expected = Math.pow(0.8, 2 * k) * f0;
            assertEquals(expected, Double.parseDouble(row[1]), 1e-12 * f0, "loss of iterate " + k);
            assertEquals(0.1, Double.parseDouble(row[3]));
        }
        assertEquals(trace.toString(), json(cli).get("trace").getAsString());
    }

    @Test
    void scheduleAndWarmupShapeTheTracedRate(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("rates.csv");

        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", "4", "-o", "sgd", "--lr", "0.2", "-n", "7", "-g", "exact",
                "--schedule", "step:2:0.5", "--warmup", "2", "--trace", trace.toString());

        assertEquals(0, cli.exitCode(), cli.transcript());
        // Warm-up (t + 1)/W for t < W = 2, then 0.5^⌊(t − 2)/2⌋ with the decay's clock at 0.
        double[] multipliers = {0.5, 1, 1, 1, 0.5, 0.5, 0.25, 0.25};
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        for (int t = 0; t < multipliers.length; t++) {
            assertEquals(0.2 * multipliers[t], Double.parseDouble(lines.get(t + 1).split(",")[3]), 1e-15, "step " + t);
        }
        assertTrue(cli.out().contains("schedule step:2:0.5 + warmup 2"), cli.transcript());
    }

    @Test
    void plotIsAReadablePng(@TempDir Path dir) throws IOException {
        Path plot = dir.resolve("loss.png");

        Cli cli = Cli.run("descend", "-w", "rosen", "-s", "2", "-o", "adam", "--lr", "0.02", "-n", "300", "-g", "exact",
                "--plot", plot.toString());

        assertEquals(0, cli.exitCode(), cli.transcript());
        BufferedImage image = ImageIO.read(plot.toFile());
        assertNotNull(image, "ImageIO reads " + plot);
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, image.getWidth() + "x" + image.getHeight());
        assertTrue(cli.out().contains("plot         " + plot), cli.transcript());
    }

    @Test
    void plotIsAnSvgWhenTheNameSaysSo(@TempDir Path dir) throws IOException {
        Path plot = dir.resolve("loss.svg");

        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", "3", "-o", "sgd", "--lr", "0.1", "-n", "20", "-g", "exact",
                "--plot", plot.toString());

        assertEquals(0, cli.exitCode(), cli.transcript());
        String text = Files.readString(plot, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    }

    @Test
    void tooLargeRateDivergesWithExitThreeAndKeepsTheFiles(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        Path plot = dir.resolve("loss.png");

        // x ← (1 − 2·10)·x = −19·x: the loss grows 361-fold a step, past the million-fold limit
        // at step 3 (361³ ≈ 4.7e7).
        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", Integer.toString(N), "-o", "sgd", "--lr", "10", "-n", "100",
                "-g", "exact", "--trace", trace.toString(), "--plot", plot.toString(), "--json");

        assertEquals(DescendCommand.EXIT_DIVERGED, cli.exitCode(), cli.transcript());
        assertEquals(3, DescendCommand.EXIT_DIVERGED, "the documented status");
        JsonObject json = json(cli);
        assertEquals("DIVERGED", json.get("stop_reason").getAsString());
        assertEquals(3, json.get("iterations").getAsInt());
        double f0 = sumsqStartLoss(N);
        assertEquals(f0, json.get("best_loss").getAsDouble(), 1e-14 * f0);
        assertEquals(0, json.get("best_iteration").getAsInt());
        // The final iterate is the last one within the limit: iterate 2, f = 361²·f₀.
        assertEquals(361.0 * 361.0 * f0, json.get("final_loss").getAsDouble(), 1e-9 * 361 * 361 * f0);
        assertEquals(1, cli.errLines().size(), cli.transcript());
        assertTrue(cli.err().startsWith("numgrad descend: DIVERGED after 3 steps"), cli.transcript());
        assertEquals(5, Files.readAllLines(trace).size(), "header, iterates 0..2 and the one that blew up");
        assertNotNull(ImageIO.read(plot.toFile()));
    }

    @Test
    void divergedSummarySaysSoAndNamesTheExitStatus() {
        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", "5", "-o", "sgd", "--lr", "10", "-n", "100", "-g", "exact");

        assertEquals(3, cli.exitCode(), cli.transcript());
        assertTrue(cli.out().contains("DIVERGED after 3 steps"), cli.transcript());
        assertTrue(cli.out().contains("exit status 3"), cli.transcript());
        GradientArgumentsTest.assertNoStackTrace(cli);
    }

    @Test
    void gradientToleranceStopsWhereTheClosedFormSays() {
        double tolerance = 1e-3;

        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", Integer.toString(N), "-o", "sgd", "--lr", "0.1",
                "-n", "1000", "-g", "exact", "--grad-tol", Double.toString(tolerance), "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        // ‖∇f_k‖ = 2·0.8^k·‖x₀‖: the first k where that is at most the tolerance.
        double norm = 2 * Math.sqrt(sumsqStartLoss(N));
        int expected = 0;
        while (norm > tolerance) {
            norm *= 0.8;
            expected++;
        }
        JsonObject json = json(cli);
        assertEquals("GRADIENT_TOLERANCE", json.get("stop_reason").getAsString());
        assertEquals(expected, json.get("iterations").getAsInt());
    }

    @Test
    void timeLimitStopsALongRun() {
        Cli cli = Cli.run("descend", "-w", "sumsq", "-s", "10", "-o", "sgd", "--lr", "1e-9", "-n", "1000000",
                "-g", "exact", "--time-limit", "1ms", "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        JsonObject json = json(cli);
        assertEquals("TIME_BUDGET", json.get("stop_reason").getAsString());
        assertTrue(json.get("iterations").getAsInt() < 1_000_000, json.toString());
    }
}
