package dev.numgrad.cli;

import dev.numgrad.optim.LearningRateSchedule;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --schedule} value, read but not yet built: a cosine schedule's period is the run's
 * length after warm-up, known only once every option is read. {@link #build(int, int)} makes the
 * engine's {@link LearningRateSchedule}, whose constructors check the numbers (a factor outside
 * (0, 1], a floor outside [0, 1], an interval below 1) and name the bad one.
 *
 * <p>Forms: {@code constant}, {@code step:EVERY:FACTOR} (multiply by FACTOR every EVERY steps),
 * {@code exp:FACTOR} (multiply by FACTOR every step), {@code cosine} or {@code cosine:FLOOR}
 * (half a cosine from 1 down to FLOOR, default 0, over the steps after warm-up).
 *
 * @param text the value as given, for reports
 * @param kind which schedule
 * @param every the step-decay interval (step only)
 * @param factor the decay factor (step, exp) or the cosine floor
 */
record ScheduleSpec(String text, Kind kind, int every, double factor) {

    static final String FORMS = "constant, step:EVERY:FACTOR, exp:FACTOR, cosine or cosine:FLOOR";

    enum Kind { CONSTANT, STEP, EXPONENTIAL, COSINE }

    static ScheduleSpec constant() {
        return new ScheduleSpec("constant", Kind.CONSTANT, 0, 0);
    }

    /**
     * The multiplier schedule for a run of {@code steps} steps of which the first
     * {@code warmup} ramp the rate up linearly; 0 for no warm-up.
     *
     * @throws IllegalArgumentException naming a value the engine refuses
     */
    LearningRateSchedule build(int steps, int warmup) {
        LearningRateSchedule main = switch (kind) {
            case CONSTANT -> LearningRateSchedule.constant();
            case STEP -> LearningRateSchedule.stepDecay(every, factor);
            case EXPONENTIAL -> LearningRateSchedule.exponential(factor);
            // The cosine's clock starts after warm-up; a period of at least 1 keeps a warm-up
            // as long as the run valid (the rate then never leaves the ramp).
            case COSINE -> LearningRateSchedule.cosine(Math.max(1, steps - warmup), factor);
        };
        return warmup == 0 ? main : LearningRateSchedule.warmup(warmup, main);
    }

    /** Reads the forms above; an error names the value and lists the forms. */
    static final class Converter implements ITypeConverter<ScheduleSpec> {
        @Override
        public ScheduleSpec convert(String value) {
            String[] parts = value.strip().toLowerCase(Locale.ROOT).split(":", -1);
            switch (parts[0]) {
                case "constant" -> {
                    if (parts.length == 1) {
                        return new ScheduleSpec(value, Kind.CONSTANT, 0, 0);
                    }
                }
                case "step" -> {
                    if (parts.length == 3) {
                        return new ScheduleSpec(value, Kind.STEP, integer(value, parts[1]), number(value, parts[2]));
                    }
                }
                case "exp" -> {
                    if (parts.length == 2) {
                        return new ScheduleSpec(value, Kind.EXPONENTIAL, 0, number(value, parts[1]));
                    }
                }
                case "cosine" -> {
                    if (parts.length <= 2) {
                        return new ScheduleSpec(value, Kind.COSINE, 0, parts.length == 1 ? 0 : number(value, parts[1]));
                    }
                }
                default -> {
                }
            }
            throw malformed(value);
        }

        private static int integer(String value, String word) {
            try {
                return Integer.parseInt(word.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + word + "' in schedule '" + value + "' is not an integer");
            }
        }

        private static double number(String value, String word) {
            try {
                return Double.parseDouble(word.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + word + "' in schedule '" + value + "' is not a number");
            }
        }

        private static TypeConversionException malformed(String value) {
            return new TypeConversionException("unknown schedule '" + value + "' (expected " + FORMS + ")");
        }
    }
}
