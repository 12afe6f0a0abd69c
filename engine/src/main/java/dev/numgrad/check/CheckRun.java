package dev.numgrad.check;

import dev.numgrad.NumgradException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.ParameterBlock;
import dev.numgrad.loss.ParameterBlocks;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.factory.Sets;
import org.eclipse.collections.api.list.MutableList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.api.set.MutableSet;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * One run of a {@link GradientCheck}: the analytic gradient once, the mode's comparisons, the
 * re-examination of whatever fails, the purity check, and the report. Single use.
 */
final class CheckRun {

    /** Rounding floor of a difference, in units of ε·|f(x)|/h: a loss adds many rounded terms. */
    static final double NOISE_FACTOR = 16;
    /** Components below this fraction of ‖a‖∞ are compared on that scale, not their own. */
    static final double SCALE_FLOOR = 1e-3;
    /** A direction's tolerance in standard deviations of the random-sign sum vᵀe. */
    private static final double DIRECTION_SIGMAS = 6;
    /** The kink probe's second step is the first divided by this. */
    private static final double KINK_STEP_RATIO = 16;
    /** Full mode under a budget proceeds in chunks of at least this many coordinates. */
    private static final int MIN_CHUNK = 256;

    private final GradientCheck config;
    private final Loss loss;
    private final ParameterBlocks blocks;
    /** A private copy of the caller's x; never modified. */
    private final double[] x;
    private final AnalyticGradient gradient;
    private final Precision precision;
    private final boolean delta;
    private final Spend spend;
    private final Evaluator evaluator;

    private double fx;
    private double[] a;
    /** Directional mode's scratch point: equal to x between evaluations. */
    private double[] point;
    private double floor;

    private long checked;
    private long passed;
    private long wrong;
    private long inconclusive;
    private long kinks;
    private long reexamined;
    private double largestRelativeError = Double.NaN;
    /** Every coordinate that was not a plain pass, plus the worst plain passes (bounded by {@link #passing}). */
    private final MutableList<CoordinateRow> rows = Lists.mutable.empty();
    /** The worst plain passes, a min-heap on excess holding at most {@code worst} rows. */
    private final PriorityQueue<CoordinateRow> passing = new PriorityQueue<>(Comparator.comparingDouble(CoordinateRow::excess));
    private final MutableList<DirectionRow> directionRows = Lists.mutable.empty();
    private final MutableList<String> notes = Lists.mutable.empty();
    private final MutableSet<String> float32Blocks = Sets.mutable.empty();
    private String coverage = "";
    private boolean impure;
    private boolean evaluationFailed;
    private boolean directionUnexplained;

    CheckRun(GradientCheck config, Loss loss, ParameterBlocks blocks, double[] x, AnalyticGradient gradient) {
        this.config = config;
        this.loss = loss;
        this.blocks = blocks;
        this.x = x;
        this.gradient = gradient;
        this.precision = config.precision();
        this.delta = loss instanceof DeltaLoss;
        this.spend = new Spend(config.budget());
        this.evaluator = loss.newEvaluator();
    }

    CheckReport run() {
        try {
            fx = evaluate(x);
            a = analytic();
            if (a != null) {
                floor = Math.max(SCALE_FLOOR * finiteNorm(a), Double.MIN_NORMAL);
                switch (config.mode()) {
                    case FULL -> full();
                    case SAMPLED -> sampled();
                    case DIRECTIONAL -> directional();
                }
                checkPurity();
            }
        } catch (NumgradException e) {
            evaluationFailed = true;
            notes.add("evaluation failed: " + e.getMessage());
        }
        return report();
    }

    // ---- the point and the gradient under test

    private double evaluate(double[] point) {
        spend.add(1);
        double value = evaluator.value(point);
        if (!Double.isFinite(value)) {
            throw new NonFiniteCheckException("loss '" + loss.name() + "' is " + value + " at x");
        }
        return value;
    }

    /** The analytic gradient at x, validated; null (with a note) when it is unusable. */
    private double[] analytic() {
        double[] argument = x.clone();
        double[] g = gradient.at(argument);
        if (!Arrays.equals(argument, x)) {
            impure = true;
            notes.add("the analytic gradient modified its argument x (first at " + blocks.format(firstDifference(argument, x)) + ")");
        }
        if (g == null || g.length != x.length) {
            evaluationFailed = true;
            notes.add("the analytic gradient returned " + (g == null ? "null" : "length " + g.length)
                    + ", expected length " + x.length);
            return null;
        }
        return g.clone();
    }

