package dev.numgrad.cli.cost;

/**
 * The measured cost of one numeric gradient at one size.
 *
 * <p>When the gradient was too expensive to compute whole, only {@code coordinates} of its
 * partial derivatives were computed (evenly spread, the same two loss evaluations each for a
 * black-box central difference) and {@code seconds} and {@code evaluations} are that sample's,
 * scaled to all parameters: the row is <em>extrapolated</em>, and {@code errInf} covers the
 * sampled coordinates only.
 *
 * @param seconds wall time of one whole gradient (the fastest of the runs, or extrapolated), positive
 * @param evaluations loss evaluations (black-box) or deltas (delta) of one whole gradient
 * @param errInf max |g − g*| / max |g*| against the backprop gradient g*, over the coordinates computed
 * @param coordinates partial derivatives actually computed, at least 1
 * @param extrapolated whether {@code coordinates} was fewer than the parameters
 */
public record NumericCost(double seconds, long evaluations, double errInf, int coordinates, boolean extrapolated) {

    /**
     * Validates the cost.
     *
     * @throws IllegalArgumentException for a time that is not positive and finite, a negative
     *     evaluation count, or no coordinates
     */
    public NumericCost {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be positive and finite, got " + seconds);
        }
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must not be negative, got " + evaluations);
        }
        if (coordinates < 1) {
            throw new IllegalArgumentException("coordinates must be at least 1, got " + coordinates);
        }
    }
}
