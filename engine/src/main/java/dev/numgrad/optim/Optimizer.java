package dev.numgrad.optim;

import java.util.List;
import java.util.Locale;

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

    /** {@return the base learning rate α, positive and finite} */
    double learningRate();

    /** {@return a short lower-case name for reports and trace files: "sgd", "adam", …} */
    String name();

    /**
     * A fresh state for one run over {@code dimension} parameters; all buffers are allocated
     * here, none per step.
     *
     * @param dimension number of parameters, at least 1
     * @return the state
     */
    OptimizerState newState(int dimension);

    /** The names {@link #named(String, double)} accepts, in the order of the permits clause. */
    List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    /**
     * The optimizer called {@code name} (as {@link #name()} spells it, ignoring case) with base
     * rate {@code learningRate} and every other hyper-parameter at its documented default; for
     * the command line.
     *
     * @param name the optimizer's name, e.g. "adam"
     * @param learningRate base rate α, positive and finite
     * @return the optimizer
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones)
     *     or an invalid rate
     */
    static Optimizer named(String name, double learningRate) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new Sgd(learningRate);
            case "momentum" -> new Momentum(learningRate);
            case "nesterov" -> new Nesterov(learningRate);
            case "adagrad" -> new AdaGrad(learningRate);
            case "rmsprop" -> new RmsProp(learningRate);
            case "adam" -> new Adam(learningRate);
            case "adamw" -> new AdamW(learningRate);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; valid optimizers: "
                    + String.join(", ", NAMES));
        };
    }
}
