package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.PoolUnavailableException;
import dev.numgrad.TestLosses;
import dev.numgrad.loss.Loss;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A pool that cannot run the gradient gives numgrad's own {@link PoolUnavailableException}, never
 * a bare {@code RejectedExecutionException: null}, {@code CancellationException: null}, a raw
 * {@code OutOfMemoryError} or a hang; the caller's x is untouched.
 */
class PoolFailureTest {

    /** Far beyond any of these tests' real duration: a hang fails instead of blocking the build. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static final int N = 200;

    private static double[] start() {
        return TestLosses.startPoint(N);
    }

    private static void assertUntouched(double[] x) {
        assertArrayEquals(start(), x, 0.0, "the caller's x");
    }

    @Test
    void aShutDownPoolIsNamedNotRejectedWithoutAMessage() {
        ForkJoinPool pool = new ForkJoinPool(2);
        pool.shutdown();
        double[] x = start();
        PoolUnavailableException e = assertThrows(PoolUnavailableException.class,
                () -> NumericGradient.defaults().withExecution(Execution.on(pool)).compute(TestLosses.rosenbrock(N), x));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertUntouched(x);
    }

    @Test
    void aClosedPoolIsNamedToo() {
        ForkJoinPool pool = new ForkJoinPool(2);
        pool.close();
        assertThrows(PoolUnavailableException.class, () -> NumericGradient.defaults()
                .withExecution(Execution.on(pool)).compute(TestLosses.rosenbrock(N), start()));
    }

    @Test
    void shutdownNowDuringTheRunLeavesTheRestToTheCallerWhichCompletesIt() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        CountDownLatch evaluating = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        // The first probes wait until the pool has been shut down under them: the caller and the
        // pool's helper are then both inside a chunk, with most chunks still unclaimed.
        Loss slow = Loss.of("slow", N, p -> {
            evaluating.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return p[0] * p[0];
        });
        double[] x = start();
        Thread stopper = Thread.ofPlatform().start(() -> {
            try {
                evaluating.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            pool.shutdownNow();
            release.countDown();
        });
        GradientResult result = assertTimeoutPreemptively(NO_HANG,
                () -> NumericGradient.defaults().withExecution(Execution.on(pool)).compute(slow, x));
        stopper.join();
        assertTrue(pool.isShutdown());
        assertArrayEquals(NumericGradient.defaults().withExecution(Execution.serial()).compute(slow, start()).values(),
                result.values(), 0.0, "the completed gradient is the exact one");
        assertUntouched(x);
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool ends");
    }

    @Test
    void aThreadFactoryThatThrowsGivesOneClearExceptionAndNoHang() throws InterruptedException {
        ForkJoinWorkerThreadFactory failing = p -> {
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource"
                    + " limits reached");
        };
        ForkJoinPool pool = new ForkJoinPool(4, failing, null, false);
        double[] x = start();
        PoolUnavailableException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(
                PoolUnavailableException.class,
                () -> NumericGradient.defaults().withExecution(Execution.on(pool)).compute(TestLosses.rosenbrock(N), x)));
        assertTrue(e.getMessage().contains("could not start a worker thread"), e.getMessage());
        assertTrue(e.getMessage().contains("unable to create native thread"), e.getMessage());
        assertUntouched(x);
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "shutdownNow() ends the pool, as the message says");
    }

    @Test
    void aThreadFactoryThatReturnsNoThreadIsNamedInsteadOfWaitingForever() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(3, p -> null, null, false);
        PoolUnavailableException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(
                PoolUnavailableException.class, () -> NumericGradient.defaults().withExecution(Execution.on(pool))
                        .compute(TestLosses.rosenbrock(N), start())));
        assertTrue(e.getMessage().contains("returned none"), e.getMessage());
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aPoolThatStartsSomeThreadsButNotAllStillGivesTheSerialResult() {
        // A process limit reached part-way: the first thread starts, every later one fails.
        AtomicInteger started = new AtomicInteger();
        ForkJoinWorkerThreadFactory oneOnly = p -> {
            if (started.incrementAndGet() > 1) {
                throw new OutOfMemoryError("unable to create native thread");
            }
            return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        };
        double[] x = start();
        double[] serial = NumericGradient.defaults().withExecution(Execution.serial())
                .compute(TestLosses.rosenbrock(N), x).values();
        try (ForkJoinPool pool = new ForkJoinPool(4, oneOnly, null, false)) {
            for (int run = 0; run < 5; run++) {
                double[] parallel = assertTimeoutPreemptively(NO_HANG, () -> NumericGradient.defaults()
                        .withExecution(Execution.on(pool)).compute(TestLosses.rosenbrock(N), x).values());
                assertArrayEquals(serial, parallel, 0.0, "run " + run);
            }
        }
        assertUntouched(x);
    }

    @Test
    void thePoolStaysUsableAfterAGradientFailsOnIt() {
        try (ForkJoinPool pool = new ForkJoinPool(2)) {
            NumericGradient numeric = NumericGradient.defaults().withExecution(Execution.on(pool));
            Loss failing = TestLosses.failingAt(N, start(), 17, Double.NaN, true);
            assertThrows(RuntimeException.class, () -> numeric.compute(failing, start()));
            double[] after = numeric.compute(TestLosses.rosenbrock(N), start()).values();
            assertArrayEquals(TestLosses.rosenbrockGradient(start()), after, 1e-6);
            assertEquals(2, pool.getParallelism());
        }
    }
}
