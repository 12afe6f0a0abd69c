package dev.numgrad.check;

import dev.numgrad.fd.StepPolicy;

/**
 * The floating-point precision the analytic gradient (and the loss) is computed in. It sets the
 * finite-difference step, the rounding floor and the default tolerance, so that a correct
 * float32 gradient is not failed for float32's rounding.
 *
 * <p>With ε the precision's unit roundoff, the central-difference step is ∛ε·max(|x_i|, 1)
 * (3.8e-6 in double, 3.9e-3 in float32, each a power of two) and the rounding floor of a
 * difference is 16·ε·|f(x)|/h.
 */
public enum Precision {

    /** IEEE binary64: ε = 2.2e-16, relative tolerance 1e-6. */
    DOUBLE(Math.ulp(1.0), 1e-6, 0x1p-18, 1),

    /**
     * IEEE binary32: ε = 1.2e-7, relative tolerance 1e-3, and mismatches up to ten times the
     * tolerance are reported as inconclusive, with the advice to check that block in double.
     */
    FLOAT32(Math.ulp(1.0f), 1e-3, 0x1p-8, 10);

    private final double epsilon;
    private final double relativeTolerance;
    private final double relativeStep;
    private final double inconclusiveBand;

    Precision(double epsilon, double relativeTolerance, double relativeStep, double inconclusiveBand) {
        this.epsilon = epsilon;
        this.relativeTolerance = relativeTolerance;
        this.relativeStep = relativeStep;
        this.inconclusiveBand = inconclusiveBand;
    }

    /**
     * The unit roundoff: the gap between 1 and the next representable number.
     *
     * @return 2.2e-16 or 1.2e-7
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * The default relative tolerance of a coordinate's comparison.
     *
     * @return 1e-6 or 1e-3
     */
    public double defaultRelativeTolerance() {
        return relativeTolerance;
    }

    /**
     * ∛ε rounded down to a power of two: the central difference's relative step.
     *
     * @return 2^-18 or 2^-8
     */
    public double relativeStep() {
        return relativeStep;
    }

    /**
     * How many tolerances beyond the tolerance a mismatch is still called inconclusive rather
     * than wrong: 1 (none) in double, 10 in float32, whose rounding a tolerance cannot bound
     * tightly.
     *
     * @return the factor, at least 1
     */
    public double inconclusiveBand() {
        return inconclusiveBand;
    }

    /**
     * The central-difference step policy of this precision: {@code relativeStep()·max(|x_i|, 1)}.
     *
     * @return the step policy
     */
    public StepPolicy centralSteps() {
        return this == DOUBLE ? StepPolicy.scaledToScheme() : StepPolicy.relative(relativeStep);
    }
}