    private void checkPurity() {
        double again = evaluate(x);
        if (!close(again, fx, Math.abs(fx))) {
            impure = true;
            notes.add("the loss is not a pure function of x: f(x) = " + fx + ", then " + again
                    + " at the same x (purity tolerance " + config.purityTolerance() + ")");
        }
        double[] second = gradient.at(x.clone());
        if (second != null && second.length == a.length) {
            double scale = finiteNorm(a);
            for (int i = 0; i < a.length; i++) {
                if (!close(second[i], a[i], scale) && !(Double.isNaN(second[i]) && Double.isNaN(a[i]))) {
                    impure = true;
                    notes.add("the analytic gradient is not a pure function of x: " + blocks.format(i) + " was "
                            + a[i] + ", then " + second[i] + " at the same x (purity tolerance "
                            + config.purityTolerance() + ")");
                    break;
                }
            }
        }
    }

    private boolean close(double p, double q, double scale) {
        return p == q || Math.abs(p - q) <= config.purityTolerance() * scale;
    }

    // ---- full and sampled

    private void full() {
        int n = x.length;
        if (!config.budget().limited()) {
            judge(null);
            coverage = "all " + n + " coordinates";
            return;
        }
        int chunk = Math.max(MIN_CHUNK, n / 64);
        int done = 0;
        while (done < n) {
            int size = Math.min(chunk, n - done);
            if (!spend.affords(2L * size + config.execution().parallelism())) {
                break;
            }
            int[] coordinates = new int[size];
            for (int k = 0; k < size; k++) {
                coordinates[k] = done + k;
            }
            judge(coordinates);
            done += size;
        }
        coverage = done == n ? "all " + n + " coordinates"
                : done == 0 ? "no coordinates: the budget of " + spend.describeBudget() + " was reached first"
                : "coordinates " + blocks.format(0) + " to " + blocks.format(done - 1) + " (" + done + " of " + n
                        + "): the budget of " + spend.describeBudget() + " was reached";
    }

