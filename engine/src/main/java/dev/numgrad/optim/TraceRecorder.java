package dev.numgrad.optim;

import java.util.Arrays;
import org.eclipse.collections.impl.factory.primitive.DoubleLists;
import org.eclipse.collections.impl.factory.primitive.IntLists;
import org.eclipse.collections.impl.factory.primitive.LongLists;

/**
 * Records a run's trace in memory bounded by {@link DescentTrace#MAX_ROWS}, however many steps
 * the run takes: a run of a billion cheap steps must not fail for a trace it cannot hold.
 *
 * <p>Thinning: rows are kept for the iterates whose index is a multiple of the stride (at first
 * 1: every iterate). When the buffer is full, every other kept row is dropped and the stride
 * doubles, so the kept rows stay evenly spread over the whole run. The last evaluated iterate
 * (where the run stopped or diverged) is always kept, whatever the stride.
 */
final class TraceRecorder {

    private int[] iteration;
    private double[] loss;
    private double[] gradientNorm;
    private double[] learningRate;
    private long[] elapsedNanos;
    private int size;
    private int stride = 1;

    /** The last evaluated iterate, kept even when the stride skips it. */
    private int lastIteration = -1;
    private double lastLoss;
    private double lastNorm;
    private double lastRate;
    private long lastElapsed;

    /** @param expectedRows rows the run will make at most (its step limit + 1), for the first allocation */
    TraceRecorder(long expectedRows) {
        int capacity = (int) Math.max(1, Math.min(Math.min(expectedRows, 1 << 12), DescentTrace.MAX_ROWS));
        iteration = new int[capacity];
        loss = new double[capacity];
        gradientNorm = new double[capacity];
        learningRate = new double[capacity];
        elapsedNanos = new long[capacity];
    }

    void record(int k, double f, double norm, double rate, long elapsed) {
        lastIteration = k;
        lastLoss = f;
        lastNorm = norm;
        lastRate = rate;
        lastElapsed = elapsed;
        if (k % stride != 0) {
            return;
        }
        if (size == iteration.length) {
            if (size < DescentTrace.MAX_ROWS) {
                grow(Math.min(DescentTrace.MAX_ROWS, 2 * size));
            } else {
                thin();
                if (k % stride != 0) {
                    return;
                }
            }
        }
        append(k, f, norm, rate, elapsed);
    }

    DescentTrace toTrace() {
        boolean lastKept = size > 0 && iteration[size - 1] == lastIteration;
        int rows = size + (lastIteration < 0 || lastKept ? 0 : 1);
        int[] it = Arrays.copyOf(iteration, rows);
        double[] f = Arrays.copyOf(loss, rows);
        double[] norm = Arrays.copyOf(gradientNorm, rows);
        double[] rate = Arrays.copyOf(learningRate, rows);
        long[] elapsed = Arrays.copyOf(elapsedNanos, rows);
        if (rows > size) {
            it[size] = lastIteration;
            f[size] = lastLoss;
            norm[size] = lastNorm;
            rate[size] = lastRate;
            elapsed[size] = lastElapsed;
        }
        return new DescentTrace(IntLists.immutable.with(it), DoubleLists.immutable.with(f),
                DoubleLists.immutable.with(norm), DoubleLists.immutable.with(rate), LongLists.immutable.with(elapsed));
    }

    private void append(int k, double f, double norm, double rate, long elapsed) {
        iteration[size] = k;
        loss[size] = f;
        gradientNorm[size] = norm;
        learningRate[size] = rate;
        elapsedNanos[size] = elapsed;
        size++;
    }

    private void grow(int capacity) {
        iteration = Arrays.copyOf(iteration, capacity);
        loss = Arrays.copyOf(loss, capacity);
        gradientNorm = Arrays.copyOf(gradientNorm, capacity);
        learningRate = Arrays.copyOf(learningRate, capacity);
        elapsedNanos = Arrays.copyOf(elapsedNanos, capacity);
    }

    /** Keeps the rows at multiples of twice the stride (row 0, iterate 0, among them). */
    private void thin() {
        stride *= 2;
        int kept = 0;
        for (int row = 0; row < size; row++) {
            if (iteration[row] % stride == 0) {
                iteration[kept] = iteration[row];
                loss[kept] = loss[row];
                gradientNorm[kept] = gradientNorm[row];
                learningRate[kept] = learningRate[row];
                elapsedNanos[kept] = elapsedNanos[row];
                kept++;
            }
        }
        size = kept;
    }
}
