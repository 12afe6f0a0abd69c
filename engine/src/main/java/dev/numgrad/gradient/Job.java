package dev.numgrad.gradient;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;

/**
 * What every worker of one gradient shares: read-only inputs and the output arrays, of which each
 * worker writes only the slots of the coordinates it processes.
 */
final class Job {

    final String lossName;
    final Scheme scheme;
    final StepPolicy steps;
    /** The validated private copy of the caller's x. Never modified. */
    final double[] x;
    /**
     * The coordinates to difference, slot k holding coordinate {@code coordinates[k]}; null for
     * all of them in order (slot i holds coordinate i).
     */
    final int[] coordinates;
    /** Modified: slot k by the worker processing slot k. */
    final double[] out;
    /** Modified like {@link #out}; null when the scheme gives no error estimates. */
    final double[] errors;
    /**
     * The probes' value at offset 0: f(x) in black-box mode when the scheme uses it, else 0.
     * Written once by the calling thread before the scheduler starts, which publishes it.
     */
    double base;

    Job(String lossName, Scheme scheme, StepPolicy steps, double[] x, int[] coordinates, double[] out,
            double[] errors) {
        this.lossName = lossName;
        this.scheme = scheme;
        this.steps = steps;
        this.x = x;
        this.coordinates = coordinates;
        this.out = out;
        this.errors = errors;
    }
}
