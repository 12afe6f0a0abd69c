package dev.numgrad.cli;

import dev.numgrad.cluster.ClusterSettings;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.workload.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A validated {@code numgrad gradient} request: everything the run needs, nothing allocated yet.
 *
 * @param workload the workload and its sizes
 * @param mode how the gradient is computed
 * @param scheme the finite-difference scheme (unused by backprop)
 * @param stepPolicy the step policy (unused by backprop)
 * @param stepLabel how the step was chosen, for the report: "default", "h=1e-4", "relative 1e-6"
 * @param threads 1 for the serial path, else the size of a dedicated fork/join pool
 * @param kernels the loss kernels
 * @param warmup how many unmeasured gradients come first, at least 0
 * @param repeat how many measured gradients follow, at least 1
 * @param coordinates how many partial derivatives each gradient computes, in [1, parameters];
 *     fewer than all means the time is extrapolated
 * @param dump where to write the gradient, or null
 * @param timeout how long the numeric gradients may take before they are cancelled, or null
 * @param probeBatch the most black-box probe points per loss pass, at least 1
 * @param cluster the cluster that computes the numeric gradients, or null for this JVM
 */
record GradientRequest(WorkloadSpec workload, Mode mode, Scheme scheme, StepPolicy stepPolicy, String stepLabel,
        int threads, KernelSupport kernels, int warmup, int repeat, int coordinates, Path dump, Duration timeout,
        int probeBatch, ClusterSettings cluster) {

    /** Room for the JVM itself, the libraries and the command line's own objects. */
    static final long JVM_ALLOWANCE_BYTES = 64L << 20;

    /**
     * Vectors of the parameter count the run holds beyond the engine's own estimate: the exact
     * gradient err_inf is measured against, the error estimates of Richardson, and the previous
     * repeat's gradient while the next one is computed.
     */
    static final int EXTRA_VECTORS = 3;

    GradientRequest {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(stepPolicy, "stepPolicy");
        Objects.requireNonNull(stepLabel, "stepLabel");
        Objects.requireNonNull(kernels, "kernels");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, got " + warmup);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        if (coordinates < 1 || coordinates > workload.parameters()) {
            throw new IllegalArgumentException("coordinates must be in [1, " + workload.parameters() + "], got "
                    + coordinates);
        }
        if (probeBatch < 1) {
            throw new IllegalArgumentException("probeBatch must be at least 1, got " + probeBatch);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** Whether only some coordinates are computed and the time extrapolated. */
    boolean sampled() {
        return coordinates < workload.parameters();
    }

    /**
     * The coordinates to compute, evenly spread over [0, parameters): floor(k·P/N) for k in
     * [0, N), distinct because P/N ≥ 1.
     */
    int[] sample() {
        int parameters = workload.parameters();
        int[] indices = new int[coordinates];
        for (int k = 0; k < coordinates; k++) {
            indices[k] = (int) ((long) k * parameters / coordinates);
        }
        return indices;
    }

    /** What the run will hold on the heap, estimated from the sizes alone. */
    long estimatedBytes() {
        return workload.estimatedBytes(threads)
                + (long) EXTRA_VECTORS * Double.BYTES * workload.parameters()
                + JVM_ALLOWANCE_BYTES;
    }
}
