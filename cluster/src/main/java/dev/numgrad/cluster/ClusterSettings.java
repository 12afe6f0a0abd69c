package dev.numgrad.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a numgrad cluster is and how its members watch each other, turned into Hazelcast
 * configurations for a member ({@link #memberConfig()}) and for a client ({@link #clientConfig()}).
 *
 * <p>Safe by default, because the community edition has no authentication: members bind to
 * {@code bindAddress} only (127.0.0.1 unless told otherwise; {@code hazelcast.socket.bind.any}
 * is off), find each other by TCP/IP through an explicit list (multicast and cloud auto-detection
 * are off), send no usage statistics ({@code hazelcast.phone.home.enabled} is off), and accept
 * only peers and clients that give the same cluster name. Reaching members on other machines is
 * opt-in: bind to a private-network address and list the others in {@code members}.
 *
 * <p>Failure detection: every member sends a heartbeat each {@code heartbeatInterval} and drops a
 * member (or client) that has sent none for {@code heartbeatTimeout}; a killed process is seen at
 * once through its closed connections, a hung one after the timeout.
 *
 * @param clusterName the name members and clients must share; not blank
 * @param bindAddress the IP address (or host name, resolved now) members listen on
 * @param port the first port a member tries; the next {@link #PORTS} - 1 are tried when it is taken
 * @param members where to look for the cluster, {@code HOST} or {@code HOST:PORT}; empty means
 *     {@code bindAddress} at ports [port, port + {@link #PORTS})
 * @param heartbeatInterval time between heartbeats, at least a second (whole seconds)
 * @param heartbeatTimeout silence after which a member is dropped, longer than the interval
 * @param connectTimeout how long a client tries to reach the cluster, at start and after losing it
 */
public record ClusterSettings(String clusterName, String bindAddress, int port, List<String> members,
        Duration heartbeatInterval, Duration heartbeatTimeout, Duration connectTimeout) {

    /** Hazelcast's usual first port. */
    public static final int DEFAULT_PORT = 5701;

    /** How many consecutive ports a member tries, and a joining member probes per host. */
    public static final int PORTS = 10;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming a blank cluster name, a port outside [1, 65535 -
     *     PORTS], an unresolvable bind address, a malformed member, or an invalid duration
     */
    public ClusterSettings {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("the cluster name must not be blank");
        }
        if (port < 1 || port > 65535 - PORTS) {
            throw new IllegalArgumentException("port must be in [1, " + (65535 - PORTS) + "], got " + port);
        }
        bindAddress = resolve(bindAddress);
        members = List.copyOf(members);
        for (String member : members) {
            checkMember(member);
        }
        if (heartbeatInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("heartbeat interval must be at least 1 s, got " + heartbeatInterval);
        }
        if (heartbeatTimeout.toSeconds() <= heartbeatInterval.toSeconds()) {
            throw new IllegalArgumentException("heartbeat timeout " + heartbeatTimeout
                    + " must be longer than the interval " + heartbeatInterval);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
    }

    /**
     * Loopback only, port {@value #DEFAULT_PORT}, a heartbeat each second, a member dropped after
     * 15 s of silence, clients that give up after 10 s without the cluster.
     *
     * @param clusterName the cluster's name
     * @return the settings
     */
    public static ClusterSettings loopback(String clusterName) {
        return new ClusterSettings(clusterName, "127.0.0.1", DEFAULT_PORT, List.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(15), Duration.ofSeconds(10));
    }

    /**
     * A copy of these settings with another port.
     *
     * @param port the first port to try
     * @return these settings with another port
     */
    public ClusterSettings withPort(int port) {
        return new ClusterSettings(clusterName, bindAddress, port, members, heartbeatInterval, heartbeatTimeout,
                connectTimeout);
    }

    /**
     * A copy of these settings with another bind address.
     *
     * @param bindAddress the address to listen on
     * @return these settings with another bind address
     */
    public ClusterSettings withBindAddress(String bindAddress) {
        return new ClusterSettings(clusterName, bindAddress, port, members, heartbeatInterval, heartbeatTimeout,
                connectTimeout);
    }

    /**
     * These settings with other members to contact.
     *
     * @param members where to look for the cluster, {@code HOST} or {@code HOST:PORT}
     * @return these settings with other members to contact
     */
    public ClusterSettings withMembers(List<String> members) {
        return new ClusterSettings(clusterName, bindAddress, port, members, heartbeatInterval, heartbeatTimeout,
                connectTimeout);
    }

    /**
     * These settings with other heartbeat times.
     *
     * @param interval time between heartbeats
     * @param timeout silence after which a member is dropped
     * @return these settings with other heartbeat times
     */
    public ClusterSettings withHeartbeat(Duration interval, Duration timeout) {
        return new ClusterSettings(clusterName, bindAddress, port, members, interval, timeout, connectTimeout);
    }

    /**
     * A copy of these settings with another connect timeout.
     *
     * @param connectTimeout how long a client tries to reach the cluster
     * @return these settings with another connect timeout
     */
    public ClusterSettings withConnectTimeout(Duration connectTimeout) {
        return new ClusterSettings(clusterName, bindAddress, port, members, heartbeatInterval, heartbeatTimeout,
                connectTimeout);
    }

    /**
     * A member's configuration: the network as described above, the numgrad parameter map with
     * one backup (a member lost mid-gradient does not lose the parameters) and an idle expiry of
     * an hour (a caller that died does not leak them).
     *
     * @return a fresh configuration, which the caller may refine before starting the member
     */
    public Config memberConfig() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(heartbeatInterval.toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(heartbeatTimeout.toSeconds()));
        config.setProperty("hazelcast.client.max.no.heartbeat.seconds", Long.toString(heartbeatTimeout.toSeconds()));
        // Members started one after another join at once instead of waiting the default 5 s.
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.tcp.join.port.try.count", Integer.toString(PORTS));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(PORTS);
        network.getInterfaces().setEnabled(true).addInterface(bindAddress);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true)
                .setMembers(members.isEmpty() ? List.of(bindAddress) : members)
                .setConnectionTimeoutSeconds(2);
        config.getMapConfig(MemberRuntime.PARAMETERS_MAP).setBackupCount(1).setMaxIdleSeconds(3600);
        // numgrad's own messages are DataSerializable; Java deserialisation of anything else a
        // peer sends is limited to Hazelcast's default lists, which refuse known gadget classes.
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
        return config;
    }

    /**
     * A client's configuration: it contacts {@code members} (or {@code bindAddress:port} when
     * there are none), gives up after {@code connectTimeout}, and drops a member connection after
     * {@code heartbeatTimeout} of silence.
     *
     * @return a fresh configuration
     */
    public ClientConfig clientConfig() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.getNetworkConfig().setAddresses(members.isEmpty() ? List.of(bindAddress + ":" + port) : members);
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectTimeout.toMillis())
                .setInitialBackoffMillis(100)
                .setMaxBackoffMillis(1000);
        config.setProperty("hazelcast.client.heartbeat.interval", Long.toString(heartbeatInterval.toMillis()));
        config.setProperty("hazelcast.client.heartbeat.timeout", Long.toString(heartbeatTimeout.toMillis()));
        return config;
    }

    private static String resolve(String address) {
        if (address.isBlank()) {
            throw new IllegalArgumentException("the bind address must not be blank");
        }
        try {
            return InetAddress.getByName(address.strip()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address '" + address + "'", e);
        }
    }

    private static void checkMember(String member) {
        Objects.requireNonNull(member, "member");
        String trimmed = member.strip();
        int colon = trimmed.lastIndexOf(':');
        if (trimmed.isEmpty() || colon == 0) {
            throw new IllegalArgumentException("member '" + member + "' is not HOST or HOST:PORT");
        }
        if (colon > 0 && trimmed.indexOf(':') == colon) {
            String port = trimmed.substring(colon + 1);
            int value;
            try {
                value = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("member '" + member + "': port '" + port + "' is not a number", e);
            }
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("member '" + member + "': port " + value + " is not in [1, 65535]");
            }
        }
    }
}
