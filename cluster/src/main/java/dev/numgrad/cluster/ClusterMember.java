package dev.numgrad.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.Objects;

/**
 * A cluster member started in this JVM: what {@code numgrad worker} runs, and what tests embed.
 * It computes the blocks that callers send; closing it leaves the cluster gracefully (its
 * partitions move to the other members first).
 */
public final class ClusterMember implements AutoCloseable {

    private final HazelcastInstance instance;

    private ClusterMember(HazelcastInstance instance) {
        this.instance = instance;
    }

    /**
     * Starts a member and joins (or forms) the cluster.
     *
     * @param settings where to listen and whom to contact
     * @return the running member
     * @throws ClusterUnavailableException if Hazelcast cannot start (e.g. no free port in range)
     */
    public static ClusterMember start(ClusterSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return start(settings.memberConfig());
    }

    /**
     * Starts a member from a configuration: {@link ClusterSettings#memberConfig()}, refined.
     *
     * @param config the member's configuration
     * @return the running member
     * @throws ClusterUnavailableException if Hazelcast cannot start (e.g. no free port in range)
     */
    public static ClusterMember start(Config config) {
        Objects.requireNonNull(config, "config");
        try {
            return new ClusterMember(Hazelcast.newHazelcastInstance(config));
        } catch (RuntimeException e) {
            var network = config.getNetworkConfig();
            throw new ClusterUnavailableException("cannot start a member of cluster '" + config.getClusterName()
                    + "' on " + network.getInterfaces().getInterfaces() + " ports " + network.getPort() + "-"
                    + (network.getPort() + network.getPortCount() - 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Hazelcast member, e.g. to use it as a {@link ClusterGradient}'s caller.
     *
     * @return the Hazelcast member, e.g. to use it as a {@link ClusterGradient}'s caller
     */
    public HazelcastInstance instance() {
        return instance;
    }

    /**
     * The address other members and clients reach this one at, e.g. {@code 127.0.0.1:5702}.
     *
     * @return the address other members and clients reach this one at, e.g. {@code 127.0.0.1:5702}
     */
    public String address() {
        var address = instance.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    /**
     * The number of members in the cluster, this one included.
     *
     * @return the number of members in the cluster, this one included
     */
    public int clusterSize() {
        return instance.getCluster().getMembers().size();
    }

    /** Stops abruptly, as a crash would: the other members see it as lost. For tests. */
    public void terminate() {
        instance.getLifecycleService().terminate();
    }

    /** Leaves the cluster gracefully; idempotent. */
    @Override
    public void close() {
        instance.shutdown();
    }
}
