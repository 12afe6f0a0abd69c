package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.cli.cost.CostReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code numgrad cost --cluster} against a {@code numgrad worker} process: the numeric gradients
 * computed there are those of the local sweep (the same err_inf, to the last bit), the header says
 * where each method ran, and an unreachable cluster stops the command before anything is measured.
 */
@Timeout(300)
class CostClusterTest {

    static {
        // The in-JVM clients log like the command line does: warnings only.
        HazelcastLog.quiet();
    }

    @Test
    void aSweepOnAWorkerGivesTheLocalSweepsErrorsAndSaysWhereItRan(@TempDir Path dir) throws Exception {
        // Two sizes, both gradients measured whole (predicted far under a quarter of 30 s), so both
        // runs compute the same coordinates and their err_inf must agree exactly.
        String[] sweep = {"cost", "--max-params", "1700", "--budget", "30", "--no-progress"};
        Cli here = Cli.run(concat(sweep, "--threads", "2", "--out", dir.resolve("local").toString()));
        assertEquals(0, here.exitCode(), here.transcript());

        try (WorkerProcesses workers = new WorkerProcesses()) {
            WorkerProcesses.Worker worker = workers.start();
            Cli there = Cli.run(concat(sweep, "--cluster", worker.address(), "--cluster-name", workers.clusterName,
                    "--out", dir.resolve("cluster").toString()));
            assertEquals(0, there.exitCode(), there.transcript());
            assertTrue(there.out().startsWith("One gradient of each MLP by each method: numeric gradients are central"
                    + " differences on cluster '" + workers.clusterName + "' at " + worker.address() + " (1 member, "),
                    there.transcript());
            assertTrue(there.out().contains("loss and backprop run on 1 thread in this JVM"), there.transcript());

            List<String[]> local = rows(dir.resolve("local/cost.csv"));
            List<String[]> remote = rows(dir.resolve("cluster/cost.csv"));
            assertEquals(2, local.size());
            assertEquals(local.size(), remote.size());
            int deltaErr = CostReport.CSV_COLUMNS.indexOf("delta_err_inf");
            int boxErr = CostReport.CSV_COLUMNS.indexOf("blackbox_err_inf");
            int boxEvaluations = CostReport.CSV_COLUMNS.indexOf("blackbox_evaluations");
            int basis = CostReport.CSV_COLUMNS.indexOf("blackbox_basis");
            for (int i = 0; i < local.size(); i++) {
                assertEquals("measured", local.get(i)[basis]);
                assertEquals("measured", remote.get(i)[basis]);
                assertEquals(local.get(i)[0], remote.get(i)[0], "model");
                assertEquals(local.get(i)[deltaErr], remote.get(i)[deltaErr], "delta err_inf of " + local.get(i)[0]);
                assertEquals(local.get(i)[boxErr], remote.get(i)[boxErr], "black-box err_inf of " + local.get(i)[0]);
                assertEquals(local.get(i)[boxEvaluations], remote.get(i)[boxEvaluations], "2P evaluations");
            }
            assertTrue(worker.process().isAlive(), "the worker outlives the client");
        }
    }

    @Test
    void anUnreachableClusterIsOneLineAndExitOneBeforeAnythingIsMeasured(@TempDir Path dir) throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli cli = Cli.run("cost", "--max-params", "1000", "--cluster", "127.0.0.1:" + port, "--cluster-name",
                "nobody-" + System.nanoTime(), "--cluster-timeout", "2", "--out", dir.toString(), "--no-progress");
        assertEquals(1, cli.exitCode(), cli.transcript());
        assertTrue(cli.err().contains("cannot reach cluster"), cli.transcript());
        assertEquals("", cli.out(), cli.transcript());
        assertFalse(Files.exists(dir.resolve("cost.csv")), "nothing measured, nothing written");
    }

    /** The CSV's data rows, the quoted model label as the first field. */
    private static List<String[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1)
                .map(line -> {
                    String label = line.substring(1, line.indexOf('"', 1));
                    String[] rest = line.substring(label.length() + 3).split(",");
                    String[] fields = new String[rest.length + 1];
                    fields[0] = label;
                    System.arraycopy(rest, 0, fields, 1, rest.length);
                    return fields;
                })
                .toList();
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
