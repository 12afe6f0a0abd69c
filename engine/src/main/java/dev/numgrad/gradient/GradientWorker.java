package dev.numgrad.gradient;

import dev.numgrad.fd.CoordinateProbe;
import dev.numgrad.schedule.CoordinateWorker;

/**
 * One worker's means of differencing coordinates: it is the {@link CoordinateProbe} of whichever
 * coordinate it is processing, so the scheme calls back into it without any allocation.
 */
abstract sealed class GradientWorker implements CoordinateWorker, CoordinateProbe
        permits BlackBoxWorker, DeltaWorker {

    final Job job;
    /** The coordinate {@link #at(double)} perturbs. */
    int coordinate;
    /** Evaluations this worker made; read by the caller after the scheduler completes. */
    long evaluations;

    GradientWorker(Job job) {
        this.job = job;
    }

    /** One scheduler slot is one output slot, except for {@link BatchedBlackBoxWorker}'s groups. */
    @Override
    public void process(int slot) {
        job.out[slot] = differentiate(slot);
    }

    /** The scheme's derivative for output slot {@code slot}, probing through {@link #at(double)}. */
    final double differentiate(int slot) {
        int i = job.coordinates == null ? slot : job.coordinates[slot];
        double h = job.steps.step(job.scheme, job.x[i]);
        coordinate = i;
        return job.scheme.derivative(this, job.base, h, job.errors, slot);
    }
}
