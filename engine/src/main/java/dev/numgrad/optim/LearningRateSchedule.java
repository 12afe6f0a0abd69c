package dev.numgrad.optim;

import java.util.Objects;

/**
 * How the learning rate changes over a run, as a multiplier η_t in [0, 1] of the optimizer's
 * base rate α: step t uses α·η_t (the notation of Loshchilov &amp; Hutter's AdamW paper, which
 * {@link AdamW} needs in order to scale its decay). Every schedule starts at η₀ = 1 except
 * {@link Warmup}, which ramps up to it.
 */
public sealed interface LearningRateSchedule {

    /**
     * The multiplier η_t for step t.
     *
     * @param iteration t ≥ 0, the index of the step about to be taken
     * @return η_t in [0, 1]
     */
    double multiplier(int iteration);

    /**
     * The rate of step t: {@code baseRate · multiplier(t)}.
     *
     * @param iteration the step t, from 0
     * @param baseRate the optimizer's base learning rate
     * @return the rate of step t
     */
    default double learningRate(int iteration, double baseRate) {
        return baseRate * multiplier(iteration);
    }

    /** {@return the constant schedule, η_t = 1} */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /**
     * η_t = factor^⌊t / every⌋: the rate drops by {@code factor} every {@code every} steps.
     *
     * @param every steps between drops, at least 1
     * @param factor in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule stepDecay(int every, double factor) {
        return new StepDecay(every, factor);
    }

    /**
     * η_t = factor^t.
     *
     * @param factor in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule exponential(double factor) {
        return new Exponential(factor);
    }

    /**
     * Half a cosine from 1 down to {@code floor} over {@code steps} steps, then {@code floor}.
     *
     * @param steps the annealing period T, at least 1
     * @param floor the final multiplier, in [0, 1]
     * @return the schedule
     */
    static LearningRateSchedule cosine(int steps, double floor) {
        return new Cosine(steps, floor);
    }

    /**
     * A linear ramp over {@code steps} steps, then {@code then} with its clock starting at 0.
     *
     * @param steps the warm-up length W, at least 1
     * @param then the schedule after warm-up
     * @return the schedule
     */
    static LearningRateSchedule warmup(int steps, LearningRateSchedule then) {
        return new Warmup(steps, then);
    }

    /** η_t = 1: the base rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double multiplier(int iteration) {
            return 1;
        }
    }

    /**
     * η_t = factor^⌊t / every⌋.
     *
     * @param every steps between drops, at least 1
     * @param factor in (0, 1]; 0.1 is the classic "divide by ten"
     */
    record StepDecay(int every, double factor) implements LearningRateSchedule {
        /**
         * Validates the schedule.
         *
         * @throws IllegalArgumentException if every is below 1 or factor is outside (0, 1]
         */
        public StepDecay {
            Checks.positive("step-decay interval", every);
            Checks.decayFactor("step-decay factor", factor);
        }

        @Override
        public double multiplier(int iteration) {
            return Math.pow(factor, iteration / every);
        }
    }

    /**
     * η_t = factor^t.
     *
     * @param factor in (0, 1]
     */
    record Exponential(double factor) implements LearningRateSchedule {
        /**
         * Validates the schedule.
         *
         * @throws IllegalArgumentException if factor is outside (0, 1]
         */
        public Exponential {
            Checks.decayFactor("exponential decay factor", factor);
        }

        @Override
        public double multiplier(int iteration) {
            return Math.pow(factor, iteration);
        }
    }

    /**
     * Cosine annealing without restarts (Loshchilov &amp; Hutter, "SGDR", ICLR 2017, eq. 5):
     * η_t = floor + (1 − floor)·(1 + cos(π·t/T))/2 for t ≤ T, and floor after.
     *
     * @param steps T, at least 1
     * @param floor the final multiplier, in [0, 1]
     */
    record Cosine(int steps, double floor) implements LearningRateSchedule {
        /**
         * Validates the schedule.
         *
         * @throws IllegalArgumentException if steps is below 1 or floor is outside [0, 1]
         */
        public Cosine {
            Checks.positive("cosine period", steps);
            if (!(floor >= 0 && floor <= 1)) {
                throw new IllegalArgumentException("cosine floor must be in [0, 1], got " + floor);
            }
        }

        @Override
        public double multiplier(int iteration) {
            if (iteration >= steps) {
                return floor;
            }
            return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * iteration / steps));
        }
    }

    /**
     * Linear warm-up (Goyal et al., "Accurate, large minibatch SGD", 2017): η_t = (t + 1)/W for
     * t &lt; W, so the first step already moves and step W − 1 reaches the full rate; from
     * t = W on, η_t = then.η_{t−W}.
     *
     * @param steps W, at least 1
     * @param then the schedule after warm-up; its clock starts when warm-up ends
     */
    record Warmup(int steps, LearningRateSchedule then) implements LearningRateSchedule {
        /**
         * Validates the schedule.
         *
         * @throws IllegalArgumentException if steps is below 1
         */
        public Warmup {
            Checks.positive("warm-up length", steps);
            Objects.requireNonNull(then, "then");
        }

        @Override
        public double multiplier(int iteration) {
            if (iteration < steps) {
                return (iteration + 1.0) / steps;
            }
            return then.multiplier(iteration - steps);
        }
    }
}
