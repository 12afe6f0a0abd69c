package dev.numgrad.check;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a check may spend. A check that reaches either limit stops between batches of
 * coordinates (or between directions) and reports exactly what it covered.
 *
 * @param evaluations loss evaluations (full or delta) at most, at least 1; {@link Long#MAX_VALUE} for no limit
 * @param time wall time at most, positive; {@code null} for no limit
 */
public record CheckBudget(long evaluations, Duration time) {

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException for fewer than 1 evaluation or a time that is not positive
     */
    public CheckBudget {
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluation budget must be at least 1, got " + evaluations);
        }
        if (time != null && (time.isNegative() || time.isZero())) {
            throw new IllegalArgumentException("time budget must be positive, got " + time);
        }
    }

    /**
     * No limit.
     *
     * @return the unlimited budget
     */
    public static CheckBudget unlimited() {
        return new CheckBudget(Long.MAX_VALUE, null);
    }

    /**
     * At most this many loss evaluations.
     *
     * @param evaluations at least 1
     * @return the budget
     */
    public static CheckBudget ofEvaluations(long evaluations) {
        return new CheckBudget(evaluations, null);
    }

    /**
     * At most this much wall time.
     *
     * @param time positive
     * @return the budget
     */
    public static CheckBudget ofTime(Duration time) {
        return new CheckBudget(Long.MAX_VALUE, Objects.requireNonNull(time, "time"));
    }

    /**
     * Whether there is any limit.
     *
     * @return false for {@link #unlimited()}
     */
    public boolean limited() {
        return evaluations != Long.MAX_VALUE || time != null;
    }
}
