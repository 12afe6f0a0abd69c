package dev.numgrad.optim;

/**
 * The per-run state of an {@link Optimizer}: its moment estimates, velocities, step counter.
 * Made by {@link Optimizer#newState(int)} for one run; not thread-safe and never shared.
 */
public interface OptimizerState {

    /**
     * Takes one step in place. Allocates nothing.
     *
     * @param x the current iterate, length {@code dimension}. Modified: overwritten with the next
     *     iterate.
     * @param gradient ∇f(x), length {@code dimension}. Not modified.
     * @param learningRate this step's rate, normally the schedule's value for this iteration
     */
    void step(double[] x, double[] gradient, double learningRate);
}
