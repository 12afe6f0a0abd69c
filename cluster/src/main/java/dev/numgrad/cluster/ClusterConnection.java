package dev.numgrad.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import java.util.Objects;

/**
 * A client connection to a cluster: how the command line reaches the workers.
 *
 * <p>A client rather than a lite member: a client is not part of the membership, so it takes
 * part in no heartbeats, partition table or migrations, its leaving disturbs nobody, it needs no
 * listening port of its own, and it reaches the cluster through any one member's address.
 */
public final class ClusterConnection implements AutoCloseable {

    private final HazelcastInstance client;

    private ClusterConnection(HazelcastInstance client) {
        this.client = client;
    }

    /**
     * Connects to the cluster the settings describe.
     *
     * @param settings the cluster name, the members to contact and the timeouts
     * @return the connection
     * @throws ClusterUnavailableException if no member answers within the connect timeout
     */
    public static ClusterConnection connect(ClusterSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            return new ClusterConnection(HazelcastClient.newHazelcastClient(settings.clientConfig()));
        } catch (RuntimeException e) {
            throw new ClusterUnavailableException("cannot reach cluster '" + settings.clusterName() + "' at "
                    + (settings.members().isEmpty() ? settings.bindAddress() + ":" + settings.port()
                            : String.join(",", settings.members()))
                    + " within " + settings.connectTimeout().toSeconds() + " s (is a worker running with this"
                    + " --cluster-name?): " + e.getMessage(), e);
        }
    }

    /**
     * The client, for a {@link ClusterGradient}.
     *
     * @return the client, for a {@link ClusterGradient}
     */
    public HazelcastInstance instance() {
        return client;
    }

    /**
     * How many data members (those that compute blocks) the cluster has now.
     *
     * @return how many data members (those that compute blocks) the cluster has now
     */
    public int dataMembers() {
        return ClusterGradient.dataMembers(client).size();
    }

    /**
     * The cores of the data members together: the fork/join workers that compute a gradient's
     * blocks. Asks every member (one small task each).
     *
     * @return the members' fork/join workers together, 0 with no data member
     * @throws ClusterUnavailableException if a member does not answer
     */
    public int cores() {
        return ClusterOverheads.cores(client, ClusterGradient.dataMembers(client));
    }

    /** Disconnects; idempotent. */
    @Override
    public void close() {
        client.shutdown();
    }
}
