package dev.numgrad.cli.cost;

import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

/**
 * Timings of calls too short to time once. A loss evaluation of a small network takes
 * microseconds, so calls are timed in batches long enough for {@link System#nanoTime()} to
 * resolve, after a warm-up that lets the JIT compile them, and the <em>fastest</em> batch counts:
 * on a machine shared with other work a batch can only be slowed down (descheduled, its caches
 * evicted), never sped up, so the minimum is the least disturbed estimate of what a call costs,
 * and on an idle machine it is within a few percent of the median.
 */
final class Stopwatch {

    /** A batch should last at least this long, far above the clock's resolution. */
    private static final double BATCH_SECONDS = 1e-3;
    /** Warm-up chunks: at least this long (and at least {@link #WARMUP_CALLS} calls) each. */
    private static final double WARMUP_SECONDS = 0.02;
    private static final int WARMUP_CALLS = 3;
    /** Warm-up ends when a chunk is no more than this much faster per call than the last. */
    private static final double SETTLED_RATIO = 0.95;
    private static final double MAX_WARMUP_SECONDS = 1.0;
    /** Timed batches: at least this many, and at least {@link #TIMED_SECONDS} in all. */
    private static final int MIN_BATCHES = 10;
    private static final int MAX_BATCHES = 41;
    private static final double TIMED_SECONDS = 0.05;

    private Stopwatch() {
    }

    /**
     * The seconds of one call of {@code call}: warmed up, timed in batches, the fastest batch.
     *
     * @param call what to time; its result is kept from the optimiser
     * @return seconds per call, positive
     * @throws IllegalStateException if the calls' values do not add up to a finite number
     */
    static double fastestOfShortCalls(java.util.function.DoubleSupplier call) {
        double sink = 0;
        // Warm up in chunks until a chunk is no faster per call than the one before: the JIT has
        // then compiled what it will (bounded, so a noisy machine cannot stall the sweep).
        long start = System.nanoTime();
        double perCall = Double.POSITIVE_INFINITY;
        while (seconds(start) < MAX_WARMUP_SECONDS) {
            long chunk = System.nanoTime();
            int calls = 0;
            while (calls < WARMUP_CALLS || seconds(chunk) < WARMUP_SECONDS) {
                sink += call.getAsDouble();
                calls++;
            }
            double chunkPerCall = seconds(chunk) / calls;
            boolean settled = chunkPerCall > SETTLED_RATIO * perCall;
            perCall = Math.min(perCall, chunkPerCall);
            if (settled) {
                break;
            }
        }
        int batch = (int) Math.max(1, Math.min(1_000_000, Math.ceil(BATCH_SECONDS / perCall)));
        MutableDoubleList perBatch = new DoubleArrayList();
        long timed = System.nanoTime();
        while (perBatch.size() < MIN_BATCHES || (seconds(timed) < TIMED_SECONDS && perBatch.size() < MAX_BATCHES)) {
            long t = System.nanoTime();
            for (int k = 0; k < batch; k++) {
                sink += call.getAsDouble();
            }
            perBatch.add(seconds(t) / batch);
        }
        // Using the results keeps the JIT from dropping the calls, and catches a broken loss.
        if (!Double.isFinite(sink)) {
            throw new IllegalStateException("the timed call returned a non-finite value: " + sink);
        }
        return positive(perBatch.min());
    }

    /**
     * The seconds of one call of {@code call}, for work long enough (a second or more) to time once.
     *
     * @param call what to time
     * @return its seconds, positive
     */
    static double once(Runnable call) {
        long t = System.nanoTime();
        call.run();
        return positive(seconds(t));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    /** A clock that did not tick still took time: the smallest time it can resolve. */
    private static double positive(double seconds) {
        return Math.max(seconds, 1e-9);
    }
}
