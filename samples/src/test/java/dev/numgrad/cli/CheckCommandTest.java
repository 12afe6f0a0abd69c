package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.numgrad.check.InjectedBug;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code numgrad check}: exit 0 on a correct gradient, 1 with the report on an injected bug, 2 on bad arguments. */
class CheckCommandTest {

    @Test
    void aCorrectGradientPassesInEveryMode() {
        for (String mode : List.of("full", "sampled", "directional")) {
            Cli cli = Cli.run("check", "-w", "mlp", "-s", "20,7,3,4", "--mode", mode, "-t", "1");
            assertEquals(0, cli.exitCode(), cli.transcript());
            assertTrue(cli.out().startsWith("gradient check PASSED: mlp(20,7,3,4), " + mode), cli.transcript());
        }
    }

    @Test
    void everyInjectedBugFailsWithTheReportNamingTheBrokenBlock() {
        for (InjectedBug bug : InjectedBug.values()) {
            Cli cli = Cli.run("check", "-w", "mlp", "-s", "20,7,3,4", "--mode", "directional", "--inject-bug", bug.id(),
                    "--seed", "3", "-t", "2", "--json");
            assertEquals(1, cli.exitCode(), cli.transcript());
            JsonObject json = JsonParser.parseString(cli.out().strip()).getAsJsonObject();
            assertEquals("FAILED", json.get("outcome").getAsString(), cli.transcript());
            String block = json.getAsJsonArray("worst").get(0).getAsJsonObject().get("block").getAsString();
            List<String> expected = switch (bug) {
                case TRANSPOSE -> List.of("W1");
                case BIAS, LAYOUT -> List.of("b1");
                case ACTIVATION -> List.of("W1", "b1");
                case SCALE -> List.of("W2");
            };
            assertTrue(expected.contains(block), bug + ": worst in " + block + "\n" + cli.transcript());
            assertEquals(3, json.get("seed").getAsLong());
        }
        Cli table = Cli.run("check", "-w", "logreg", "-s", "12,9", "--inject-bug", "scale");
        assertEquals(1, table.exitCode(), table.transcript());
        assertTrue(table.out().contains("worst coordinates:") && table.out().contains("w["), table.transcript());
    }

    @Test
    void badArgumentsExitTwoNamingTheValue() {
        Cli mode = Cli.run("check", "-w", "mlp", "-s", "4,3,2,1", "--mode", "fast");
        assertEquals(2, mode.exitCode(), mode.transcript());
        assertTrue(mode.err().contains("unknown check mode 'fast'"), mode.transcript());
        Cli bug = Cli.run("check", "-w", "sumsq", "-s", "10", "--inject-bug", "transpose");
        assertEquals(2, bug.exitCode(), bug.transcript());
        assertTrue(bug.err().contains("--inject-bug transpose: this bug needs a matrix block; the loss's blocks are x 10"),
                bug.transcript());
        Cli unknownBug = Cli.run("check", "-w", "sumsq", "-s", "10", "--inject-bug", "typo");
        assertEquals(2, unknownBug.exitCode(), unknownBug.transcript());
        Cli size = Cli.run("check", "-w", "mlp", "-s", "4,3");
        assertEquals(2, size.exitCode(), size.transcript());
        Cli worst = Cli.run("check", "-w", "sumsq", "-s", "3", "--worst", "0");
        assertEquals(2, worst.exitCode(), worst.transcript());
        assertTrue(worst.err().contains("--worst must be at least 1, got 0"), worst.transcript());
    }
}
