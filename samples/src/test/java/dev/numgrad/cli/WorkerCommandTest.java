package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.cluster.ClusterConnection;
import dev.numgrad.cluster.ClusterGradient;
import dev.numgrad.cluster.ClusterOptions;
import dev.numgrad.cluster.ClusterSettings;
import dev.numgrad.cluster.LossSpec;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code numgrad worker} as separate processes: {@code numgrad gradient --cluster} writes the same
 * bytes as a local run, a worker killed by its PID or hung (SIGSTOP) mid-gradient costs nothing
 * but time, and a worker stops cleanly on SIGTERM.
 */
@Timeout(300)
class WorkerCommandTest {

    static {
        // The in-JVM clients log like the command line does: warnings only.
        HazelcastLog.quiet();
    }

    @Test
    void workersGiveTheLocalGradientByteForByteAndSurviveAKillAndAHang(@TempDir Path dir) throws Exception {
        try (WorkerProcesses workers = new WorkerProcesses()) {
            WorkerProcesses.Worker first = workers.start();
            WorkerProcesses.Worker second = workers.start();
            assertNotEquals(first.address(), second.address(), "the second worker takes the next port");

            Path local = dir.resolve("local.f64");
            Path remote = dir.resolve("cluster.f64");
            Cli here = Cli.run("gradient", "-w", "mlp", "-s", "7,6,3,5", "--mode", "delta", "-t", "2",
                    "--dump", local.toString());
            Cli there = Cli.run("gradient", "-w", "mlp", "-s", "7,6,3,5", "--mode", "delta",
                    "--cluster", first.address(), "--cluster-name", workers.clusterName, "--dump", remote.toString(),
                    "--json");
            assertEquals(0, here.exitCode(), here.transcript());
            assertEquals(0, there.exitCode(), there.transcript());
            assertTrue(there.out().contains("\"execution\":\"cluster\""), there.transcript());
            assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(remote), "--dump bytes");

            // A worker process killed (SIGKILL, by PID) while it computes blocks.
            ClusterSettings settings = ClusterSettings.loopback(workers.clusterName)
                    .withMembers(List.of(first.address())).withConnectTimeout(Duration.ofSeconds(5));
            LossSpec spec = LossSpec.parse("class:dev.numgrad.cluster.SlowSquaresFactory:240,1000");
            double[] x = Workloads.start(240);
            AtomicBoolean killed = new AtomicBoolean();
            ProcessHandle victim = second.process().toHandle();
            // Progress is reported in the dispatching thread: the worker is dead before another
            // block is sent, while it has blocks in flight and a quarter of the gradient is done.
            NumericGradient engine = NumericGradient.defaults().withProgress((done, total) -> {
                if (done >= total / 4 && killed.compareAndSet(false, true)) {
                    victim.destroyForcibly(); // SIGKILL by PID
                    victim.onExit().join();
                }
            });
            GradientResult result;
            try (ClusterConnection connection = ClusterConnection.connect(settings)) {
                result = new ClusterGradient(engine, connection.instance(), ClusterOptions.defaults()).compute(spec, x);
            }
            assertTrue(killed.get(), "the worker was never killed");
            assertFalse(second.process().isAlive());
            double[] expected = NumericGradient.defaults().compute(spec.build("test"), x).values();
            assertArrayEquals(expected, result.values());

            // A worker that hangs (SIGSTOP): alive, connected, silent. The others drop it after
            // the 4 s heartbeat timeout the workers were started with, and its blocks run elsewhere.
            WorkerProcesses.Worker third = workers.start();
            AtomicBoolean stopped = new AtomicBoolean();
            NumericGradient hanging = NumericGradient.defaults().withProgress((done, total) -> {
                if (done >= total / 4 && stopped.compareAndSet(false, true)) {
                    signal("STOP", third.process().pid());
                }
            });
            try (ClusterConnection connection = ClusterConnection.connect(settings)) {
                result = new ClusterGradient(hanging, connection.instance(), ClusterOptions.defaults())
                        .compute(spec, x);
                assertTrue(stopped.get(), "the worker was never stopped");
                assertEquals(1, connection.dataMembers(), "the hung worker is still a member");
            }
            assertArrayEquals(expected, result.values());
        }
    }

    @Test
    void aWorkerStopsCleanlyOnSigterm() throws Exception {
        try (WorkerProcesses workers = new WorkerProcesses()) {
            WorkerProcesses.Worker worker = workers.start();
            // SIGTERM through the handle: Process.destroy() would also close our end of its stdout.
            worker.process().toHandle().destroy();
            assertTrue(worker.process().waitFor(60, TimeUnit.SECONDS), "the worker did not stop");
            StringBuilder printed = new StringBuilder();
            String line = worker.output().poll(10, TimeUnit.SECONDS);
            while (line != null && !line.contains("stopped")) {
                printed.append(line).append('\n');
                line = worker.output().poll(10, TimeUnit.SECONDS);
            }
            assertEquals("numgrad worker: member " + worker.address() + " stopped", line,
                    "exit " + worker.process().exitValue() + ", printed:\n" + printed);
        }
    }

    @Test
    void badWorkerArgumentsAreRefusedWithOneLine() {
        Cli noName = Cli.run("worker");
        assertEquals(2, noName.exitCode(), noName.transcript());
        assertTrue(noName.err().contains("--cluster-name"), noName.transcript());
        Cli badJoin = Cli.run("worker", "--cluster-name", "x", "--join", "127.0.0.1:notaport");
        assertEquals(2, badJoin.exitCode(), badJoin.transcript());
        assertTrue(badJoin.err().contains("port 'notaport' is not a number"), badJoin.transcript());
        Cli clusterWithoutName = Cli.run("gradient", "-w", "sumsq", "-s", "10", "--cluster", "127.0.0.1:5701");
        assertEquals(2, clusterWithoutName.exitCode(), clusterWithoutName.transcript());
        assertTrue(clusterWithoutName.err().contains("--cluster needs --cluster-name"), clusterWithoutName.transcript());
    }

    @Test
    void anUnreachableClusterIsOneLineAndExitOne() {
        Cli cli = Cli.run("gradient", "-w", "sumsq", "-s", "10", "--cluster", "127.0.0.1:" + freeishPort(),
                "--cluster-name", "nobody-" + System.nanoTime(), "--cluster-timeout", "2");
        assertEquals(1, cli.exitCode(), cli.transcript());
        assertTrue(cli.err().contains("cannot reach cluster"), cli.transcript());
    }

    /** Sends a signal by PID (Java has no portable SIGSTOP). */
    private static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freeishPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
