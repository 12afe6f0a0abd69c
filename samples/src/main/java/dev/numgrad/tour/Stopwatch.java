package dev.numgrad.tour;

/**
 * Times a small computation for a lesson's table: runs it until about {@link #BUDGET_NANOS} have
 * passed (at least once, at most {@link #MAX_RUNS} times) and keeps the fastest run, which is
 * the least disturbed by the JIT, the collector and other processes. A classroom number, not a
 * benchmark: the JMH suites in {@code bench} measure properly.
 */
final class Stopwatch {

    static final long BUDGET_NANOS = 30_000_000L;
    static final int MAX_RUNS = 50;

    private Stopwatch() {
    }

    /** Seconds of the fastest run of {@code work}. */
    static double fastestSeconds(Runnable work) {
        long best = Long.MAX_VALUE;
        long spent = 0;
        for (int run = 0; run < MAX_RUNS && (run == 0 || spent < BUDGET_NANOS); run++) {
            long start = System.nanoTime();
            work.run();
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            spent += took;
        }
        return best / 1e9;
    }
}
