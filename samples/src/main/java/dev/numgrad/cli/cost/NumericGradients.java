package dev.numgrad.cli.cost;

import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.workload.WorkloadSpec;

/**
 * Where a {@link CostSweep} computes its numeric gradients: in this JVM ({@link #local(int)}) or
 * somewhere the caller supplies, such as the cluster of {@code numgrad cost --cluster}. Loss
 * evaluations and backprop are always timed in this JVM; only the delta and black-box gradients
 * go through here.
 *
 * <p>Whatever computes them must give the values {@link NumericGradient#compute} and
 * {@link NumericGradient#computeCoordinates} give in this JVM, bit for bit, so that the sweep's
 * err_inf does not depend on where it ran.
 */
public interface NumericGradients extends AutoCloseable {

    /**
     * Where the gradients run, for the report's header and the chart's title: a phrase that
     * follows "on", e.g. {@code 2 threads} or {@code cluster 'lab' at 10.0.0.5:5701 (2 members, 8 cores)}.
     *
     * @return the phrase
     */
    String where();

    /**
     * The whole gradient of a model of the sweep.
     *
     * @param engine the scheme, steps, mode, progress listener and cancellation token; its
     *     execution is this object's to choose
     * @param model the model's workload and sizes, for a computation that builds the loss elsewhere
     * @param loss the model as built in this JVM (on the sweep's kernels)
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @return the gradient, as {@link NumericGradient#compute} gives it
     * @throws dev.numgrad.GradientCancelledException when the engine's token is cancelled
     */
    GradientResult compute(NumericGradient engine, WorkloadSpec model, BundledLoss loss, double[] x);

    /**
     * The partial derivatives of some coordinates of a model of the sweep.
     *
     * @param engine as for {@link #compute}
     * @param model as for {@link #compute}
     * @param loss as for {@link #compute}
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @param coordinates indices in [0, dimension). Not modified.
     * @return the listed partial derivatives, as {@link NumericGradient#computeCoordinates} gives them
     * @throws dev.numgrad.GradientCancelledException when the engine's token is cancelled
     */
    GradientResult computeCoordinates(NumericGradient engine, WorkloadSpec model, BundledLoss loss, double[] x,
            int[] coordinates);

    /** Releases what computes the gradients (a pool, a connection); idempotent. */
    @Override
    void close();

    /**
     * The numeric gradients in this JVM: on a fork/join pool of {@code threads} workers made for
     * them, or in the calling thread for one thread.
     *
     * @param threads the workers, at least 1
     * @return the local gradients; close them to shut the pool down
     * @throws IllegalArgumentException for fewer than one thread
     */
    static NumericGradients local(int threads) {
        return new LocalGradients(threads);
    }
}
