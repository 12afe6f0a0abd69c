package dev.numgrad.loss;

/**
 * Evaluates a loss at several probe points in one pass (see {@link ProbeBatchLoss}). Owns its
 * scratch buffers; one per worker, never shared between threads. It is also a plain
 * {@link Evaluator} of the same loss.
 */
public interface ProbeBatchEvaluator extends Evaluator {

    /**
     * The most probes one {@link #values} call accepts.
     *
     * @return at least 1
     */
    int maxProbes();

    /**
     * values[j] = f(x with xᵢ replaced by the double xᵢ + steps[j], i = coordinates[j]) for
     * j in [0, count): the point a black-box probe evaluates after {@code x[i] = x[i] + s}.
     *
     * @param x the base point, length {@link Loss#dimension()}. Not modified.
     * @param coordinates the perturbed coordinate of each probe, each in [0, dimension). Not modified.
     * @param steps the step of each probe. Not modified.
     * @param count the number of probes, in [0, {@link #maxProbes()}]
     * @param values receives the count values in [0, count). Modified.
     * @throws IllegalArgumentException if x has the wrong length or count is out of range
     * @throws IndexOutOfBoundsException if a coordinate is out of range or an array is shorter than count
     */
    void values(double[] x, int[] coordinates, double[] steps, int count, double[] values);
}
