package dev.numgrad.fd;

/**
 * Central differences over a shrinking sequence of steps, extrapolated to h → 0, keeping per
 * coordinate the entry with the smallest estimated error and returning that estimate: Ridders'
 * method (Numerical Recipes §5.7), the idea behind numdifftools.
 *
 * <p>Why: every fixed step is wrong for some coordinate. The default central step ∛ε·max(|x|, 1)
 * is far too large for exp(−500·x), whose derivative changes by a factor e over 0.002 (the central
 * difference at h = 4e-6 is off by 2.5e-6 relative; at 2e-3 by 4%), and too small where |f| is huge
 * next to its slope, such as (x − 10⁶)² near 0, where rounding ε·|f|/h swamps it. This scheme does
 * not guess: it differences at h, h/2, …, h/2^(steps−1) (h from the {@link StepPolicy}, which for
 * this scheme's order 8 starts at ε^(1/9) ≈ 2^-6 times the coordinate's scale), builds a Neville
 * tableau that cancels the h², h⁴ and h⁶ error terms, and watches where successive entries stop
 * agreeing.
 *
 * <p>The tableau: T[k][0] = D(h/2^k), the central difference, and
 * T[k][j] = T[k][j−1] + (T[k][j−1] − T[k−1][j−1]) / (4^j − 1) for j ≤ 3. The error estimate of
 * T[k][j] is the larger of its distances to its two parents, plus the rounding floor
 * 8·ε·max|f|/h_k of the row; the entry with the smallest estimate wins. Once a row's best estimate
 * exceeds 4 times the best so far (rounding has taken over), the remaining steps are skipped. On
 * exp at 1 with the default step this gives f'(1) to about 1e-14 with an estimate of about 1e-13.
 *
 * <p>Cost: 2 evaluations per step, at most {@code 2·steps} per coordinate (24 for
 * {@link Scheme#adaptive()}); {@link #evaluationsPerCoordinate()} is that upper bound. It is meant
 * for re-examining a few coordinates, as the gradient checker does, not for whole gradients.
 * Allocation-free: the tableau's two rows live in local variables.
 *
 * @param steps number of steps in the sequence, 2 to 30; with 4 the result is the fully
 *     extrapolated T[3][3], an eighth-order formula
 */
public record AdaptiveCentral(int steps) implements Scheme {

    /** Extrapolation columns beyond the plain central difference: orders 4, 6 and 8. */
    private static final int EXTRAPOLATIONS = 3;
    /** Rounding floor of a row, in units of ε·max|f|/h: the tableau amplifies noise by about 2. */
    private static final double ROUNDING_FACTOR = 8;
    /** Stop once a row is this much worse than the best entry: rounding has taken over. */
    private static final double GROWTH_LIMIT = 4;

    /**
     * Validates the number of steps.
     *
     * @throws IllegalArgumentException if steps is not in [2, 30]
     */
    public AdaptiveCentral {
        if (steps < 2 || steps > 30) {
            throw new IllegalArgumentException("adaptive scheme steps must be in [2, 30], got " + steps);
        }
    }

    /** @return {@code "adaptive"} */
    @Override
    public String id() {
        return "adaptive";
    }

    /**
     * The order of the fully extrapolated entry: 8 with at least 4 steps, else 2·steps.
     *
     * @return the order
     */
    @Override
    public int order() {
        return 2 * Math.min(steps, EXTRAPOLATIONS + 1);
    }

    /**
     * An upper bound: the scheme stops early once rounding dominates.
     *
     * @return {@code 2·steps}
     */
    @Override
    public int evaluationsPerCoordinate() {
        return 2 * steps;
    }

    /** @return false */
    @Override
    public boolean usesBaseValue() {
        return false;
    }

    /** @return true */
    @Override
    public boolean estimatesError() {
        return true;
    }

    /** @return 1: the first step is the largest */
    @Override
    public double reach() {
        return 1;
    }

    @Override
    public double derivative(CoordinateProbe probe, double base, double h) {
        return derivative(probe, base, h, null, 0);
    }

    @Override
    public double derivative(CoordinateProbe probe, double base, double h, double[] errorOut, int i) {
        // the previous row of the tableau, columns 0..3, and the current one
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double best = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        double step = h;
        for (int k = 0; k < steps; k++, step *= 0.5) {
            double plus = probe.at(step);
            double minus = probe.at(-step);
            double c0 = (plus - minus) / (2 * step);
            double rounding = ROUNDING_FACTOR * Math.ulp(1.0)
                    * Math.max(Math.max(Math.abs(plus), Math.abs(minus)), Math.abs(base)) / step;
            double rowError = Double.POSITIVE_INFINITY;
            double rowBest = c0;
            double c1 = 0;
            double c2 = 0;
            if (k >= 1) {
                c1 = c0 + (c0 - p0) / 3;
                double e1 = Math.max(Math.abs(c1 - c0), Math.abs(c1 - p0)) + rounding;
                if (e1 < rowError) {
                    rowError = e1;
                    rowBest = c1;
                }
            }
            if (k >= 2) {
                c2 = c1 + (c1 - p1) / 15;
                double e2 = Math.max(Math.abs(c2 - c1), Math.abs(c2 - p1)) + rounding;
                if (e2 < rowError) {
                    rowError = e2;
                    rowBest = c2;
                }
            }
            if (k >= EXTRAPOLATIONS) {
                double c3 = c2 + (c2 - p2) / 63;
                double e3 = Math.max(Math.abs(c3 - c2), Math.abs(c3 - p2)) + rounding;
                if (e3 < rowError) {
                    rowError = e3;
                    rowBest = c3;
                }
            }
            if (k == 0) {
                best = c0; // a single difference has no estimate yet
            } else if (rowError < bestError) {
                bestError = rowError;
                best = rowBest;
            } else if (k > EXTRAPOLATIONS && rowError > GROWTH_LIMIT * bestError) {
                break;
            }
            p0 = c0;
            p1 = c1;
            p2 = c2;
        }
        if (errorOut != null) {
            errorOut[i] = bestError;
        }
        return best;
    }
}
