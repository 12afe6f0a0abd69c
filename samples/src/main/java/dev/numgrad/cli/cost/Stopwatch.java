package dev.numgrad.cli.cost;

import java.util.Arrays;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

/**
 * Median timings of calls too short or too long to time once. Short calls (a loss evaluation of a
 * small network takes microseconds) are timed in batches long enough for {@link System#nanoTime()}
 * to resolve; every call is warmed up first so that the JIT has compiled it.
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
    private static final int MIN_BATCHES = 5;
    private static final int MAX_BATCHES = 41;
    private static final double TIMED_SECONDS = 0.05;

    private Stopwatch() {
    }

    /**
     * The median seconds of one call of {@code call}, warmed up and timed in batches.
     *
     * @param call what to time; its result is kept from the optimiser
     * @return seconds per call, positive
     * @throws IllegalStateException if the calls' values do not add up to a finite number
     */
    static double medianOfShortCalls(java.util.function.DoubleSupplier call) {
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
        return positive(median(perBatch.toArray()));
    }

    /**
     * The median seconds of {@code runs} timed calls after {@code warmups} untimed ones.
     *
     * @param call what to time; each call must do the same work
     * @param warmups untimed calls first, at least 0
     * @param runs timed calls, at least 1
     * @return seconds per call, positive
     */
    static double median(Runnable call, int warmups, int runs) {
        for (int k = 0; k < warmups; k++) {
            call.run();
        }
        double[] seconds = new double[runs];
        for (int k = 0; k < runs; k++) {
            long t = System.nanoTime();
            call.run();
            seconds[k] = seconds(t);
        }
        return positive(median(seconds));
    }

    /** @param values at least one. Modified: sorted. */
    static double median(double[] values) {
        Arrays.sort(values);
        int mid = values.length >>> 1;
        return values.length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    /** A clock that did not tick still took time: the smallest time it can resolve. */
    private static double positive(double seconds) {
        return Math.max(seconds, 1e-9);
    }
}
