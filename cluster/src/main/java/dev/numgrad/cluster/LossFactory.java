package dev.numgrad.cluster;

import dev.numgrad.loss.Loss;

/**
 * Builds a user's loss on a cluster member: how a loss that is not a standard workload travels.
 * A closure cannot be sent to another JVM; a class name can. Every member loads the
 * implementation by name (it must be on every member's class path, e.g. in the worker's
 * {@code NUMGRAD_CLASSPATH}), creates it with its public no-argument constructor and calls
 * {@link #create(String)} once per loss specification; the member keeps the loss for later
 * gradients of the same specification.
 *
 * <pre>{@code
 * public final class QuarticFactory implements LossFactory {
 *     public Loss create(String argument) {
 *         int n = Integer.parseInt(argument);
 *         return Loss.of("quartic(" + n + ")", n, x -> { double s = 0; for (double v : x) s += v * v * v * v; return s; });
 *     }
 * }
 * // spec: LossSpec.parse("class:com.example.QuarticFactory:1000")
 * }</pre>
 *
 * <p>The result must be a pure function of the argument: every member must build the same loss,
 * or the gradient's slices would come from different functions.
 */
@FunctionalInterface
public interface LossFactory {

    /**
     * The loss this factory builds for an argument.
     *
     * @param argument the text after the class name in the specification; empty when none
     * @return the loss, the same on every member for the same argument
     * @throws IllegalArgumentException if the argument does not describe a loss of this factory
     */
    Loss create(String argument);
}
