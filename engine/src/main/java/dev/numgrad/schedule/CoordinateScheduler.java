package dev.numgrad.schedule;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.PoolUnavailableException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link CoordinateWorker} over every coordinate of [0, n), on the caller's thread helped
 * by a fork/join pool's workers, or on the caller's thread alone, with the same per-coordinate
 * results either way.
 *
 * <p>Algorithm: the caller's thread and the pool's helpers ({@link #helpers}: the pool's
 * parallelism less one for the caller, so a pool of P threads means P computing threads) claim
 * chunks of consecutive coordinates from one shared counter, guided-style: a chunk is a
 * 2·P-th of what is left, at most the {@linkplain #grain grain} (about {@value
 * #CHUNKS_PER_WORKER} chunks per participant) and at least {@value #MIN_GRAIN} coordinates, so
 * that claiming stays negligible next to the evaluations while the last chunks are short and
 * nobody waits long for the others at the end. A chunk borrows one worker from a {@link
 * WorkerStash} for its whole range (workers are created on demand, so there are at most P of
 * them, each with its own scratch and private copy of x: O(P · n) memory, nothing allocated per
 * coordinate), processes its coordinates in order, and gives the worker back. Each coordinate's
 * result depends only on that coordinate and each chunk writes only its own slots, so results are
 * bit-identical to the serial loop whatever the claiming order or the thread count.
 *
 * <p>Why the caller takes part, rather than waiting for a fork/join task: on the development VM
 * a parked thread takes 15 µs to 2 ms to wake, and a caller that submits and waits puts two such
 * wake-ups on every gradient's critical path (the first worker's start, the caller's return). The
 * caller starts computing at once, and when its claims run out it waits for the helpers' last
 * chunks spinning first, as OpenMP's threads do at the end of a parallel loop. Interleaved in one
 * JVM with the fork/join scheduler this replaced, a prototype of it took 2–7 % less per
 * rosen(10000) gradient on two threads (medians of 40, 14 of 14 rounds) with the same bits, and
 * 1–2 % less on linreg and logreg(256,1000); docs/performance.md has the side-by-side runs.
 *
 * <p>A thread that finds the counter at n waits for the others' chunks, and while it waits, a
 * running chunk hands off the upper half of what it has left every {@value #MIN_GRAIN}
 * coordinates (lazy splitting), which the waiting thread takes: so neither a chunk of unusually
 * slow coordinates nor the last chunks decide the finish alone. A waiting thread spins for at
 * most {@value #END_SPIN_NANOS} ns, then parks in short slices. Without a pool, with a pool of
 * parallelism 1, or when the whole range is one chunk, the caller's thread runs the same chunk
 * code over chunks of the serial grain.
 *
 * <p>Progress: after each chunk the shared done-counter advances and the listener hears it.
 * Cancellation: every coordinate first checks the token, so a cancelled run stops after at most
 * one coordinate per thread, then throws {@link GradientCancelledException}.
 *
 * <p>Failures: a chunk catches what its worker throws and records it against the coordinate;
 * the record keeps the failure with the lowest coordinate. Work above the recorded coordinate
 * stops at once (chunks check the bound per coordinate); work below goes on, because a lower
 * failure must still win, and all of it has been claimed already, since chunks are claimed in
 * increasing order. So the exception is the one the serial loop would have thrown,
 * deterministically, and it is rethrown as it was thrown. Helpers never complete exceptionally,
 * so the pool stays usable.
 *
 * <p>The pool's own failures: a pool shut down before the run, and a pool that starts no thread
 * for it (its thread factory throws or returns null; at a process limit), become {@link
 * PoolUnavailableException} before anything is computed. A pool that starts some helpers but not
 * all, or is shut down while the run goes on ({@code shutdownNow()} cancels helpers not yet
 * started), leaves more of the chunks to the caller, which completes them: nothing hangs and the
 * result is the serial one.
 *
 * <p>Each worker may check its own state after a range ({@link CoordinateWorker#afterRange}); a
 * failure there is recorded against the range's first coordinate.
 */
public final class CoordinateScheduler {

    /** Chunks per participant at most: enough to even out uneven costs. */
    public static final int CHUNKS_PER_WORKER = 8;

    /** Smallest chunk, in coordinates: keeps per-chunk overhead (claim, borrow, progress) amortised. */
    public static final int MIN_GRAIN = 8;

    /**
     * How long a thread with nothing left to claim spins for the others' last chunks (or their
     * hand-offs) before parking: longer than the wake-up it saves (15 µs to 2 ms on the
     * development VM), short next to a gradient worth running on several threads.
     */
    static final long END_SPIN_NANOS = 1_000_000;

    /** A waiting thread's park between checks once the spin is over. */
    private static final long PARK_NANOS = 50_000;

    private CoordinateScheduler() {
    }

    /**
     * The largest chunk: max({@value #MIN_GRAIN}, ⌈n / ({@value #CHUNKS_PER_WORKER} ·
     * parallelism)⌉).
     *
     * @param n number of coordinates
     * @param parallelism number of computing threads
     * @return the grain, at least {@value #MIN_GRAIN}
     */
    public static int grain(int n, int parallelism) {
        long chunks = (long) CHUNKS_PER_WORKER * Math.max(1, parallelism);
        return (int) Math.max(MIN_GRAIN, (n + chunks - 1) / chunks);
    }

    /**
     * The pool threads that help the caller: the pool's parallelism less one for the caller's own
     * thread, except for the common pool, whose parallelism already leaves a processor for the
     * caller (as parallel streams assume), so all of it helps.
     *
     * @param pool the pool, or null for none
     * @return how many of its threads a run asks for, at least 0
     */
    public static int helpers(ForkJoinPool pool) {
        if (pool == null) {
            return 0;
        }
        return pool == ForkJoinPool.commonPool() ? pool.getParallelism() : pool.getParallelism() - 1;
    }

    /**
     * Processes every coordinate of [0, n) with workers from {@code workers}, on the caller's
     * thread and {@link #helpers}(pool) of the pool's.
     *
     * @param pool the pool whose threads help, or null to run in the caller's thread only
     * @param n number of coordinates, at least 0
     * @param workers where chunks borrow their workers
     * @param progress hears finished chunks
     * @param cancellation checked before every coordinate
     * @param <W> the worker type
     * @throws GradientCancelledException if a worker observed the cancelled token
     * @throws PoolUnavailableException if the pool is shut down or starts no thread
     * @throws RuntimeException the failure of the lowest failing coordinate, as thrown by the worker
     */
    public static <W extends CoordinateWorker> void run(ForkJoinPool pool, int n, WorkerStash<W> workers,
            ProgressListener progress, CancellationToken cancellation) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        Run<W> run = new Run<>(n, workers, progress, cancellation);
        int helpers = helpers(pool);
        int grain = grain(n, helpers + 1);
        if (helpers == 0 || n <= grain) {
            int chunk = grain(n, 1);
            for (int lo = 0; lo < n && !run.stopped(lo); lo += chunk) {
                run.chunk(lo, Math.min(n, lo + chunk), Splitter.NEVER);
            }
        } else {
            Claims claims = new Claims(run, helpers + 1, grain);
            startHelpers(pool, helpers, claims, run);
            claims.work();
        }
        run.rethrow();
    }

    /**
     * Submits the first helper, turning the pool's own failures into {@link
     * PoolUnavailableException} while nothing has run: a shut-down pool, and a pool that started
     * no thread (its factory threw, or returned null). The first helper forks the others from
     * inside the pool, into its own queue: a fork whose thread cannot be started (a process limit
     * reached part-way) stays there and the first helper runs it when its own claims are done,
     * finding nothing left, so no helper is ever left queued where no thread would take it.
     */
    private static void startHelpers(ForkJoinPool pool, int helpers, Claims claims, Run<?> run) {
        if (pool.isShutdown()) {
            throw PoolUnavailableException.shutDown(null);
        }
        ForkJoinTask<?> first = ForkJoinTask.adapt(() -> claims.help(helpers - 1));
        try {
            pool.execute(first);
        } catch (RejectedExecutionException e) {
            throw PoolUnavailableException.shutDown(e);
        } catch (Error e) {
            // Queued, but the pool failed to start a thread for it (the factory threw; at a
            // process limit, OutOfMemoryError: unable to create native thread).
            if (pool.getPoolSize() == 0) {
                abandon(run, first);
                throw PoolUnavailableException.threadsUnavailable(e);
            }
        }
        // Submission creates a thread synchronously when none is running, so an empty pool now
        // means its factory returned no thread.
        if (pool.getPoolSize() == 0) {
            abandon(run, first);
            throw PoolUnavailableException.threadsUnavailable(null);
        }
    }

    private static void abandon(Run<?> run, ForkJoinTask<?> first) {
        run.abandon();
        first.cancel(false);
    }

    /**
     * The work of one run on several threads: the shared claim counter, the ranges running
     * chunks handed off to idle threads, and how many ranges are not finished yet.
     */
    private static final class Claims implements Splitter {

        private final Run<?> run;
        private final int participants;
        private final int grain;
        private final AtomicInteger next = new AtomicInteger();
        /** Ranges handed off by running chunks and not taken yet, each as (lo << 32 | hi). */
        private final ConcurrentLinkedDeque<Long> handedOff = new ConcurrentLinkedDeque<>();
        /**
         * Ranges claimed or handed off and not finished. With the counter at n, zero means
         * every coordinate is done and no range can appear any more (only a running chunk hands
         * off).
         */
        private final AtomicInteger unfinished = new AtomicInteger();
        /** Threads with nothing to do that wait for a hand-off. */
        private final AtomicInteger idle = new AtomicInteger();
        /** Hand-offs in {@link #handedOff}: a waiting thread is served by one, not split for again. */
        private final AtomicInteger queued = new AtomicInteger();

        Claims(Run<?> run, int participants, int grain) {
            this.run = run;
            this.participants = participants;
            this.grain = grain;
        }

        /** A helper's whole task, after forking {@code more} helpers like itself. Never throws. */
        void help(int more) {
            for (int k = 0; k < more; k++) {
                try {
                    ForkJoinTask.adapt(() -> help(0)).fork();
                } catch (Error e) {
                    // queued here, but no thread started for it: this thread runs it later
                }
            }
            work();
        }

        /**
         * Processes chunks from the counter, then ranges handed off, until every range is
         * finished: a thread with nothing to do waits for a hand-off, spinning for at most
         * {@value #END_SPIN_NANOS} ns and then parking in short slices. When it returns, every
         * coordinate is done, and the counter's updates have made the other threads' writes
         * visible to this one.
         */
        void work() {
            while (true) {
                if (claimAndProcess() || takeHandOff()) {
                    continue;
                }
                if (unfinished.get() == 0) {
                    return;
                }
                awaitWork();
            }
        }

        /** Claims the next chunk from the counter and processes it; false once the counter is at n. */
        private boolean claimAndProcess() {
            int n = run.n;
            while (true) {
                unfinished.incrementAndGet();
                int lo = next.get();
                if (lo >= n) {
                    unfinished.decrementAndGet();
                    return false;
                }
                int hi = lo + chunkAt(lo);
                if (next.compareAndSet(lo, hi)) {
                    process(lo, hi);
                    return true;
                }
                unfinished.decrementAndGet();
            }
        }

        /** Takes a handed-off range and processes it; false if there is none. */
        private boolean takeHandOff() {
            Long range = handedOff.pollFirst();
            if (range == null) {
                return false;
            }
            queued.decrementAndGet();
            long bounds = range;
            process((int) (bounds >>> 32), (int) bounds);
            return true;
        }

        /** Processes a range counted in {@link #unfinished}, then counts it finished. */
        private void process(int lo, int hi) {
            try {
                run.chunk(lo, hi, this);
            } finally {
                unfinished.decrementAndGet();
            }
        }

        /**
         * Called every {@value #MIN_GRAIN} coordinates by a running chunk: while a thread waits
         * with no hand-off queued for it, hands off the upper half of what is left (if both halves
         * hold {@value #MIN_GRAIN} coordinates or more) and returns the new end.
         */
        @Override
        public int keep(int at, int end) {
            if (idle.get() <= queued.get() || end - at < 2 * MIN_GRAIN) {
                return end;
            }
            int mid = (at + end) >>> 1;
            unfinished.incrementAndGet();
            queued.incrementAndGet();
            handedOff.addFirst(((long) mid << 32) | end);
            return mid;
        }

        /** Waits, as an idle thread, until a range is handed off or every range is finished. */
        private void awaitWork() {
            idle.incrementAndGet();
            try {
                long spinUntil = System.nanoTime() + END_SPIN_NANOS;
                while (handedOff.isEmpty() && unfinished.get() != 0) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(this, PARK_NANOS);
                    }
                }
            } finally {
                idle.decrementAndGet();
            }
        }

        /** The chunk starting at lo: a 2·P-th of what is left, within [MIN_GRAIN, grain] and the range. */
        private int chunkAt(int lo) {
            int left = run.n - lo;
            int guided = (int) ((left + 2L * participants - 1) / (2L * participants));
            return Math.min(left, Math.max(MIN_GRAIN, Math.min(grain, guided)));
        }
    }

    /** Shared, thread-safe state of one run. */
    private static final class Run<W extends CoordinateWorker> {

        private record Failure(int coordinate, Throwable error) {
        }

        private final int n;
        private final WorkerStash<W> workers;
        private final ProgressListener progress;
        private final CancellationToken cancellation;
        private final AtomicLong done = new AtomicLong();
        private final AtomicReference<Failure> failure = new AtomicReference<>();
        private volatile boolean cancelled;
        /** Set when the pool failed the run: a helper that a thread starts late finds nothing to do. */
        private volatile boolean abandoned;

        Run(int n, WorkerStash<W> workers, ProgressListener progress, CancellationToken cancellation) {
            this.n = n;
            this.workers = Objects.requireNonNull(workers, "workers");
            this.progress = Objects.requireNonNull(progress, "progress");
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        }

        /** Whether coordinate i (and so every coordinate above it) no longer needs doing. */
        boolean stopped(int i) {
            if (cancelled || abandoned) {
                return true;
            }
            Failure f = failure.get();
            return f != null && i >= f.coordinate;
        }

        /**
         * Processes [lo, hi) with one borrowed worker, up to a failure or a stop, or a prefix of
         * it when {@code splitter} hands the rest off. Never throws.
         */
        void chunk(int lo, int hi, Splitter splitter) {
            if (stopped(lo)) {
                return;
            }
            W worker;
            try {
                worker = workers.borrow();
            } catch (Throwable t) {
                record(lo, t);
                return;
            }
            int i = lo;
            int end = hi;
            boolean failed = false;
            try {
                for (; i < end; i++) {
                    if (cancellation.isCancelled()) {
                        cancelled = true;
                        break;
                    }
                    if (stopped(i)) {
                        break;
                    }
                    if (i > lo && (i - lo) % MIN_GRAIN == 0) {
                        end = splitter.keep(i, end);
                    }
                    worker.process(i);
                }
            } catch (Throwable t) {
                failed = true;
                record(i, t);
            }
            try {
                if (!failed && i > lo) {
                    worker.afterRange(lo, i);
                }
            } catch (Throwable t) {
                record(lo, t);
            } finally {
                workers.giveBack(worker);
            }
            if (i > lo) {
                try {
                    progress.onProgress(done.addAndGet(i - lo), n);
                } catch (Throwable t) {
                    record(i, t);
                }
            }
        }

        void abandon() {
            abandoned = true;
        }

        /** Keeps the failure with the lowest coordinate. */
        private void record(int coordinate, Throwable error) {
            while (true) {
                Failure current = failure.get();
                if (current != null && current.coordinate <= coordinate) {
                    return;
                }
                if (failure.compareAndSet(current, new Failure(coordinate, error))) {
                    return;
                }
            }
        }

        void rethrow() {
            if (cancelled) {
                throw new GradientCancelledException(done.get(), n);
            }
            Failure f = failure.get();
            if (f == null) {
                return;
            }
            switch (f.error) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException("worker failed at coordinate " + f.coordinate, f.error);
            }
        }
    }

    /** Where a running chunk may hand off the rest of its range. */
    @FunctionalInterface
    private interface Splitter {

        /** Keeps every range whole: the caller's-thread path. */
        Splitter NEVER = (next, end) -> end;

        /**
         * Called before coordinate {@code next} of a chunk whose range ends at {@code end}.
         *
         * @return the new end: {@code end}, or less when [new end, end) was handed off
         */
        int keep(int next, int end);
    }
}
