package dev.numgrad.optim;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a {@link DescentLoop} stops, other than by diverging or being cancelled. The rules are
 * checked at every iterate, in the order of the components; the first that holds is the
 * {@link StopReason}.
 *
 * @param maxIterations the most optimizer steps, at least 0 (0 evaluates the start only)
 * @param gradientTolerance stop when ‖∇f‖₂ ≤ this; 0 turns the rule off
 * @param lossChangeTolerance stop when |f_k − f_{k−1}| ≤ this · max(|f_k|, |f_{k−1}|, 1), the
 *     relative reduction test of L-BFGS-B's {@code factr}/SciPy's {@code ftol}; 0 turns it off.
 *     A single small change ends the run, so keep it off for noisy or oscillating descents.
 * @param timeBudget stop at the first iterate evaluated after this much wall-clock time;
 *     {@link #UNLIMITED_TIME} turns it off
 */
public record StoppingRules(int maxIterations, double gradientTolerance, double lossChangeTolerance,
                            Duration timeBudget) {

    /** A time budget that never runs out. */
    public static final Duration UNLIMITED_TIME = ChronoUnit.FOREVER.getDuration();

    /**
     * Validates the rules.
     *
     * @throws IllegalArgumentException naming the first invalid one
     */
    public StoppingRules {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("max iterations must be non-negative, got " + maxIterations);
        }
        Checks.nonNegativeFinite("gradient tolerance", gradientTolerance);
        Checks.nonNegativeFinite("loss-change tolerance", lossChangeTolerance);
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (timeBudget.isNegative()) {
            throw new IllegalArgumentException("time budget must be non-negative, got " + timeBudget);
        }
    }

    /**
     * At most {@code maxIterations} steps and no other rule.
     *
     * @param maxIterations non-negative
     * @return the rules
     */
    public static StoppingRules iterations(int maxIterations) {
        return new StoppingRules(maxIterations, 0, 0, UNLIMITED_TIME);
    }

    /**
     * {@return a copy that also stops once ‖∇f‖₂ ≤ tolerance}
     *
     * @param tolerance non-negative and finite; 0 turns the rule off
     */
    public StoppingRules withGradientTolerance(double tolerance) {
        return new StoppingRules(maxIterations, tolerance, lossChangeTolerance, timeBudget);
    }

    /**
     * {@return a copy that also stops once |f_k − f_{k−1}| ≤ tolerance·max(|f_k|, |f_{k−1}|, 1)}
     *
     * @param tolerance non-negative and finite; 0 turns the rule off
     */
    public StoppingRules withLossChangeTolerance(double tolerance) {
        return new StoppingRules(maxIterations, gradientTolerance, tolerance, timeBudget);
    }

    /**
     * {@return a copy that also stops once the run has taken this long}
     *
     * @param budget positive; {@link #UNLIMITED_TIME} for none
     */
    public StoppingRules withTimeBudget(Duration budget) {
        return new StoppingRules(maxIterations, gradientTolerance, lossChangeTolerance, budget);
    }

    /** The budget in nanoseconds, saturated at {@link Long#MAX_VALUE} (about 292 years). */
    long timeBudgetNanos() {
        return timeBudget.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeBudget.toNanos();
    }
}
