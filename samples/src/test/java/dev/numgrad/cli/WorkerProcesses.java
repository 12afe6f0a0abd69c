package dev.numgrad.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code numgrad worker} processes started by a test: child JVMs on this test's class path,
 * a random cluster name and a free loopback port. Closing destroys every child still alive, and a
 * shutdown hook does the same should the test JVM exit first, so no test leaves a process behind.
 */
final class WorkerProcesses implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("numgrad worker: member (\\S+) of cluster");

    /** How long a worker may take to start on a busy two-core machine. */
    private static final long START_SECONDS = 120;

    final String clusterName = "numgrad-test-" + UUID.randomUUID();
    final int port = freePort();
    private final List<Worker> workers = new ArrayList<>();
    private final Thread reaper = new Thread(this::destroyAll, "numgrad-test-worker-reaper");

    /** A started worker: its process, its address and the lines it printed. */
    record Worker(Process process, String address, BlockingQueue<String> output) {
    }

    WorkerProcesses() {
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts one more worker and waits for the line with its address. */
    Worker start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), NumgradCommand.class.getName(),
                "worker", "--cluster-name", clusterName, "--port", Integer.toString(port), "--heartbeat-timeout", "4")
                .redirectErrorStream(true);
        Process process = builder.start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // The process is gone.
            }
        });
        Worker started = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        StringBuilder seen = new StringBuilder();
        while (started == null) {
            String line = output.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("worker did not start within " + START_SECONDS + " s; it printed:\n" + seen);
            }
            seen.append(line).append('\n');
            Matcher matcher = STARTED.matcher(line);
            if (matcher.find()) {
                started = new Worker(process, matcher.group(1), output);
            }
        }
        workers.add(started);
        return started;
    }

    /** Every worker started, in order. */
    List<Worker> workers() {
        return workers;
    }

    private void destroyAll() {
        for (Worker worker : workers) {
            worker.process().destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        destroyAll();
        for (Worker worker : workers) {
            worker.process().waitFor(30, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is exiting; the hook runs anyway.
        }
    }

    private static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (socket.getLocalPort() + 10 < 65535) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port");
    }
}
