package dev.numgrad.check;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.NonFiniteParameterException;
import dev.numgrad.gradient.Execution;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.ParameterBlocks;
import java.util.Objects;

/**
 * A gradient check: compares an analytic gradient with numgrad's numeric one and says which
 * coordinates are wrong, by name ({@code W1[17,203]}). An immutable, validated configuration;
 * {@link #check} runs it.
 *
 * <pre>{@code
 * CheckReport report = GradientCheck.defaults().check(myLoss, x, myBackprop);
 * if (report.outcome() == Outcome.FAILED) System.out.println(report);   // a table of the worst coordinates
 * GradientAssertions.assertGradientCorrect(myLoss, x, myBackprop);      // or throw AssertionError in a test
 * }</pre>
 *
 * <p><b>How a coordinate is judged.</b> With a the analytic and n the numeric partial derivative
 * (central difference at the {@link Precision}'s step h_i, through delta evaluation when the loss
 * is a {@link dev.numgrad.loss.DeltaLoss}), the scale s_i = max(|a|, |n|, 10⁻³·‖a‖∞) keeps
 * near-zero components from producing huge relative errors; the relative error is |a − n|/s_i.
 * The coordinate passes when |a − n| ≤ rtol·s_i + atol + noise_i, where noise_i = 16·ε·|f(x)|/h_i
 * is the rounding floor of the difference (plus the scheme's own error estimate when it has one).
 * A coordinate that fails is re-examined before it is called wrong: the one-sided differences at
 * h and h/16 detect a kink ({@link Verdict#KINK}) or give a cleaner central difference at h/16;
 * if that still fails, {@link dev.numgrad.fd.Scheme#adaptive()} picks the best of twelve steps and
 * states its error, and only a mismatch beyond tolerance plus that error is {@link Verdict#WRONG}.
 * A mismatch the numeric noise cannot resolve is {@link Verdict#INCONCLUSIVE}.
 *
 * @param mode full, sampled or directional
 * @param precision the analytic gradient's precision: steps, rounding floor, default tolerance
 * @param relativeTolerance rtol, positive and finite; {@link #withPrecision} resets it to the precision's default
 * @param absoluteTolerance atol, non-negative and finite; default 0
 * @param samplesPerBlock sampled mode: coordinates drawn from each block (all of a smaller block), at least 1
 * @param directions directional mode: random directions, at least 1
 * @param worst rows the report lists, and coordinates a failing direction is narrowed to, at least 1
 * @param seed seeds the sample and the directions
 * @param budget evaluation and time limits
 * @param execution where numeric partial derivatives run
 * @param purityTolerance relative difference allowed between two evaluations of f(x) and of the
 *     analytic gradient at the same x, in [0, 1); 0 demands identical bits
 * @param reexamineLimit failing coordinates re-examined at most (the worst first), at least 1
 */
