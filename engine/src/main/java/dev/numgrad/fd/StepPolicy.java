package dev.numgrad.fd;

import dev.numgrad.InvalidStepException;

/**
 * How large a step h_i each coordinate gets.
 *
 * <p>The total error of a scheme of order p is about C·h^p (truncation) + ε·|f|/h (rounding),
 * smallest near h ≈ ε^(1/(p+1)) in units of the coordinate's scale. {@link ScaledToScheme}, the
 * default, uses exactly that: √ε ≈ 1.5e-8 for forward and backward differences, ∛ε ≈ 6.1e-6 for
 * central, ε^(1/5) ≈ 7.4e-4 for the five-point stencil and Richardson, each times max(|x_i|, 1).
 * On d/dx exp at 1, central difference is off by 9.9e-12 at its default step (2^-18 ≈ 3.8e-6),
 * but by 4.5e-3 at h = 0.1 (truncation) and by 2.1e-4 at h = 1e-12 (rounding).
 *
 * <p>Representable steps: a step is only useful if the perturbed coordinate x_i + h is the
 * value the formula assumes. {@link ScaledToScheme} rounds h down to a power of two no smaller
 * than 2^-27·max(|x_i|, 1), a multiple of x_i's ulp, so x_i ± h, x_i ± 2h and x_i ± h/2 are exact
 * floating-point numbers and the divided differences divide by the step actually taken. The
 * exception is a sum that crosses into a larger binade: it may round by half an ulp of the sum,
 * which for |x_i| &lt; h is a relative step error of about 1e-16, harmless. {@link Relative} snaps h to
 * (x_i + h) − x_i, the step a forward difference actually takes. {@link Absolute} uses h as
 * given: the caller asked for that number.
 *
 * <p>Policies validate their parameters on construction; {@link #checkedStep} validates the step
 * at one coordinate (positive, finite, changes x_i, keeps x_i ± reach·h finite) so the engine can
 * reject a bad configuration before evaluating anything.
 */
public sealed interface StepPolicy permits StepPolicy.Absolute, StepPolicy.Relative, StepPolicy.ScaledToScheme {

    /**
     * The step for coordinate value {@code xi} under {@code scheme}. Pure and cheap: the engine
     * calls it once per coordinate in validation and once more when differencing.
     *
     * @param scheme the scheme the step is for (its order sets the default step)
     * @param xi the coordinate's value
     * @return the step h, positive
     */
    double step(Scheme scheme, double xi);

    /**
     * {@link #step} with validation.
     *
     * @param i the coordinate, for the message
     * @param scheme the scheme the step is for
     * @param xi the coordinate's value
     * @return the validated step
     * @throws InvalidStepException if h is not positive and finite, if x_i + h == x_i, or if
     *     x_i ± reach·h overflows
     */
    default double checkedStep(Scheme scheme, double xi, int i) {
        double h = step(scheme, xi);
        if (!(h > 0) || !Double.isFinite(h)) {
            throw InvalidStepException.atCoordinate(i, xi, h, "a step must be positive and finite");
        }
        if (xi + h == xi || xi - h == xi) {
            throw InvalidStepException.atCoordinate(i, xi, h, "the step vanishes (x + h == x)");
        }
        double reach = scheme.reach() * h;
        if (!Double.isFinite(xi + reach) || !Double.isFinite(xi - reach)) {
            throw InvalidStepException.atCoordinate(i, xi, h, "x ± " + scheme.reach() + "·h overflows");
        }
        return h;
    }

    /**
     * The same step h for every coordinate.
     *
     * @param h the step, positive and finite
     * @return the policy
     */
    static StepPolicy absolute(double h) {
        return new Absolute(h);
    }

    /**
     * h_i = r·max(|x_i|, 1).
     *
     * @param r the relative step, positive and finite
     * @return the policy
     */
    static StepPolicy relative(double r) {
        return new Relative(r);
    }

    /** {@return the default: ε^(1/(order+1))·max(|x_i|, 1), rounded down to a power of two} */
    static StepPolicy scaledToScheme() {
        return new ScaledToScheme();
    }

    /**
     * The same step for every coordinate, used exactly as given.
     *
     * @param h the step, positive and finite
     */
    record Absolute(double h) implements StepPolicy {

        /**
         * Validates the step.
         *
         * @throws InvalidStepException if h is not positive and finite
         */
        public Absolute {
            if (!(h > 0) || !Double.isFinite(h)) {
                throw InvalidStepException.ofConfiguration("step h", h);
            }
        }

        @Override
        public double step(Scheme scheme, double xi) {
            return h;
        }
    }

    /**
     * h_i = r·max(|x_i|, 1), snapped to (x_i + h_i) − x_i so the forward step is exact. The max
     * keeps the step from vanishing at x_i = 0.
     *
     * @param r the relative step, positive and finite
     */
    record Relative(double r) implements StepPolicy {

        /**
         * Validates the ratio.
         *
         * @throws InvalidStepException if r is not positive and finite
         */
        public Relative {
            if (!(r > 0) || !Double.isFinite(r)) {
                throw InvalidStepException.ofConfiguration("relative step r", r);
            }
        }

        @Override
        public double step(Scheme scheme, double xi) {
            double h = r * Math.max(Math.abs(xi), 1.0);
            return (xi + h) - xi;
        }
    }

    /**
     * The error-minimising step for the scheme's order: ε^(1/(p+1))·max(|x_i|, 1), rounded down
     * to a power of two (at most a factor 2, which moves the error by less than the constant C
     * that the rule ignores anyway).
     */
    record ScaledToScheme() implements StepPolicy {

        /** √ε: exactly 2^-26. */
        static final double FIRST_ORDER = 0x1p-26;
        /** ∛ε. */
        static final double SECOND_ORDER = Math.cbrt(Math.ulp(1.0));
        /** ε^(1/5). */
        static final double FOURTH_ORDER = Math.pow(Math.ulp(1.0), 0.2);

        /**
         * ε^(1/(order+1)) for the scheme's order; the unscaled step.
         *
         * @param scheme the scheme
         * @return the relative step before scaling by max(|x_i|, 1)
         */
        public static double relativeStep(Scheme scheme) {
            return switch (scheme.order()) {
                case 1 -> FIRST_ORDER;
                case 2 -> SECOND_ORDER;
                case 4 -> FOURTH_ORDER;
                default -> Math.pow(Math.ulp(1.0), 1.0 / (scheme.order() + 1));
            };
        }

        @Override
        public double step(Scheme scheme, double xi) {
            double scaled = relativeStep(scheme) * Math.max(Math.abs(xi), 1.0);
            return Math.scalb(1.0, Math.getExponent(scaled));
        }
    }
}