    private void sampled() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(config.seed());
        MutableIntList chosen = new IntArrayList();
        StringBuilder perBlock = new StringBuilder();
        for (ParameterBlock block : blocks.blocks()) {
            int size = block.size();
            int take = Math.min(config.samplesPerBlock(), size);
            if (take == size) {
                for (int i = block.offset(); i < block.end(); i++) {
                    chosen.add(i);
                }
            } else {
                org.eclipse.collections.api.set.primitive.MutableIntSet picked =
                        org.eclipse.collections.api.factory.primitive.IntSets.mutable.empty();
                while (picked.size() < take) {
                    picked.add(block.offset() + random.nextInt(size));
                }
                chosen.addAll(picked.toSortedArray());
            }
            perBlock.append(perBlock.isEmpty() ? "" : ", ").append(block.name()).append(' ').append(take)
                    .append(" of ").append(size);
        }
        int[] coordinates = chosen.toArray();
        if (spend.affords(2L * coordinates.length + config.execution().parallelism())) {
            judge(coordinates);
            coverage = "sampled per block (seed " + config.seed() + "): " + perBlock;
        } else {
            coverage = "no coordinates: the budget of " + spend.describeBudget() + " was reached first";
        }
    }

    /** Compares the listed coordinates (null: all) at the default step, then re-examines failures. */
    private void judge(int[] coordinates) {
        StepPolicy steps = precision.centralSteps();
        Scheme central = Scheme.central();
        GradientResult result = numeric(central, steps, coordinates);
        double[] numeric = result.values();
        int m = numeric.length;
        MutableIntList failing = new IntArrayList();
        MutableIntList failingSlots = new IntArrayList();
        for (int k = 0; k < m; k++) {
            int i = coordinates == null ? k : coordinates[k];
            double h = steps.step(central, x[i]);
            double allowed = allowed(a[i], numeric[k]);
            double noise = noise(h);
            double tolerance = allowed + noise;
            double mismatch = Math.abs(a[i] - numeric[k]);
            checked++;
            if (!Double.isFinite(a[i])) {
                wrong++;
                rows.add(row(i, numeric[k], tolerance, Verdict.WRONG, "central (analytic not finite)"));
            } else if (resolved(mismatch, allowed, noise)) {
                passed++;
                notePass(i, numeric[k], tolerance, mismatch);
            } else {
                failing.add(i);
                failingSlots.add(k);
            }
        }
        if (!failing.isEmpty()) {
            double[] failingNumeric = new double[failing.size()];
            for (int k = 0; k < failing.size(); k++) {
                failingNumeric[k] = numeric[failingSlots.get(k)];
            }
            reexamine(failing.toArray(), failingNumeric, steps);
        }
    }

    private void notePass(int i, double numeric, double tolerance, double mismatch) {
        trackRelative(i, numeric);
        double excess = mismatch / tolerance;
        if (passing.size() < config.worst() || excess > passing.peek().excess()) {
            passing.add(row(i, numeric, tolerance, Verdict.PASSED, "central"));
            if (passing.size() > config.worst()) {
                passing.poll();
            }
        }
    }

    /**
     * Failing coordinates, worst first, up to the limit: the kink probe (one-sided at h and h/16),
     * the central difference at h/16, then the adaptive scheme. Beyond the limit or the budget a
     * coordinate keeps its default-step result: wrong if a re-examined one was confirmed wrong,
     * else inconclusive.
     */
    private void reexamine(int[] failing, double[] numeric, StepPolicy steps) {
        Integer[] order = new Integer[failing.length];
        double[] excess = new double[failing.length];
        for (int k = 0; k < failing.length; k++) {
            order[k] = k;
            int i = failing[k];
            excess[k] = Math.abs(a[i] - numeric[k]) / (allowed(a[i], numeric[k]) + noise(steps.step(Scheme.central(), x[i])));
        }
        Arrays.sort(order, (p, q) -> Double.compare(excess[q], excess[p]));
        int limit = Math.min(config.reexamineLimit(), failing.length);
        // kink probe 4 + adaptive at most 2·12 evaluations per coordinate, and the workers' preparations
        while (limit > 0 && !spend.affords((long) limit * 28 + 6L * config.execution().parallelism())) {
            limit /= 2;
        }
        int[] chosen = new int[limit];
        for (int k = 0; k < limit; k++) {
            chosen[k] = failing[order[k]];
        }
        long wrongBefore = wrong;
        if (limit > 0) {
            int[] open = kinkProbe(chosen);
            if (open.length > 0) {
                adaptive(open);
            }
            reexamined += limit;
        }
        boolean confirmed = wrong > wrongBefore;
        for (int k = limit; k < failing.length; k++) {
            int slot = order[k];
            int i = failing[slot];
            double tolerance = allowed(a[i], numeric[slot]) + noise(steps.step(Scheme.central(), x[i]));
            trackRelative(i, numeric[slot]);
            if (confirmed) {
                wrong++;
                rows.add(row(i, numeric[slot], tolerance, Verdict.WRONG, "central, not re-examined"));
            } else {
                inconclusive++;
                rows.add(row(i, numeric[slot], tolerance, Verdict.INCONCLUSIVE, "central, not re-examined"));
            }
        }
        if (limit < failing.length) {
            notes.add((failing.length - limit) + " failing coordinates were not re-examined ("
                    + (spend.exhausted() ? "budget of " + spend.describeBudget() : "re-examine limit " + config.reexamineLimit())
                    + "); they keep their default-step result");
        }
    }

    /** One-sided differences at h and h/16; returns the coordinates still undecided. */
    private int[] kinkProbe(int[] coordinates) {
        double r = precision.relativeStep();
        StepPolicy coarse = StepPolicy.relative(r);
        StepPolicy fine = StepPolicy.relative(r / KINK_STEP_RATIO);
        double[] forward = numeric(Scheme.forward(), coarse, coordinates).values();
        double[] backward = numeric(Scheme.backward(), coarse, coordinates).values();
        double[] forwardFine = numeric(Scheme.forward(), fine, coordinates).values();
        double[] backwardFine = numeric(Scheme.backward(), fine, coordinates).values();
        MutableIntList open = new IntArrayList();
        for (int k = 0; k < coordinates.length; k++) {
            int i = coordinates[k];
            double jump = forward[k] - backward[k];
            double jumpFine = forwardFine[k] - backwardFine[k];
            double centralFine = 0.5 * (forwardFine[k] + backwardFine[k]);
            double noiseFine = noise(fine.step(Scheme.forward(), x[i]));
            double allowedFine = allowed(a[i], centralFine);
            if (Math.abs(jumpFine) > 2 * (allowedFine + noiseFine) && Math.abs(jumpFine) > 0.25 * Math.abs(jump)) {
                kinks++;
                trackRelative(i, centralFine);
                rows.add(row(i, centralFine, allowedFine + noiseFine, Verdict.KINK, String.format(java.util.Locale.ROOT,
                        "one-sided %.6g | %.6g", backwardFine[k], forwardFine[k])));
            } else if (resolved(Math.abs(a[i] - centralFine), allowedFine, noiseFine)) {
                passed++;
                trackRelative(i, centralFine);
                rows.add(row(i, centralFine, allowedFine + noiseFine, Verdict.PASSED, "central h/16"));
            } else {
                open.add(i);
            }
        }
        return open.toArray();
    }

    /** The adaptive scheme's best value and its error estimate decide what is left. */
    private void adaptive(int[] coordinates) {
        StepPolicy steps = precision == Precision.DOUBLE ? StepPolicy.scaledToScheme() : StepPolicy.relative(0x1p-3);
        GradientResult result = numeric(Scheme.adaptive(), steps, coordinates);
        double[] values = result.values();
        double[] errors = result.errors().orElseThrow();
        for (int k = 0; k < coordinates.length; k++) {
            int i = coordinates[k];
            double noise = errors[k] + noise(steps.step(Scheme.adaptive(), x[i]));
            double allowed = allowed(a[i], values[k]);
            double mismatch = Math.abs(a[i] - values[k]);
            double tolerance = allowed + noise;
            trackRelative(i, values[k]);
            Verdict verdict;
            if (resolved(mismatch, allowed, noise)) {
                verdict = Verdict.PASSED;
                passed++;
            } else if (mismatch <= precision.inconclusiveBand() * tolerance
                    || (noise > allowed && mismatch <= 10 * noise)) {
                verdict = Verdict.INCONCLUSIVE;
                inconclusive++;
                if (precision == Precision.FLOAT32) {
                    float32Blocks.add(blocks.blockOf(i).name());
                }
            } else {
                verdict = Verdict.WRONG;
                wrong++;
            }
            rows.add(row(i, values[k], tolerance, verdict, "adaptive"));
        }
    }

    // ---- directional

    private void directional() {
        int n = x.length;
        double[] v = new double[n];
        double[] weights = blockWeights();
        double xScale = 1;
        for (double xi : x) {
            xScale = Math.max(xScale, Math.abs(xi));
        }
        double h = precision.relativeStep() * xScale;
        java.util.SplittableRandom random = new java.util.SplittableRandom(config.seed());
        long narrowed = 0;
        boolean confirmed = false;
        org.eclipse.collections.api.set.primitive.MutableIntSet judged =
                org.eclipse.collections.api.factory.primitive.IntSets.mutable.empty();
        int done = 0;
        for (int d = 0; d < config.directions(); d++) {
            if (!spend.affords(2)) {
                break;
            }
            for (int b = 0; b < blocks.size(); b++) {
                ParameterBlock block = blocks.get(b);
                for (int i = block.offset(); i < block.end(); i++) {
                    v[i] = Double.isFinite(a[i]) ? (random.nextBoolean() ? weights[b] : -weights[b]) : 0;
                }
            }
            done++;
            Probe whole = probe(v, 0, n, h);
            if (whole.mismatch() <= whole.tolerance) {
                directionRows.add(new DirectionRow(d, whole.analytic, whole.numeric, whole.mismatch(), whole.tolerance,
                        Verdict.PASSED));
                continue;
            }
            double tolerance = whole.tolerance;
            double numeric = whole.numeric;
            if (!confirmed) {
                // re-examine along v with the adaptive scheme before calling the direction wrong;
                // once a wrong coordinate is established this is spent no more
                double[] error = new double[1];
                double adaptiveStep = (precision == Precision.DOUBLE ? 0x1p-6 : 0x1p-3) * xScale;
                numeric = Scheme.adaptive().derivative(t -> along(v, 0, n, t), 0, adaptiveStep, error, 0);
                tolerance += error[0];
            }
            double mismatch = Math.abs(whole.analytic - numeric);
            // no float32 band here: a direction only screens; the coordinates it narrows to get the verdicts
            Verdict verdict = mismatch <= tolerance ? Verdict.PASSED : Verdict.WRONG;
            directionRows.add(new DirectionRow(d, whole.analytic, numeric, mismatch, tolerance, verdict));
            // narrow every wrong direction until `worst` wrong coordinates are known: errors of
            // opposite signs can cancel in one direction's residuals and not in another's
            if (verdict == Verdict.WRONG && wrong < config.worst()) {
                MutableIntList fresh = new IntArrayList();
                for (int i : narrow(v, h, whole.analytic - numeric)) {
                    if (judged.add(i)) {
                        fresh.add(i);
                    }
                }
                narrowed += fresh.size();
                long wrongBefore = wrong;
                if (!fresh.isEmpty()) {
                    judge(fresh.toSortedArray());
                }
                confirmed |= wrong > wrongBefore;
            }
        }
        // non-finite analytic components are wrong whatever the directions say (v skipped them)
        MutableIntList nonFinite = new IntArrayList();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i]) && !judged.contains(i)) {
                nonFinite.add(i);
            }
        }
        if (!nonFinite.isEmpty()) {
            judge(nonFinite.toArray());
            confirmed = true;
        }
        confirmed |= wrong > 0;
        if (!confirmed && directionRows.anySatisfy(row -> row.verdict() == Verdict.WRONG)) {
            directionUnexplained = true;
            notes.add("a direction mismatched, but none of the coordinates it was narrowed to is wrong"
                    + (kinks > 0 ? " (kinks: x is at a non-differentiable point)" : ""));
        }
        coverage = done + " of " + config.directions() + " directions (seed " + config.seed() + ", 2 evaluations each)"
                + (narrowed > 0 ? "; narrowed to " + narrowed + " coordinates" : "")
                + (done < config.directions() ? "; the budget of " + spend.describeBudget() + " was reached" : "");
    }

    /**
     * Per-block scale of the direction's entries: c_B = √(smallest block size / |B|), so every
     * block contributes about the same to ‖v‖² and a bias is not swamped by a weight matrix; the
     * smallest block's entries are ±1.
     */
    private double[] blockWeights() {
        int smallest = Integer.MAX_VALUE;
        for (ParameterBlock block : blocks.blocks()) {
            smallest = Math.min(smallest, block.size());
        }
        double[] weights = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            weights[b] = Math.sqrt((double) smallest / blocks.get(b).size());
        }
        return weights;
    }

    /**
     * The comparison restricted to v's entries in [lo, hi): vᵀa there against the central
     * difference along them. The tolerance scales with ‖v ⊙ s‖₂ (s_i the coordinate scales), not
     * Σ|v_i·s_i|: v's signs are random, so per-coordinate errors e_i add up to vᵀe of standard
     * deviation ‖v ⊙ e‖₂; six of those keep a correct gradient from failing while one wrong
     * coordinate among a million stays visible.
     */
    private Probe probe(double[] v, int lo, int hi, double h) {
        double analytic = 0;
        double scale = 0;
        double length = 0;
        for (int i = lo; i < hi; i++) {
            analytic += v[i] * a[i];
            double si = v[i] * Math.max(Math.abs(a[i]), floor);
            scale += si * si;
            length += v[i] * v[i];
        }
        double plus = along(v, lo, hi, h);
        double minus = along(v, lo, hi, -h);
        double numeric = (plus - minus) / (2 * h);
        double tolerance = DIRECTION_SIGMAS * (config.relativeTolerance() * Math.sqrt(scale)
                + config.absoluteTolerance() * Math.sqrt(length))
                + NOISE_FACTOR * precision.epsilon() * Math.max(Math.abs(fx), Math.max(Math.abs(plus), Math.abs(minus))) / h;
        return new Probe(analytic, numeric, tolerance);
    }

    /**
     * f(x + t·v restricted to [lo, hi)), one black-box evaluation, in a scratch copy of x that is
     * perturbed and restored over [lo, hi) only: a bisection step costs O(hi − lo), not O(n).
     */
    private double along(double[] v, int lo, int hi, double t) {
        if (point == null) {
            point = x.clone();
        }
        for (int i = lo; i < hi; i++) {
            point[i] = x[i] + t * v[i];
        }
        try {
            return evaluate(point);
        } finally {
            System.arraycopy(x, lo, point, lo, hi - lo);
        }
    }

    /**
     * Bisects a failing direction to its worst coordinates. The residual r(S) = v_Sᵀa − D_{v_S}f
     * is additive over disjoint parts, so of a part's two halves only one needs a probe (2
     * evaluations): the other's residual is the difference. Each of up to {@code worst} descents
     * starts at the block with the largest residual and follows the half with the larger one down
     * to a single coordinate; the coordinate found is then taken out (its residual subtracted
     * from every part above it), so the next descent finds the next one. Residuals are
     * remembered, so a descent probes at most one half per level: O(worst·log n) evaluations,
     * never a full recompute.
     */
    private int[] narrow(double[] v, double h, double wholeResidual) {
        java.util.Map<Long, double[]> residuals = new java.util.HashMap<>();
        int[] starts = new int[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            starts[b] = block.offset();
            double r = blocks.size() == 1 ? wholeResidual
                    : spend.affords(2) ? probe(v, block.offset(), block.end(), h).residual() : 0;
            residuals.put(key(block.offset(), block.end()), new double[] {r});
        }
        MutableIntList found = new IntArrayList();
        java.util.List<double[]> path = new java.util.ArrayList<>();
        while (found.size() < config.worst()) {
            ParameterBlock best = null;
            for (ParameterBlock block : blocks.blocks()) {
                double r = residuals.get(key(block.offset(), block.end()))[0];
                if (r != 0 && (best == null || Math.abs(r) > Math.abs(residuals.get(key(best.offset(), best.end()))[0]))) {
                    best = block;
                }
            }
            if (best == null) {
                break;
            }
            path.clear();
            int lo = best.offset();
            int hi = best.end();
            double[] node = residuals.get(key(lo, hi));
            path.add(node);
            boolean stopped = false;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                double[] left = residuals.get(key(lo, mid));
                double[] right = residuals.get(key(mid, hi));
                if (left == null || right == null) {
                    if (!spend.affords(2)) {
                        stopped = true;
                        break;
                    }
                    double measured = probe(v, lo, mid, h).residual();
                    left = new double[] {measured};
                    right = new double[] {node[0] - measured};
                    residuals.put(key(lo, mid), left);
                    residuals.put(key(mid, hi), right);
                }
                if (Math.abs(left[0]) >= Math.abs(right[0])) {
                    hi = mid;
                    node = left;
                } else {
                    lo = mid;
                    node = right;
                }
                path.add(node);
            }
            if (stopped) {
                break;
            }
            found.add(lo);
            double taken = node[0];
            for (double[] part : path) {
                part[0] -= taken;
            }
            node[0] = 0;
        }
        return found.toArray();
    }

    private static long key(int lo, int hi) {
        return ((long) lo << 32) | hi;
    }

    /** One directional comparison. */
    private record Probe(double analytic, double numeric, double tolerance) {
        double mismatch() {
            return Math.abs(analytic - numeric);
        }

        double residual() {
            return analytic - numeric;
        }
    }

    // ---- shared arithmetic

    private GradientResult numeric(Scheme scheme, StepPolicy steps, int[] coordinates) {
        NumericGradient engine = new NumericGradient(scheme, steps, delta ? Mode.DELTA : Mode.BLACK_BOX,
                config.execution(), ProgressListener.NONE, CancellationToken.none());
        GradientResult result = coordinates == null ? engine.compute(loss, x) : engine.computeCoordinates(loss, x, coordinates);
        spend.add(result.evaluations());
        return result;
    }

    /**
     * Whether a comparison passes: within the allowed mismatch, or within allowed + noise when the
     * noise is no larger than what is allowed. A mismatch that only the noise excuses, when the
     * noise exceeds the tolerance, proves nothing: it goes on to a re-examination at other steps.
     */
    private static boolean resolved(double mismatch, double allowed, double noise) {
        return mismatch <= allowed || (noise <= allowed && mismatch <= allowed + noise);
    }

    /** rtol·max(|a|, |n|, floor) + atol: the mismatch the user allows. */
    private double allowed(double analytic, double numeric) {
        return config.relativeTolerance() * scale(analytic, numeric) + config.absoluteTolerance();
    }

    private double scale(double analytic, double numeric) {
        return Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), floor);
    }

    /** The rounding floor of a central difference at step h: 16·ε·|f(x)|/h. */
    private double noise(double h) {
        return NOISE_FACTOR * precision.epsilon() * Math.abs(fx) / h;
    }

    private void trackRelative(int i, double numeric) {
        double relative = Math.abs(a[i] - numeric) / scale(a[i], numeric);
        if (Double.isNaN(largestRelativeError) || relative > largestRelativeError || Double.isNaN(relative)) {
            largestRelativeError = relative;
        }
    }

    private CoordinateRow row(int i, double numeric, double tolerance, Verdict verdict, String how) {
        double absolute = Math.abs(a[i] - numeric);
        if (!Double.isFinite(a[i])) {
            absolute = Double.NaN;
            largestRelativeError = Double.POSITIVE_INFINITY;
        }
        ParameterBlock block = blocks.blockOf(i);
        return new CoordinateRow(i, block.format(i), block.name(), a[i], numeric, absolute,
                absolute / scale(a[i], numeric), tolerance, verdict, how);
    }

    private static double finiteNorm(double[] values) {
        double norm = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                norm = Math.max(norm, Math.abs(value));
            }
        }
        return norm;
    }

    private static int firstDifference(double[] p, double[] q) {
        for (int i = 0; i < p.length; i++) {
            if (Double.doubleToRawLongBits(p[i]) != Double.doubleToRawLongBits(q[i])) {
                return i;
            }
        }
        return 0;
    }

    // ---- the report

    private CheckReport report() {
        if (kinks > 0) {
            notes.add(kinks + " coordinate" + (kinks == 1 ? " sits" : "s sit")
                    + " at a kink (one-sided differences disagree even at h/16): a non-differentiable point such as"
                    + " ReLU(0), max or abs, where any subgradient is acceptable; labelled KINK, not WRONG");
        }
        if (!float32Blocks.isEmpty()) {
            notes.add("inconclusive in float32: check block" + (float32Blocks.size() == 1 ? " " : "s ")
                    + float32Blocks.toSortedList().makeString(", ") + " in double");
        }
        Outcome outcome;
        if (wrong > 0 || impure || evaluationFailed) {
            outcome = Outcome.FAILED;
        } else if (inconclusive > 0 || directionUnexplained
                || directionRows.anySatisfy(row -> row.verdict() == Verdict.INCONCLUSIVE)
                || spend.exhausted() && checked == 0 && directionRows.isEmpty()) {
            outcome = Outcome.INCONCLUSIVE;
        } else {
            outcome = Outcome.PASSED;
        }
        MutableList<CoordinateRow> all = Lists.mutable.withAll(rows).withAll(passing);
        all.sortThis(Comparator.comparingInt((CoordinateRow row) -> -severity(row.verdict()))
                .thenComparing(Comparator.comparingDouble(CoordinateRow::excess).reversed()));
        String step = precision == Precision.DOUBLE ? "2^-18·max(|x_i|, 1)" : "2^-8·max(|x_i|, 1)";
        return new CheckReport(outcome, config.mode(), precision, loss.name(), blocks.toString(), x.length, checked,
                passed, wrong, inconclusive, kinks, reexamined, largestRelativeError,
                all.take(config.worst()).toImmutable(), directionRows.toImmutable(), notes.toImmutable(),
                coverage.isEmpty() ? "nothing: the check stopped before comparing" : coverage,
                delta ? "delta" : "black-box", step, config.relativeTolerance(), config.absoluteTolerance(),
                config.seed(), spend.evaluations(), Duration.ofNanos(spend.elapsedNanos()));
    }

    private static int severity(Verdict verdict) {
        return switch (verdict) {
            case WRONG -> 3;
            case KINK -> 2;
            case INCONCLUSIVE -> 1;
            case PASSED -> 0;
        };
    }

    /** The loss was not finite at x itself: nothing can be compared. */
    static final class NonFiniteCheckException extends NumgradException {
        NonFiniteCheckException(String message) {
            super(message);
        }
    }
}
