package dev.numgrad.check;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Loss;

/**
 * Gradient checks as test assertions: each throws {@link AssertionError} whose message is the
 * whole {@link CheckReport} table, so a failing test names the wrong coordinates. No test
 * framework is needed; JUnit 5, TestNG and plain {@code main} methods all report an
 * {@code AssertionError} as a failure.
 *
 * <pre>{@code
 * @Test
 * void backpropIsRight() {
 *     GradientAssertions.assertGradientCorrect(myLoss, x, myBackprop);
 * }
 * }</pre>
 */
public final class GradientAssertions {

    private GradientAssertions() {
    }

    /**
     * Checks a loss's own exact gradient with {@link GradientCheck#defaults()} (full mode).
     *
     * @param loss the loss
     * @param x the point. Not modified.
     * @return the report, for further assertions
     * @throws AssertionError carrying the report if the check failed
     */
    public static CheckReport assertGradientCorrect(DifferentiableLoss loss, double[] x) {
        return assertGradientCorrect(GradientCheck.defaults(), loss, x, AnalyticGradient.of(loss));
    }

    /**
     * Checks {@code gradient} against {@code loss} with {@link GradientCheck#defaults()} (full mode).
     *
     * @param loss the loss
     * @param x the point. Not modified.
     * @param gradient the gradient under test
     * @return the report, for further assertions
     * @throws AssertionError carrying the report if the check failed
     */
    public static CheckReport assertGradientCorrect(Loss loss, double[] x, AnalyticGradient gradient) {
        return assertGradientCorrect(GradientCheck.defaults(), loss, x, gradient);
    }

    /**
     * Runs {@code check} and throws if it {@link Outcome#FAILED failed}; an inconclusive check
     * passes (its report says why it could not decide).
     *
     * @param check the configuration
     * @param loss the loss
     * @param x the point. Not modified.
     * @param gradient the gradient under test
     * @return the report, for further assertions
     * @throws AssertionError carrying the report if the check failed
     */
    public static CheckReport assertGradientCorrect(GradientCheck check, Loss loss, double[] x, AnalyticGradient gradient) {
        CheckReport report = check.check(loss, x, gradient);
        if (report.failed()) {
            throw new AssertionError(report.toString());
        }
        return report;
    }

    /**
     * Runs {@code check} and throws unless it {@link Outcome#PASSED passed}: the strict form, for
     * a test that must not accept an undecided check.
     *
     * @param check the configuration
     * @param loss the loss
     * @param x the point. Not modified.
     * @param gradient the gradient under test
     * @return the report, for further assertions
     * @throws AssertionError carrying the report unless the check passed
     */
    public static CheckReport assertGradientPasses(GradientCheck check, Loss loss, double[] x, AnalyticGradient gradient) {
        CheckReport report = check.check(loss, x, gradient);
        if (report.outcome() != Outcome.PASSED) {
            throw new AssertionError(report.toString());
        }
        return report;
    }

    /**
     * Runs {@code check} and throws unless it {@link Outcome#FAILED failed}: for a test that a
     * deliberately broken gradient is caught.
     *
     * @param check the configuration
     * @param loss the loss
     * @param x the point. Not modified.
     * @param gradient the gradient that should be caught
     * @return the report, for assertions on where the fault was found
     * @throws AssertionError carrying the report if the check did not fail
     */
    public static CheckReport assertGradientWrong(GradientCheck check, Loss loss, double[] x, AnalyticGradient gradient) {
        CheckReport report = check.check(loss, x, gradient);
        if (!report.failed()) {
            throw new AssertionError("expected the gradient check to fail, but it was " + report.outcome() + ":\n" + report);
        }
        return report;
    }
}
