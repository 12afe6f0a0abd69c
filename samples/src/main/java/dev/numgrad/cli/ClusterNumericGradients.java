package dev.numgrad.cli;

import dev.numgrad.Words;
import dev.numgrad.cli.cost.NumericGradients;
import dev.numgrad.cluster.ClusterConnection;
import dev.numgrad.cluster.ClusterGradient;
import dev.numgrad.cluster.ClusterOptions;
import dev.numgrad.cluster.ClusterSettings;
import dev.numgrad.cluster.LossSpec;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.workload.WorkloadSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code numgrad cost --cluster}: the sweep's numeric gradients computed by a cluster of
 * {@code numgrad worker} processes ({@link ClusterGradient}), each model sent by description and
 * built on the members on the sweep's kernels, so the values are those of the local engine, bit
 * for bit. Owns its connection: closing it disconnects.
 */
final class ClusterNumericGradients implements NumericGradients {

    private final ClusterConnection connection;
    private final KernelSupport kernels;
    private final int members;
    private final int cores;
    private final String where;

    private ClusterNumericGradients(ClusterConnection connection, KernelSupport kernels, String addresses,
            String clusterName) {
        this.connection = connection;
        this.kernels = kernels;
        this.members = connection.dataMembers();
        this.cores = connection.cores();
        this.where = String.format(Locale.ROOT, "cluster '%s' at %s (%s, %s)", clusterName, addresses,
                Words.count(members, "member"), Words.count(cores, "core"));
    }

    /**
     * Connects to the cluster and asks its members how many cores they have.
     *
     * @param settings the cluster to reach
     * @param kernels the kernels the members build the models on
     * @return the connected gradients; close them to disconnect
     * @throws dev.numgrad.cluster.ClusterUnavailableException if the cluster cannot be reached or
     *     has no data member
     */
    static ClusterNumericGradients connect(ClusterSettings settings, KernelSupport kernels) {
        Objects.requireNonNull(kernels, "kernels");
        ClusterConnection connection = ClusterConnection.connect(settings);
        try {
            ClusterNumericGradients gradients = new ClusterNumericGradients(connection, kernels,
                    String.join(",", settings.members()), settings.clusterName());
            if (gradients.members == 0) {
                throw new dev.numgrad.cluster.ClusterUnavailableException("cluster '" + settings.clusterName()
                        + "' has no data members to compute gradients");
            }
            return gradients;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The members' cores together: the workers the sweep predicts black-box times with. */
    int cores() {
        return cores;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public GradientResult compute(NumericGradient engine, WorkloadSpec model, BundledLoss loss, double[] x) {
        return gradient(engine).compute(LossSpec.workload(model, kernels), x);
    }

    @Override
    public GradientResult computeCoordinates(NumericGradient engine, WorkloadSpec model, BundledLoss loss, double[] x,
            int[] coordinates) {
        return gradient(engine).computeCoordinates(LossSpec.workload(model, kernels), x, coordinates);
    }

    private ClusterGradient gradient(NumericGradient engine) {
        return new ClusterGradient(engine, connection.instance(), ClusterOptions.defaults());
    }

    @Override
    public void close() {
        connection.close();
    }
}