public record GradientCheck(CheckMode mode, Precision precision, double relativeTolerance, double absoluteTolerance,
        int samplesPerBlock, int directions, int worst, long seed, CheckBudget budget, Execution execution,
        double purityTolerance, int reexamineLimit) {

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException naming the first invalid value
     */
    public GradientCheck {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(execution, "execution");
        if (!(relativeTolerance > 0) || !Double.isFinite(relativeTolerance)) {
            throw new IllegalArgumentException("relative tolerance must be positive and finite, got " + relativeTolerance);
        }
        if (!(absoluteTolerance >= 0) || !Double.isFinite(absoluteTolerance)) {
            throw new IllegalArgumentException("absolute tolerance must be non-negative and finite, got " + absoluteTolerance);
        }
        requireAtLeastOne("samples per block", samplesPerBlock);
        requireAtLeastOne("directions", directions);
        requireAtLeastOne("worst", worst);
        requireAtLeastOne("re-examine limit", reexamineLimit);
        if (!(purityTolerance >= 0) || !(purityTolerance < 1)) {
            throw new IllegalArgumentException("purity tolerance must be in [0, 1), got " + purityTolerance);
        }
    }

    /**
     * Full mode, double precision, rtol 1e-6, atol 0, 8 samples per block, 4 directions, the
     * worst 10 rows, seed 1, no budget, the common pool, purity tolerance 1e-12, up to 256
     * coordinates re-examined.
     *
     * @return the default check
     */
    public static GradientCheck defaults() {
        return new GradientCheck(CheckMode.FULL, Precision.DOUBLE, Precision.DOUBLE.defaultRelativeTolerance(), 0,
                8, 4, 10, 1, CheckBudget.unlimited(), Execution.commonPool(), 1e-12, 256);
    }

    /**
     * The same check in another mode.
     *
     * @param mode the mode
     * @return the new configuration
     */
    public GradientCheck withMode(CheckMode mode) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check for a gradient of another precision, with that precision's default relative tolerance.
     *
     * @param precision the analytic gradient's precision
     * @return the new configuration
     */
    public GradientCheck withPrecision(Precision precision) {
        return new GradientCheck(mode, precision, precision.defaultRelativeTolerance(), absoluteTolerance,
                samplesPerBlock, directions, worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check with other tolerances.
     *
     * @param relative rtol, positive and finite
     * @param absolute atol, non-negative and finite
     * @return the new configuration
     */
    public GradientCheck withTolerances(double relative, double absolute) {
        return new GradientCheck(mode, precision, relative, absolute, samplesPerBlock, directions, worst, seed,
                budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check drawing another number of coordinates per block (sampled mode).
     *
     * @param samplesPerBlock at least 1
     * @return the new configuration
     */
    public GradientCheck withSamplesPerBlock(int samplesPerBlock) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check with another number of random directions (directional mode).
     *
     * @param directions at least 1
     * @return the new configuration
     */
    public GradientCheck withDirections(int directions) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check listing another number of worst rows.
     *
     * @param worst at least 1
     * @return the new configuration
     */
    public GradientCheck withWorst(int worst) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check with another seed.
     *
     * @param seed seeds the sample and the directions
     * @return the new configuration
     */
    public GradientCheck withSeed(long seed) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check within a budget.
     *
     * @param budget the limits
     * @return the new configuration
     */
    public GradientCheck withBudget(CheckBudget budget) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check running numeric derivatives elsewhere.
     *
     * @param execution e.g. {@link Execution#serial()}
     * @return the new configuration
     */
    public GradientCheck withExecution(Execution execution) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check with another purity tolerance.
     *
     * @param purityTolerance in [0, 1); 0 demands identical bits
     * @return the new configuration
     */
    public GradientCheck withPurityTolerance(double purityTolerance) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * The same check re-examining at most this many failing coordinates.
     *
     * @param reexamineLimit at least 1
     * @return the new configuration
     */
    public GradientCheck withReexamineLimit(int reexamineLimit) {
        return new GradientCheck(mode, precision, relativeTolerance, absoluteTolerance, samplesPerBlock, directions,
                worst, seed, budget, execution, purityTolerance, reexamineLimit);
    }

    /**
     * Checks a loss's own exact gradient, under the loss's {@link Loss#parameterBlocks() blocks}.
     *
     * @param loss the loss
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @return the report
     * @throws DimensionMismatchException if x has the wrong length
     * @throws NonFiniteParameterException if some x_i is not finite
     */
    public CheckReport check(DifferentiableLoss loss, double[] x) {
        return check(loss, x, AnalyticGradient.of(loss));
    }

    /**
     * Checks {@code gradient} against the numeric gradient of {@code loss}, under the loss's
     * {@link Loss#parameterBlocks() blocks}.
     *
     * @param loss the loss the gradient claims to differentiate
     * @param x the point, length {@code loss.dimension()}. Not modified.
     * @param gradient the gradient under test
     * @return the report
     * @throws DimensionMismatchException if x or the analytic gradient has the wrong length
     * @throws NonFiniteParameterException if some x_i is not finite
     */
    public CheckReport check(Loss loss, double[] x, AnalyticGradient gradient) {
        Objects.requireNonNull(loss, "loss");
        return check(loss, loss.parameterBlocks(), x, gradient);
    }

    /**
     * As {@link #check(Loss, double[], AnalyticGradient)} under the caller's own blocks.
     *
     * @param loss the loss
     * @param blocks the layout to name coordinates by, of the loss's dimension
     * @param x the point. Not modified.
     * @param gradient the gradient under test
     * @return the report
     * @throws DimensionMismatchException if x, the blocks or the analytic gradient have the wrong length
     * @throws NonFiniteParameterException if some x_i is not finite
     */
    public CheckReport check(Loss loss, ParameterBlocks blocks, double[] x, AnalyticGradient gradient) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(gradient, "gradient");
        int n = loss.dimension();
        if (x.length != n) {
            throw new DimensionMismatchException(x.length, n);
        }
        if (blocks.dimension() != n) {
            throw new DimensionMismatchException("parameter blocks", blocks.dimension(), n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new NonFiniteParameterException(i, x[i]);
            }
        }
        return new CheckRun(this, loss, blocks, x.clone(), gradient).run();
    }

    private static void requireAtLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
