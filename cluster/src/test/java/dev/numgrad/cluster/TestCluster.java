package dev.numgrad.cluster;

import com.hazelcast.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Embedded members on loopback for tests: a random cluster name, a free base port, and heartbeats
 * fast enough that a hung member is dropped within seconds. Closing it shuts everything down.
 */
final class TestCluster implements AutoCloseable {

    /** Hazelcast's INFO lines would fill the build log; warnings still show. Held: JUL keeps loggers weakly. */
    private static final java.util.logging.Logger HAZELCAST_LOG = quietHazelcast();

    final ClusterSettings settings;
    final List<ClusterMember> members = new ArrayList<>();
    private final List<ClusterConnection> clients = new ArrayList<>();

    TestCluster() {
        settings = new ClusterSettings("numgrad-test-" + UUID.randomUUID(), "127.0.0.1", freeBasePort(), List.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(3));
    }

    private static java.util.logging.Logger quietHazelcast() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("com.hazelcast");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** A free port with room for {@link ClusterSettings#PORTS} after it. */
    static int freeBasePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port + ClusterSettings.PORTS < 65535) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port");
    }

    /** Starts one more member and waits until it has joined the others. */
    ClusterMember startMember() {
        return startMember(config -> config);
    }

    /** Starts one more member with its configuration adjusted. */
    ClusterMember startMember(UnaryOperator<Config> adjust) {
        Config config = adjust.apply(settings.memberConfig());
        ClusterMember member = ClusterMember.start(config);
        members.add(member);
        int expected = (int) members.stream().filter(m -> m.instance().getLifecycleService().isRunning()).count();
        if (member.clusterSize() != expected) {
            throw new IllegalStateException("member " + member.address() + " sees " + member.clusterSize()
                    + " members, expected " + expected);
        }
        return member;
    }

    /** A client of the cluster, closed with it. */
    ClusterConnection connect() {
        ClusterConnection client = ClusterConnection.connect(settings);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        for (ClusterConnection client : clients) {
            client.instance().getLifecycleService().terminate();
        }
        for (ClusterMember member : members) {
            member.terminate();
        }
    }
}
