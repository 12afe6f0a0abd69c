package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.TestLosses;
import dev.numgrad.loss.Loss;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.Test;

/**
 * Ten million parameters in the 2 GiB test heap, and proof that nothing is allocated per
 * coordinate: the serial path allocates a few arrays of n doubles (the validated copy of x, the
 * gradient, one worker's private copy or delta cache) and nothing that grows with n beyond them.
 */
class MemoryTest {

    private static final int N = 10_000_000;
    /** The x copy, the gradient and one worker's copy of x: three arrays of n doubles. */
    private static final long ARRAYS = 3L * 8 * N;
    /** Leaf bookkeeping, lambdas, class loading: far below one byte per coordinate. */
    private static final long SLACK = 4L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** f(x) = x0² + 3·x_{n−1}: reads O(1) entries, so a black-box gradient costs O(n). */
    private static Loss sparse() {
        return Loss.of("sparse", N, x -> x[0] * x[0] + 3 * x[N - 1]);
    }

    private static long allocatedBy(Runnable action) {
        long id = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(id);
        action.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void serialBlackBoxGradientOfTenMillionAllocatesNothingPerCoordinate() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        double[] x = new double[N];
        x[0] = 1.5;
        GradientResult[] result = new GradientResult[1];
        NumericGradient numeric = NumericGradient.defaults().withExecution(Execution.serial());
        long allocated = allocatedBy(() -> result[0] = numeric.compute(sparse(), x));
        double[] g = result[0].values();
        assertEquals(3.0, g[0], 1e-8);
        assertEquals(3.0, g[N - 1], 1e-8);
        assertEquals(0.0, g[N / 2]);
        assertEquals(2L * N, result[0].evaluations());
        assertTrue(allocated < ARRAYS + SLACK, "allocated " + allocated + " bytes for n = " + N
                + "; budget " + (ARRAYS + SLACK));
    }

    @Test
    void serialDeltaGradientOfTenMillionAllocatesNothingPerCoordinate() {
        double[] x = TestLosses.startPoint(N);
        GradientResult[] result = new GradientResult[1];
        NumericGradient numeric = NumericGradient.defaults().withMode(Mode.DELTA).withExecution(Execution.serial());
        long allocated = allocatedBy(() -> result[0] = numeric.compute(TestLosses.sumOfSquares(N), x));
        for (int i : new int[] {0, 1, N / 3, N - 1}) {
            assertEquals(2 * x[i], result[0].values()[i], 1e-9, "coordinate " + i);
        }
        assertTrue(allocated < ARRAYS + SLACK, "allocated " + allocated + " bytes for n = " + N
                + "; budget " + (ARRAYS + SLACK));
    }

    @Test
    void parallelDeltaGradientOfTenMillionAllocatesOnePerThreadCacheAndNothingPerCoordinate() {
        double[] x = TestLosses.startPoint(N);
        Queue<Thread> poolThreads = new ConcurrentLinkedQueue<>();
        ForkJoinPool.ForkJoinWorkerThreadFactory recording = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            poolThreads.add(thread);
            return thread;
        };
        try (ForkJoinPool pool = new ForkJoinPool(2, recording, null, false)) {
            NumericGradient numeric = NumericGradient.defaults().withMode(Mode.DELTA).withExecution(Execution.on(pool));
            // Warm the pool so its threads exist before measuring.
            numeric.compute(TestLosses.sumOfSquares(1000), TestLosses.startPoint(1000));
            Map<Thread, Long> before = new HashMap<>();
            for (Thread thread : poolThreads) {
                before.put(thread, THREADS.getThreadAllocatedBytes(thread.threadId()));
            }
            GradientResult[] delta = new GradientResult[1];
            long caller = allocatedBy(() -> delta[0] = numeric.compute(TestLosses.sumOfSquares(N), x));
            long workers = 0;
            for (Thread thread : poolThreads) {
                long now = THREADS.getThreadAllocatedBytes(thread.threadId());
                assertTrue(now >= 0, "pool thread " + thread + " ended before it was measured");
                workers += now - before.getOrDefault(thread, 0L);
            }
            assertEquals(2 * x[N - 7], delta[0].values()[N - 7], 1e-9);
            // The x copy and the gradient; at most one delta cache of n doubles per computing
            // thread (the caller and the pool's one helper), whichever thread made it.
            long budget = 2L * 8 * N + pool.getParallelism() * 8L * N + SLACK;
            assertTrue(caller + workers < budget, "caller allocated " + caller + ", " + poolThreads.size()
                    + " pool threads " + workers + " bytes; budget " + budget);
        }
    }
}
