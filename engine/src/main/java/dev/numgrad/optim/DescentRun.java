package dev.numgrad.optim;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.InputModifiedException;
import dev.numgrad.NonFiniteDerivativeException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.Words;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One run of a {@link DescentLoop}: the mutable iterate, gradient and bookkeeping. Every buffer
 * is allocated here once; a step allocates nothing but the trace's growth, which is bounded
 * ({@link TraceRecorder}).
 *
 * <p>Invariant at the top of the loop: {@code x} is iterate k, {@code loss}, {@code gradient}
 * and {@code gradientNorm} belong to it, and it is healthy (finite loss and gradient, loss
 * within the divergence limit). Before each step {@code x} is saved in {@code previous}, so a
 * step that breaks the invariant — divergence, an exception from the source, a cancellation —
 * can be undone and the run ends on the last healthy iterate.
 */
final class DescentRun {

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
    /** What x was before the source evaluated it: a source must not write into x. */
    private final double[] guard;

    private final TraceRecorder trace;

    private long startTick;
    private long evaluations;
    private double loss;
    private double gradientNorm;
    private double bestLoss = Double.NaN;
    private int bestIteration = -1;

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
        this.guard = new double[n];
        this.trace = new TraceRecorder(loop.stopping().maxIterations() + 1L);
    }

    /** Why evaluating an iterate ended the run, or null when it went well. */
    private record Stop(StopReason reason, String detail, RuntimeException failure) {
    }

    DescentResult run() {
        startTick = ticker.getAsLong();
        Stop stop = evaluate(0);
        if (stop != null) {
            return result(stop, 0, Double.NaN, Double.NaN);
        }
        bestLoss = loss;
        bestIteration = 0;
        String unhealthy = unhealthy(0, Double.POSITIVE_INFINITY);
        if (unhealthy != null) {
            // Even the start is unusable: report it as it is rather than invent an iterate.
            return result(new Stop(StopReason.DIVERGED, unhealthy, null), 0, loss, gradientNorm);
        }
        double limit = loss + loop.divergenceFactor() * Math.max(Math.abs(loss), 1);
        double previousLoss = Double.NaN;
        int k = 0;
        while (true) {
            StopReason reason = stopReason(k, previousLoss);
            if (reason != null) {
                return result(new Stop(reason, describe(reason, k), null), k, loss, gradientNorm);
            }
            System.arraycopy(x, 0, previous, 0, x.length);
            previousLoss = loss;
            double previousNorm = gradientNorm;
            double stepRate = rate(k);

            loop.clipping().clip(gradient);
            state.step(x, gradient, stepRate);
            k++;

            int bad = Vectors.firstNonFinite(x);
            if (bad >= 0) {
                // Not evaluated: a loss may throw on non-finite input, and the answer is known.
                return undo(new Stop(StopReason.DIVERGED, String.format(Locale.ROOT,
                        "step %d (learning rate %s) made x[%d] = %s", k, stepRate, bad, x[bad]), null),
                        k, previousLoss, previousNorm);
            }
            stop = evaluate(k);
            String afterStep = String.format(Locale.ROOT, " (after step %d with learning rate %s)", k, stepRate);
            if (stop == null) {
                String problem = unhealthy(k, limit);
                if (problem != null) {
                    stop = new Stop(StopReason.DIVERGED, problem + afterStep, null);
                }
            } else if (stop.reason != StopReason.CANCELLED) {
                stop = new Stop(stop.reason, stop.detail + afterStep, stop.failure);
            }
            if (stop != null) {
                // Iterate k is unusable (no gradient, or diverged): the run ends on iterate k − 1.
                return undo(stop, stop.reason == StopReason.DIVERGED ? k : k - 1, previousLoss, previousNorm);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestIteration = k;
                System.arraycopy(x, 0, best, 0, x.length);
            }
        }
    }

    /**
     * Evaluates iterate k and records it in the trace and with the listener.
     *
     * @return null on success; else why the run must end, x unchanged
     */
    private Stop evaluate(int k) {
        System.arraycopy(x, 0, guard, 0, x.length);
        double value;
        try {
            value = source.valueAndGradient(x, gradient);
        } catch (GradientCancelledException e) {
            // A numeric gradient cancelled through its token (say, Ctrl-C in the CLI).
            System.arraycopy(guard, 0, x, 0, x.length);
            return new Stop(StopReason.CANCELLED, "cancelled while evaluating iterate " + k, null);
        } catch (NonFiniteLossException | NonFiniteDerivativeException e) {
            // The source differenced a non-finite value: divergence, said precisely.
            System.arraycopy(guard, 0, x, 0, x.length);
            return new Stop(StopReason.DIVERGED, "at iterate " + k + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            System.arraycopy(guard, 0, x, 0, x.length);
            return new Stop(StopReason.FAILED, "the gradient source failed at iterate " + k + ": " + e.getMessage(), e);
        }
        int modified = Arrays.mismatch(guard, x);
        if (modified >= 0) {
            InputModifiedException e = InputModifiedException.bySource(source.toString(), k, modified, guard[modified],
                    x[modified]);
            System.arraycopy(guard, 0, x, 0, x.length);
            return new Stop(StopReason.FAILED, e.getMessage(), e);
        }
        loss = value;
        evaluations++;
        gradientNorm = Vectors.norm(gradient);
        trace.record(k, loss, gradientNorm, rate(k), ticker.getAsLong() - startTick);
        listener.onIteration(k, loss, gradientNorm);
        return null;
    }

    /** What makes iterate k unhealthy, in words, or null when it is healthy. */
    private String unhealthy(int k, double limit) {
        if (!Double.isFinite(loss)) {
            return String.format(Locale.ROOT, "the loss is %s at iterate %d", loss, k);
        }
        int bad = Vectors.firstNonFinite(gradient);
        if (bad >= 0) {
            return String.format(Locale.ROOT, "the gradient is %s at x[%d] at iterate %d although the loss %s is finite",
                    gradient[bad], bad, k, loss);
        }
        if (!Double.isFinite(gradientNorm)) {
            // Every component finite, the norm beyond the largest double (Vectors.norm rescales
            // instead of overflowing below that).
            return String.format(Locale.ROOT, "the gradient's norm overflows at iterate %d", k);
        }
        if (loss > limit) {
            return String.format(Locale.ROOT, "the loss %.6g at iterate %d rose above the divergence limit %.6g", loss, k,
                    limit);
        }
        return null;
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

    private String describe(StopReason reason, int k) {
        StoppingRules rules = loop.stopping();
        return switch (reason) {
            case GRADIENT_TOLERANCE -> String.format(Locale.ROOT, "the gradient norm %s is at most %s at iterate %d",
                    gradientNorm, rules.gradientTolerance(), k);
            case LOSS_TOLERANCE -> String.format(Locale.ROOT, "one step changed the loss by at most %s relative, at"
                    + " iterate %d", rules.lossChangeTolerance(), k);
            case MAX_ITERATIONS -> "reached " + Words.count(k, "step");
            case TIME_BUDGET -> "the time budget ran out after " + Words.count(k, "step");
            case CANCELLED -> "the thread was interrupted after " + Words.count(k, "step");
            case DIVERGED, FAILED -> throw new IllegalStateException(reason + " is not a stopping rule");
        };
    }

    private double rate(int k) {
        return loop.schedule().learningRate(k, baseRate);
    }

    /** Ends the run on the iterate before the last step. */
    private DescentResult undo(Stop stop, int steps, double previousLoss, double previousNorm) {
        System.arraycopy(previous, 0, x, 0, x.length);
        return result(stop, steps, previousLoss, previousNorm);
    }

    private DescentResult result(Stop stop, int steps, double finalLoss, double finalNorm) {
        Duration elapsed = Duration.ofNanos(ticker.getAsLong() - startTick);
        return new DescentResult(x, finalLoss, finalNorm, best, bestLoss, bestIteration, stop.reason, stop.detail,
                stop.failure, steps, evaluations, elapsed, trace.toTrace());
    }
}
