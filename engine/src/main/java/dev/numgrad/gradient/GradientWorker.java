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

    @Override
    public final void process(int slot) {
        int i = job.coordinates == null ? slot : job.coordinates[slot];
        double h = job.steps.step(job.scheme, job.x[i]);
        coordinate = i;
        job.out[slot] = job.scheme.derivative(this, job.base, h, job.errors, slot);
    }
}
