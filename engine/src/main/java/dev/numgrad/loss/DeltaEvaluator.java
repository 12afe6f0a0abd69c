package dev.numgrad.loss;

/**
 * Evaluates f(x + step·eᵢ) − f(x) for one coordinate i at a time, from a cache of the base point.
 *
 * <p>Why: a black-box central difference re-runs the whole loss twice per coordinate, although
 * perturbing one parameter changes only a few terms (one hidden unit of a network, one residual
 * of a sum). A delta evaluator caches those terms at x in {@link #prepare(double[])} and
 * recomputes only what coordinate i touches. Because it never subtracts two large totals it is
 * also more accurate than the black-box difference.
 *
 * <p>Contract: after {@code prepare(x)}, any sequence of {@code delta(i, step)} calls, for any
 * coordinates in any order, returns the same values as if each were the only call; the cache
 * is never left perturbed. Not thread-safe: one per worker.
 */
public interface DeltaEvaluator {

    /**
     * Caches what the loss needs at the base point x.
     *
     * @param x base point, length {@link Loss#dimension()}. Not modified; the evaluator copies
     *     what it needs, so the caller may reuse the array afterwards.
     * @return f(x)
     */
    double prepare(double[] x);

    /**
     * The change of f when coordinate i moves, at the prepared base point.
     *
     * @param i coordinate, {@code 0 <= i < dimension}
     * @param step signed offset added to x[i]
     * @return f(x + step·eᵢ) − f(x), computed from the changed terms only
     */
    double delta(int i, double step);

    /**
     * Both sides of a central difference at once: {@code into[0] = delta(i, step)} and
     * {@code into[1] = delta(i, -step)}, bit for bit. The default makes those two calls; an
     * evaluator whose two deltas share work (the same cached terms read, the step's
     * transcendental computed once) overrides it with one pass. Central schemes call it.
     *
     * @param i coordinate, {@code 0 <= i < dimension}
     * @param step signed offset; +step and −step are both evaluated
     * @param into receives the two deltas in [0, 2). Modified.
     */
    default void symmetricDeltas(int i, double step, double[] into) {
        into[0] = delta(i, step);
        into[1] = delta(i, -step);
    }
}
