package dev.numgrad.optim;

/**
 * A first-order update rule: immutable, validated hyper-parameters that make a fresh
 * {@link OptimizerState} per run.
 *
 * <p>{@link #learningRate()} is the base rate α. A {@link LearningRateSchedule} turns it into
 * the rate of each step, α·η_t, which {@link DescentLoop} passes to
 * {@link OptimizerState#step(double[], double[], double)}.
 *
 * <p>Each implementation cites the paper its update follows and writes the update in that
 * paper's notation, so the two can be read side by side.
 */
public sealed interface Optimizer permits Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam, AdamW {

    /** The base learning rate α, positive and finite. */
    double learningRate();

    /** A short lower-case name for reports and trace files: "sgd", "adam", … */
    String name();

    /**
     * A fresh state for one run over {@code dimension} parameters; all buffers are allocated
     * here, none per step.
     *
     * @param dimension number of parameters, at least 1
     */
    OptimizerState newState(int dimension);
}
