package dev.numgrad.optim;

import dev.numgrad.GradientCancelledException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.api.list.primitive.MutableLongList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * One run of a {@link DescentLoop}: the mutable iterate, gradient and bookkeeping. Every buffer
 * is allocated here once; a step allocates nothing but the trace's amortised growth.
 *
 * <p>Invariant at the top of the loop: {@code x} is iterate k, {@code loss}, {@code gradient}
 * and {@code gradientNorm} belong to it, and it is healthy (finite loss and gradient, loss
 * within the divergence limit). Before each step {@code x} is saved in {@code previous}, so a
 * step that breaks the invariant can be undone.
 */
final class DescentRun {

    /** Trace rows reserved up front; longer runs grow the lists. */
    private static final int INITIAL_TRACE_CAPACITY = 1 << 12;

    private final DescentLoop loop;
    private final GradientSource source;
    private final DescentListener listener;
    private final LongSupplier ticker;
    private final OptimizerState state;
    private final double baseRate;

    private final double[] x;
    private final double[] gradient;
    private final double[] previous;
    private final double[] best;

    private final MutableDoubleList traceLoss;
    private final MutableDoubleList traceGradientNorm;
    private final MutableDoubleList traceRate;
    private final MutableLongList traceElapsed;

    private long startTick;
    private long evaluations;
    private double loss;
    private double gradientNorm;
    private double bestLoss;
    private int bestIteration;

    DescentRun(DescentLoop loop, GradientSource source, double[] start, DescentListener listener, LongSupplier ticker) {
        this.loop = loop;
        this.source = source;
        this.listener = listener;
        this.ticker = ticker;
        this.baseRate = loop.optimizer().learningRate();
        int n = start.length;
        this.state = loop.optimizer().newState(n);
        this.x = start.clone();
        this.gradient = new double[n];
        this.previous = new double[n];
        this.best = start.clone();
        int capacity = (int) Math.min(INITIAL_TRACE_CAPACITY, loop.stopping().maxIterations() + 1L);
        this.traceLoss = new DoubleArrayList(capacity);
        this.traceGradientNorm = new DoubleArrayList(capacity);
        this.traceRate = new DoubleArrayList(capacity);
        this.traceElapsed = new LongArrayList(capacity);
    }

    DescentResult run() {
        startTick = ticker.getAsLong();
        try {
            evaluate(0);
        } catch (GradientCancelledException e) {
            return result(StopReason.CANCELLED, 0, Double.NaN, Double.NaN);
        }
        bestLoss = loss;
        bestIteration = 0;
        if (!healthy(Double.POSITIVE_INFINITY)) {
            // Even the start is unusable: report it as it is rather than invent an iterate.
            return result(StopReason.DIVERGED, 0, loss, gradientNorm);
        }
        double limit = loss + loop.divergenceFactor() * Math.max(Math.abs(loss), 1);
        double previousLoss = Double.NaN;
        int k = 0;
        while (true) {
            StopReason reason = stopReason(k, previousLoss);
            if (reason != null) {
                return result(reason, k, loss, gradientNorm);
            }
            System.arraycopy(x, 0, previous, 0, x.length);
            previousLoss = loss;
            double previousNorm = gradientNorm;

            loop.clipping().clip(gradient);
            state.step(x, gradient, rate(k));
            k++;

            if (Vectors.firstNonFinite(x) >= 0) {
                // Not evaluated: a loss may throw on non-finite input, and the answer is known.
                return diverged(k, previousLoss, previousNorm);
            }
            try {
                evaluate(k);
            } catch (GradientCancelledException e) {
                // The numeric gradient was cancelled through its token (say, Ctrl-C in the
                // CLI): iterate k has no gradient, so the run ends on iterate k − 1.
                System.arraycopy(previous, 0, x, 0, x.length);
                return result(StopReason.CANCELLED, k - 1, previousLoss, previousNorm);
            }
            if (!healthy(limit)) {
                return diverged(k, previousLoss, previousNorm);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestIteration = k;
                System.arraycopy(x, 0, best, 0, x.length);
            }
        }
    }

    /** Evaluates iterate k and records it in the trace and with the listener. */
    private void evaluate(int k) {
        loss = source.valueAndGradient(x, gradient);
        evaluations++;
        gradientNorm = Vectors.norm(gradient);
        traceLoss.add(loss);
        traceGradientNorm.add(gradientNorm);
        traceRate.add(rate(k));
        traceElapsed.add(ticker.getAsLong() - startTick);
        listener.onIteration(k, loss, gradientNorm);
    }

    private boolean healthy(double limit) {
        // The norm is non-finite when some component is, or when the gradient is longer than
        // the largest double (Vectors.norm rescales instead of overflowing below that): both
        // are divergence.
        return Double.isFinite(loss) && Double.isFinite(gradientNorm) && loss <= limit;
    }

    /** The first stopping rule that holds at iterate k, or null to go on. */
    private StopReason stopReason(int k, double previousLoss) {
        StoppingRules rules = loop.stopping();
        if (rules.gradientTolerance() > 0 && gradientNorm <= rules.gradientTolerance()) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (rules.lossChangeTolerance() > 0 && k > 0) {
            double scale = Math.max(Math.max(Math.abs(loss), Math.abs(previousLoss)), 1);
            if (Math.abs(loss - previousLoss) <= rules.lossChangeTolerance() * scale) {
                return StopReason.LOSS_TOLERANCE;
            }
        }
        if (k >= rules.maxIterations()) {
            return StopReason.MAX_ITERATIONS;
        }
        if (ticker.getAsLong() - startTick >= rules.timeBudgetNanos()) {
            return StopReason.TIME_BUDGET;
        }
        if (Thread.currentThread().isInterrupted()) {
            return StopReason.CANCELLED;
        }
        return null;
    }

    private double rate(int k) {
        return loop.schedule().learningRate(k, baseRate);
    }

    private DescentResult diverged(int steps, double previousLoss, double previousNorm) {
        System.arraycopy(previous, 0, x, 0, x.length);
        return result(StopReason.DIVERGED, steps, previousLoss, previousNorm);
    }

    private DescentResult result(StopReason reason, int steps, double finalLoss, double finalNorm) {
        Duration elapsed = Duration.ofNanos(ticker.getAsLong() - startTick);
        DescentTrace trace = new DescentTrace(traceLoss.toImmutable(), traceGradientNorm.toImmutable(),
                traceRate.toImmutable(), traceElapsed.toImmutable());
        return new DescentResult(x, finalLoss, finalNorm, best, bestLoss, bestIteration, reason, steps,
                evaluations, elapsed, trace);
    }
}
