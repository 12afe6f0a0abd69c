package dev.numgrad.optim;

/**
 * The state of {@link Momentum} and {@link Nesterov}: μ and the velocity v, zero at the start.
 * Each of them supplies its own update, next to the paper's equations it implements.
 */
abstract class VelocityState implements OptimizerState {

    /** The momentum coefficient μ, already checked to lie in [0, 1). */
    final double mu;

    /** v, one entry per coordinate; it carries the learning rate (v ← μv − ε∇f). */
    final double[] velocity;

    VelocityState(int dimension, double mu) {
        this.mu = mu;
        this.velocity = new double[dimension];
    }

    @Override
    public final void step(double[] x, double[] gradient, double rate) {
        Checks.stepLengths(velocity.length, x, gradient);
        update(x, gradient, rate);
    }

    /**
     * One step, on arrays whose lengths have been checked.
     *
     * @param x the current iterate. Modified: overwritten with the next iterate.
     * @param gradient ∇f(x). Not modified.
     * @param rate this step's learning rate ε
     */
    abstract void update(double[] x, double[] gradient, double rate);
}
