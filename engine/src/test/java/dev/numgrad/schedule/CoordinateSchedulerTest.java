package dev.numgrad.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.GradientCancelledException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoordinateSchedulerTest {

    private static final int[] WORKERS = {1, 2, 3, 8};
    private static ForkJoinPool[] pools;

    @BeforeAll
    static void createPools() {
        pools = new ForkJoinPool[WORKERS.length];
        for (int k = 0; k < WORKERS.length; k++) {
            pools[k] = new ForkJoinPool(WORKERS[k]);
        }
    }

    @AfterAll
    static void closePools() {
        for (ForkJoinPool pool : pools) {
            pool.close();
        }
    }

    /** A worker that hands each coordinate to a shared action. */
    private static WorkerStash<CoordinateWorker> stash(IntConsumer action) {
        return new WorkerStash<>(() -> action::accept);
    }

    @Test
    void grainAimsAtEightChunksPerThreadWithAFloor() {
        assertEquals(CoordinateScheduler.MIN_GRAIN, CoordinateScheduler.grain(1, 8));
        assertEquals(CoordinateScheduler.MIN_GRAIN, CoordinateScheduler.grain(100, 8));
        assertEquals(125, CoordinateScheduler.grain(1000, 1));
        assertEquals(63, CoordinateScheduler.grain(1001, 2));
        assertEquals(156_250, CoordinateScheduler.grain(10_000_000, 8));
        assertEquals(Integer.MAX_VALUE / 8 + 1, CoordinateScheduler.grain(Integer.MAX_VALUE, 1));
    }

    @Test
    void everyCoordinateIsProcessedExactlyOnceOnEveryPoolAndSize() {
        for (int n : new int[] {0, 1, 7, 8, 9, 1001, 4099}) {
            for (ForkJoinPool pool : allExecutions()) {
                AtomicIntegerArray visits = new AtomicIntegerArray(n);
                CoordinateScheduler.run(pool, n, stash(visits::incrementAndGet), ProgressListener.NONE,
                        CancellationToken.none());
                for (int i = 0; i < n; i++) {
                    assertEquals(1, visits.get(i), "n=" + n + " pool=" + pool + " coordinate " + i);
                }
            }
        }
    }

    /** Each pool, then null for the caller's thread. */
    private static ForkJoinPool[] allExecutions() {
        ForkJoinPool[] all = new ForkJoinPool[pools.length + 1];
        System.arraycopy(pools, 0, all, 0, pools.length);
        return all;
    }

    @Test
    void workersAreCreatedPerThreadNotPerCoordinateOrLeaf() {
        for (ForkJoinPool pool : pools) {
            AtomicInteger created = new AtomicInteger();
            WorkerStash<CoordinateWorker> workers = new WorkerStash<>(() -> {
                created.incrementAndGet();
                return i -> Math.sin(i);
            });
            CoordinateScheduler.run(pool, 100_000, workers, ProgressListener.NONE, CancellationToken.none());
            // One per computing thread: the caller and parallelism − 1 pool threads.
            assertTrue(created.get() <= pool.getParallelism(),
                    created.get() + " workers for parallelism " + pool.getParallelism());
            assertEquals(created.get(), workers.created().size());
        }
    }

    @Test
    void theLowestFailingCoordinateWinsEveryTime() {
        for (ForkJoinPool pool : allExecutions()) {
            for (int repeat = 0; repeat < 20; repeat++) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> CoordinateScheduler.run(pool, 5000, stash(i -> {
                            if (i == 4000 || i == 2500 || i == 777) {
                                throw new IllegalStateException("fail " + i);
                            }
                        }), ProgressListener.NONE, CancellationToken.none()));
                assertEquals("fail 777", e.getMessage(), "pool " + pool);
            }
        }
    }

    @Test
    void theRecordedExceptionIsRethrownAsThrownNotWrapped() {
        IllegalArgumentException original = new IllegalArgumentException("mine");
        for (ForkJoinPool pool : allExecutions()) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> CoordinateScheduler.run(pool, 1000, stash(i -> {
                        if (i == 500) {
                            throw original;
                        }
                    }), ProgressListener.NONE, CancellationToken.none()));
            assertSame(original, thrown);
        }
    }

    @Test
    void aFailureStopsTheWorkAboveIt() {
        for (ForkJoinPool pool : allExecutions()) {
            AtomicIntegerArray visits = new AtomicIntegerArray(100_000);
            AtomicBoolean thrown = new AtomicBoolean();
            AtomicInteger visitsAfterThrow = new AtomicInteger();
            assertThrows(IllegalStateException.class, () -> CoordinateScheduler.run(pool, 100_000, stash(i -> {
                visits.incrementAndGet(i);
                if (i == 10) {
                    thrown.set(true);
                    throw new IllegalStateException("early");
                }
                if (i > 10) {
                    // Hold work above the failure until it has happened, so that what the
                    // scheduler does after a failure is measured, not how threads were scheduled;
                    // then make each such coordinate cost 20 µs, so that a thread racing on while
                    // the failing thread is descheduled (between its throw and the failure being
                    // recorded) gets through only a few of them, not the whole upper range.
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (!thrown.get() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    long busyUntil = System.nanoTime() + 20_000;
                    while (System.nanoTime() < busyUntil) {
                        Thread.onSpinWait();
                    }
                    visitsAfterThrow.incrementAndGet();
                }
            }), ProgressListener.NONE, CancellationToken.none()));
            if (pool == null) {
                int visited = 0;
                for (int i = 0; i < visits.length(); i++) {
                    visited += visits.get(i);
                }
                assertEquals(11, visited, "the serial loop stops at the failing coordinate");
            } else {
                // Each thread finishes the coordinate it was in, plus the few it starts while the
                // failure is being recorded; a scheduler that ignored failures would run ~10⁵.
                int bound = 5_000;
                assertTrue(visitsAfterThrow.get() <= bound,
                        visitsAfterThrow.get() + " coordinates above the failure ran, more than " + bound + " on " + pool);
            }
            assertFalse(pool != null && pool.isShutdown());
        }
    }

    @Test
    void cancellationStopsWithinOneCoordinatePerThread() {
        for (ForkJoinPool pool : allExecutions()) {
            CancellationToken token = CancellationToken.create();
            AtomicInteger afterCancel = new AtomicInteger();
            GradientCancelledException e = assertThrows(GradientCancelledException.class,
                    () -> CoordinateScheduler.run(pool, 1_000_000, stash(i -> {
                        if (token.isCancelled()) {
                            afterCancel.incrementAndGet();
                        }
                        if (i == 300) {
                            token.cancel();
                        }
                    }), ProgressListener.NONE, token));
            int threads = pool == null ? 1 : pool.getParallelism();
            assertTrue(afterCancel.get() <= threads, afterCancel.get() + " coordinates ran after cancel on " + pool);
            assertEquals(1_000_000, e.total());
            assertTrue(e.done() < 1_000_000, "done " + e.done());
        }
    }

    @Test
    void progressReachesTheTotalAndAddsUpToIt() {
        for (ForkJoinPool pool : allExecutions()) {
            int n = 12_345;
            AtomicLong maxDone = new AtomicLong();
            AtomicInteger calls = new AtomicInteger();
            CoordinateScheduler.run(pool, n, stash(i -> { }), (done, total) -> {
                assertEquals(n, total);
                calls.incrementAndGet();
                maxDone.accumulateAndGet(done, Math::max);
            }, CancellationToken.none());
            assertEquals(n, maxDone.get(), "pool " + pool);
            // One call per range processed: chunks and hand-offs hold MIN_GRAIN coordinates or
            // more, except the one that ends the range.
            assertTrue(calls.get() <= n / CoordinateScheduler.MIN_GRAIN + 1, calls.get() + " calls");
        }
    }

    @Test
    void aListenerThatThrowsAbortsTheRunWithItsException() {
        for (ForkJoinPool pool : allExecutions()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> CoordinateScheduler.run(pool, 1000, stash(i -> { }), (done, total) -> {
                        throw new IllegalStateException("listener");
                    }, CancellationToken.none()));
            assertEquals("listener", e.getMessage());
        }
    }

    @Test
    void aWorkerFactoryFailureIsReported() {
        for (ForkJoinPool pool : allExecutions()) {
            WorkerStash<CoordinateWorker> workers = new WorkerStash<>(() -> {
                throw new IllegalStateException("no worker");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CoordinateScheduler.run(pool,
                    1000, workers, ProgressListener.NONE, CancellationToken.none()));
            assertEquals("no worker", e.getMessage());
        }
    }

    /** Records every range its worker reports through afterRange. */
    private static final class RangeRecorder {

        final int[] checked;

        RangeRecorder(int n) {
            checked = new int[n];
        }

        WorkerStash<CoordinateWorker> stash(IntConsumer action) {
            return new WorkerStash<>(() -> new CoordinateWorker() {
                @Override
                public void process(int i) {
                    action.accept(i);
                }

                @Override
                public void afterRange(int lo, int hi) {
                    synchronized (RangeRecorder.this) {
                        for (int i = lo; i < hi; i++) {
                            checked[i]++;
                        }
                    }
                }
            });
        }
    }

    @Test
    void afterRangeCoversEachCoordinateOnceHowEverTheChunksFell() {
        for (ForkJoinPool pool : allExecutions()) {
            for (int n : new int[] {1, 9, 1001, 50_000}) {
                RangeRecorder recorder = new RangeRecorder(n);
                CoordinateScheduler.run(pool, n, recorder.stash(i -> { }), ProgressListener.NONE,
                        CancellationToken.none());
                for (int i = 0; i < n; i++) {
                    assertEquals(1, recorder.checked[i], "n=" + n + " pool=" + pool + " coordinate " + i);
                }
            }
        }
    }

    @Test
    void theOtherThreadsClaimEveryOtherChunkWhileOneCoordinateIsStuck() {
        // Coordinate 0 waits until every coordinate outside its own chunk is done. With claims
        // from a shared counter the other thread takes all of them meanwhile; a fixed split of
        // the range (half each) would leave the stuck thread's half undone and time out.
        ForkJoinPool two = pools[1];
        int n = 1600;
        int firstChunk = CoordinateScheduler.grain(n, two.getParallelism());
        AtomicInteger outside = new AtomicInteger();
        AtomicBoolean sawThemAll = new AtomicBoolean();
        CoordinateScheduler.run(two, n, stash(i -> {
            if (i == 0) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (outside.get() < n - firstChunk && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sawThemAll.set(outside.get() == n - firstChunk);
            } else if (i >= firstChunk) {
                outside.incrementAndGet();
            }
        }), ProgressListener.NONE, CancellationToken.none());
        assertTrue(sawThemAll.get(), outside.get() + " of " + (n - firstChunk) + " coordinates outside [0, "
                + firstChunk + ") were done while coordinate 0 was stuck");
    }

    @Test
    void anIdleThreadTakesOverPartOfAChunkStillRunning() {
        // Chunk [0, grain) is slow, every other chunk costs nothing: without hand-offs its thread
        // would process all of it while the other thread waits. A slow coordinate takes 20 ms
        // until a second thread has come to help, 1 ms after, so that a helper woken late on a
        // loaded machine still has two seconds to arrive.
        ForkJoinPool two = pools[1];
        int n = 1600;
        int grain = CoordinateScheduler.grain(n, two.getParallelism());
        Thread[] owners = new Thread[grain];
        Set<Thread> helping = ConcurrentHashMap.newKeySet();
        CoordinateScheduler.run(two, n, stash(i -> {
            if (i < grain) {
                owners[i] = Thread.currentThread();
                helping.add(Thread.currentThread());
                try {
                    Thread.sleep(helping.size() < 2 ? 20 : 1);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }), ProgressListener.NONE, CancellationToken.none());
        Set<Thread> threads = new HashSet<>(Arrays.asList(owners));
        assertEquals(2, threads.size(), "threads that processed the slow chunk [0, " + grain + ")");
    }

    @Test
    void theCallingThreadComputesTooAndAPoolOfOneIsTheCallerAlone() {
        Thread caller = Thread.currentThread();
        for (ForkJoinPool pool : pools) {
            // The pool's threads hold each coordinate they take until the caller has computed
            // one, so that they cannot claim every chunk first however the threads are
            // scheduled: each holds one chunk at a time, and there are more chunks than threads.
            // A caller that only waited would leave them waiting out the one deadline, and fail.
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            AtomicBoolean callerComputed = new AtomicBoolean();
            long deadline = System.nanoTime() + 10_000_000_000L;
            CoordinateScheduler.run(pool, 400, stash(i -> {
                threads.add(Thread.currentThread());
                if (Thread.currentThread() == caller) {
                    callerComputed.set(true);
                    return;
                }
                while (!callerComputed.get() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }), ProgressListener.NONE, CancellationToken.none());
            assertTrue(callerComputed.get(), "the caller computed nothing on " + pool);
            assertTrue(threads.size() <= pool.getParallelism(), threads.size() + " threads on " + pool);
            if (pool.getParallelism() == 1) {
                assertEquals(Set.of(caller), threads);
            }
        }
    }

    @Test
    void theCommonPoolHelpsWithAllItsThreadsBesideTheCaller() {
        assertEquals(ForkJoinPool.getCommonPoolParallelism(), CoordinateScheduler.helpers(ForkJoinPool.commonPool()));
        assertEquals(2, CoordinateScheduler.helpers(pools[2]));
        assertEquals(0, CoordinateScheduler.helpers(pools[0]));
        assertEquals(0, CoordinateScheduler.helpers(null));
    }

    @Test
    void theNoneTokenRefusesToBeCancelled() {
        assertFalse(CancellationToken.none().isCancelled());
        assertThrows(UnsupportedOperationException.class, () -> CancellationToken.none().cancel());
        CancellationToken token = CancellationToken.create();
        assertFalse(token.isCancelled());
        token.cancel();
        token.cancel();
        assertTrue(token.isCancelled());
    }
}
