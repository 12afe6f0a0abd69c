package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.cluster.ClusterMember;
import dev.numgrad.cluster.ClusterSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code numgrad worker}: a cluster member that computes blocks of numeric gradients for
 * {@code numgrad gradient --cluster}. It runs until Ctrl-C or SIGTERM, then leaves the cluster
 * gracefully (the blocks it was computing run on the other members).
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Starts a cluster member that computes numeric gradients for `numgrad gradient --cluster`.",
            "It prints its address, then runs until Ctrl-C or SIGTERM.",
            "",
            "Safe defaults: it listens on 127.0.0.1 only, finds other members by TCP/IP (no multicast),",
            "sends no usage statistics, and answers only to its --cluster-name. The community edition of",
            "Hazelcast has no authentication: bind to another address only on a private network.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  numgrad worker --cluster-name demo                       # first member, 127.0.0.1:5701",
            "  numgrad worker --cluster-name demo                       # second one takes 5702",
            "  numgrad gradient --workload mlp --size 64,64,10,32 --cluster 127.0.0.1:5701 --cluster-name demo",
            "  numgrad worker --cluster-name lab --bind 10.0.0.5 --join 10.0.0.5,10.0.0.6   # two machines"
        })
final class WorkerCommand implements Callable<Integer> {

    /** The longest a stopping worker waits for its partitions to move to the other members. */
    private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster-name", required = true, paramLabel = "NAME",
            description = "The cluster's name; members and callers must give the same one.")
    String clusterName;

    @Option(names = "--port", defaultValue = "" + ClusterSettings.DEFAULT_PORT, paramLabel = "P",
            description = "The first port to listen on; when taken, the next free one of the "
                    + ClusterSettings.PORTS + " after it. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only). Use a"
                    + " private-network address to accept members and callers from other machines.")
    String bind;

    @Option(names = "--join", paramLabel = "HOST[:PORT][,…]",
            description = "Members to contact when joining (a HOST without a port tries the "
                    + ClusterSettings.PORTS + " ports from --port). Default: --bind's address.")
    String join;

    @Option(names = "--heartbeat-timeout", defaultValue = "15", paramLabel = "SECONDS",
            description = "Drop a member or caller silent for this long (a hung process); its blocks run"
                    + " elsewhere. Heartbeats go every second. Default: ${DEFAULT-VALUE}.")
    int heartbeatTimeout;

    @Option(names = "--verbose", description = "Show Hazelcast's own log lines.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        ClusterSettings settings = settings();
        if (verbose) {
            HazelcastLog.verbose();
        }
        ClusterMember member = ClusterMember.start(memberConfigFor(settings));
        String address = member.address();
        CountDownLatch stopped = new CountDownLatch(1);
        member.instance().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean reported = new AtomicBoolean();
        Runnable reportStopped = () -> {
            if (reported.compareAndSet(false, true)) {
                out.println("numgrad worker: member " + address + " stopped");
                out.flush();
            }
        };
        // On Ctrl-C or SIGTERM the JVM exits when the hooks return, so the hook itself leaves the
        // cluster and says so.
        Thread hook = new Thread(() -> {
            member.close();
            reportStopped.run();
            stopped.countDown();
        }, "numgrad-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("numgrad worker: member %s of cluster '%s' (%s), %s; stop with Ctrl-C%n",
                address, clusterName, Words.count(member.clusterSize(), "member"),
                Words.count(Runtime.getRuntime().availableProcessors(), "core"));
        out.flush();
        stopped.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already: the hook has closed the member.
        }
        reportStopped.run();
        return CommandLine.ExitCode.OK;
    }

    /** The settings, or a one-line error (exit 2) naming the bad value. */
    private ClusterSettings settings() {
        if (heartbeatTimeout < 2 || heartbeatTimeout > 3600) {
            throw bad("--heartbeat-timeout must be between 2 and 3600 seconds, got " + heartbeatTimeout);
        }
        List<String> members = join == null ? List.of()
                : Arrays.stream(join.split(",", -1)).map(String::strip).toList();
        try {
            return ClusterSettings.loopback(clusterName).withBindAddress(bind).withPort(port).withMembers(members)
                    .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(heartbeatTimeout));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    /**
     * The member configuration, with Hazelcast's own shutdown hook off: this command's hook
     * leaves the cluster gracefully instead, within {@code GRACEFUL_SHUTDOWN}.
     */
    private static com.hazelcast.config.Config memberConfigFor(ClusterSettings settings) {
        com.hazelcast.config.Config config = settings.memberConfig();
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", Long.toString(GRACEFUL_SHUTDOWN.toSeconds()));
        return config;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
