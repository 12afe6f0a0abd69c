package dev.numgrad.cli;

import dev.numgrad.cluster.ClusterSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a command computes when it runs on a cluster: {@code --cluster}, {@code --cluster-name}
 * and {@code --cluster-timeout} (a picocli mixin). Without {@code --cluster} the command runs
 * in this JVM.
 */
final class ClusterClientOptions {

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT…]",
            description = "Compute on the cluster of `numgrad worker` processes reachable at these addresses"
                    + " (one is enough) instead of in this JVM. Needs --cluster-name.")
    String cluster;

    @Option(names = "--cluster-name", paramLabel = "NAME",
            description = "The name the workers were started with; a cluster answers only to its own name.")
    String clusterName;

    @Option(names = "--cluster-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to try to reach the cluster, at the start and after losing it,"
                    + " before failing. Default: ${DEFAULT-VALUE}.")
    double connectSeconds;

    /**
     * The cluster to compute on, or null to compute locally.
     *
     * @param spec the command, for errors
     * @throws ParameterException (exit 2, one line) for a malformed address, a missing name or a
     *     bad timeout
     */
    ClusterSettings settings(CommandSpec spec) {
        if (cluster == null) {
            if (clusterName != null) {
                throw new ParameterException(spec.commandLine(), "--cluster-name needs --cluster HOST:PORT");
            }
            return null;
        }
        if (clusterName == null || clusterName.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--cluster needs --cluster-name (the name the workers were started with)");
        }
        if (!(connectSeconds >= 1) || connectSeconds > 3600) {
            throw new ParameterException(spec.commandLine(),
                    "--cluster-timeout must be between 1 and 3600 seconds, got " + connectSeconds);
        }
        List<String> members = Arrays.stream(cluster.split(",", -1)).map(String::strip).toList();
        try {
            return ClusterSettings.loopback(clusterName).withMembers(members)
                    .withConnectTimeout(Duration.ofMillis(Math.round(connectSeconds * 1000)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cluster " + cluster + ": " + e.getMessage());
        }
    }
}
