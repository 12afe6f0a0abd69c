package dev.numgrad.gradient;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A computed gradient and what it cost.
 *
 * <p>The arrays are owned by the result and not copied (a gradient can have millions of entries);
 * equality compares their contents.
 *
 * @param values ∇f(x), one entry per coordinate
 * @param evaluations black-box: full loss evaluations (n·{@code evaluationsPerCoordinate}, plus 1
 *     for f(x) when the scheme uses it); delta: delta evaluations plus one {@code prepare} per
 *     worker state (which depends on how many workers took part)
 * @param elapsed wall time of the whole computation, validation included
 * @param errorEstimates per-coordinate error estimates, or null when the scheme gives none
 * @param probeBatch the most probe points one loss evaluation took: the configured
 *     {@code NumericGradient.probeBatch} when the black-box engine batched probes, 1 when it
 *     evaluated one probe per call (delta mode, a loss without batched probes, or K = 1).
 *     {@code evaluations} counts probe points either way.
 */
public record GradientResult(double[] values, long evaluations, Duration elapsed, double[] errorEstimates,
        int probeBatch) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if evaluations is negative, probeBatch is below 1 or the
     *     error estimates' length differs from the values'
     */
    public GradientResult {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(elapsed, "elapsed");
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must be non-negative, got " + evaluations);
        }
        if (probeBatch < 1) {
            throw new IllegalArgumentException("probeBatch must be at least 1, got " + probeBatch);
        }
        if (errorEstimates != null && errorEstimates.length != values.length) {
            throw new IllegalArgumentException("errorEstimates length " + errorEstimates.length
                    + " != values length " + values.length);
        }
    }

    /**
     * A result of one probe per loss evaluation (probeBatch 1).
     *
     * @param values ∇f(x). Not copied.
     * @param evaluations loss evaluations, at least 0
     * @param elapsed wall time
     * @param errorEstimates per-coordinate error estimates, or null. Not copied.
     * @throws IllegalArgumentException if evaluations is negative or errorEstimates has the wrong length
     */
    public GradientResult(double[] values, long evaluations, Duration elapsed, double[] errorEstimates) {
        this(values, evaluations, elapsed, errorEstimates, 1);
    }

    /** {@return number of coordinates} */
    public int dimension() {
        return values.length;
    }

    /** {@return whether the scheme gave per-coordinate error estimates} */
    public boolean hasErrorEstimates() {
        return errorEstimates != null;
    }

    /** {@return the per-coordinate error estimates, when the scheme gives them} */
    public Optional<double[]> errors() {
        return Optional.ofNullable(errorEstimates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradientResult r
                && evaluations == r.evaluations
                && probeBatch == r.probeBatch
                && elapsed.equals(r.elapsed)
                && Arrays.equals(values, r.values)
                && Arrays.equals(errorEstimates, r.errorEstimates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), evaluations, elapsed, Arrays.hashCode(errorEstimates), probeBatch);
    }

    /** A summary; never prints millions of values. */
    @Override
    public String toString() {
        return "GradientResult[dimension=" + values.length + ", evaluations=" + evaluations
                + ", elapsed=" + elapsed + ", errorEstimates=" + (hasErrorEstimates() ? "yes" : "no")
                + ", probeBatch=" + probeBatch + "]";
    }
}
