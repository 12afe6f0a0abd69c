package dev.numgrad.schedule;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.PoolUnavailableException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link CoordinateWorker} over every coordinate of [0, n), on a fork/join pool or in the
 * caller's thread, with the same per-coordinate results either way.
 *
 * <p>Algorithm: a {@link RecursiveAction} over [lo, hi) splits at {@code (lo + hi) >>> 1} and
 * {@code invokeAll}s both halves until a range is at most the {@linkplain #grain grain}: about
 * {@value #LEAVES_PER_WORKER} leaves per worker, so that idle workers can steal work when
 * coordinates cost different amounts, but never fewer than {@value #MIN_GRAIN} coordinates, so
 * that borrowing a worker stays negligible next to the evaluations. A leaf borrows one worker
 * from a {@link WorkerStash} for its whole range (workers are created on demand, so there are
 * O(threads) of them, each with its own scratch and private copy of x: O(threads · n) memory,
 * nothing allocated per coordinate), processes its coordinates in order, and gives the worker
 * back. Every {@value #MIN_GRAIN} coordinates a leaf asks the pool whether a worker is idle with
 * nothing to steal ({@link ForkJoinTask#getSurplusQueuedTaskCount()} below zero); if so, it forks
 * the upper half of what it has left and joins it after its own part (lazy splitting). Without
 * that, the last leaves decided the finish: a worker with nothing left to steal waited up to a
 * whole leaf for the other's (measured: 0.3–1 ms of a 9 ms rosen(10000) gradient on two
 * workers). Each coordinate's result depends only on that coordinate and each leaf writes only
 * its own slots, so results are bit-identical to the serial loop whatever the split or the thread
 * count. Without a pool, or when the whole range is one leaf, the caller's thread runs the same
 * leaf code over chunks of the serial grain, with no fork/join at all. A pool of parallelism 1
 * still gets the work: the caller chose that pool, and it makes the fork/join overhead measurable
 * against the serial path.
 *
 * <p>Progress: after each leaf (or serial chunk) the shared done-counter advances and the
 * listener hears it. Cancellation: every coordinate first checks the token, so a cancelled run
 * stops after at most one coordinate per worker, then throws {@link GradientCancelledException}.
 *
 * <p>Failures: a leaf catches what its worker throws and records it against the coordinate;
 * the record keeps the failure with the lowest coordinate. Work above the recorded coordinate
 * stops at once (leaves check the bound per coordinate and do not split); work below goes on,
 * because a lower failure must still win. So the exception is the one the serial loop would
 * have thrown, deterministically. Leaves never complete exceptionally, so the pool sees only
 * normal completions and stays usable, and the recorded exception is rethrown as it was thrown,
 * not re-wrapped by {@code ForkJoinTask}.
 *
 * <p>The pool's own failures become {@link PoolUnavailableException}: a pool shut down before the
 * run, a pool shut down ({@code shutdownNow()}) during it, and a pool that starts no thread for
 * the run (its thread factory throws or returns null; at a process limit), which would otherwise
 * leave the caller waiting forever for a task no thread will run. A pool that starts some threads
 * but not all simply runs the work on those it has: a fork whose thread could not be started still
 * queued its task, which the forking worker runs itself when it joins.
 *
 * <p>Each worker may check its own state after a range ({@link CoordinateWorker#afterRange}); a
 * failure there is recorded against the range's first coordinate.
 */
public final class CoordinateScheduler {

    /** Target number of leaves per worker: enough for work stealing to even out uneven costs. */
    public static final int LEAVES_PER_WORKER = 8;

    /** Smallest leaf, in coordinates: keeps per-leaf overhead (borrow, progress) amortised. */
    public static final int MIN_GRAIN = 8;

    private CoordinateScheduler() {
    }

    /**
     * The largest range a leaf processes without splitting:
     * max({@value #MIN_GRAIN}, ⌈n / ({@value #LEAVES_PER_WORKER} · parallelism)⌉).
     *
     * @param n number of coordinates
     * @param parallelism number of workers
     * @return the grain, at least {@value #MIN_GRAIN}
     */
    public static int grain(int n, int parallelism) {
        long leaves = (long) LEAVES_PER_WORKER * Math.max(1, parallelism);
        return (int) Math.max(MIN_GRAIN, (n + leaves - 1) / leaves);
    }

    /**
     * Processes every coordinate of [0, n) with workers from {@code workers}.
     *
     * @param pool the pool to run on, or null to run in the caller's thread
     * @param n number of coordinates, at least 0
     * @param workers where leaves borrow their workers
     * @param progress hears finished chunks
     * @param cancellation checked before every coordinate
     * @param <W> the worker type
     * @throws GradientCancelledException if a worker observed the cancelled token
     * @throws PoolUnavailableException if the pool is shut down, is shut down during the run, or
     *     starts no worker thread
     * @throws RuntimeException the failure of the lowest failing coordinate, as thrown by the worker
     */
    public static <W extends CoordinateWorker> void run(ForkJoinPool pool, int n, WorkerStash<W> workers,
            ProgressListener progress, CancellationToken cancellation) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        Run<W> run = new Run<>(n, workers, progress, cancellation);
        int parallelGrain = pool == null ? n : grain(n, pool.getParallelism());
        if (pool == null || n <= parallelGrain) {
            int chunk = grain(n, 1);
            for (int lo = 0; lo < n && !run.stopped(lo); lo += chunk) {
                run.leaf(lo, Math.min(n, lo + chunk), Splitter.NEVER);
            }
        } else {
            runOnPool(pool, new RangeTask<>(run, parallelGrain, 0, n), run);
        }
        run.rethrow();
    }

    /**
     * Submits the root task and waits for it, turning the pool's own failures into
     * {@link PoolUnavailableException}: a shut-down pool ({@code RejectedExecutionException} with
     * no message), a pool shut down during the run ({@code CancellationException}), and a pool
     * that started no thread. The last would otherwise hang: the task waits in the queue for a
     * worker that never comes, and the caller waits for the task.
     */
    private static void runOnPool(ForkJoinPool pool, RangeTask<?> root, Run<?> run) {
        if (pool.isShutdown()) {
            throw PoolUnavailableException.shutDown(null);
        }
        try {
            pool.execute(root);
        } catch (RejectedExecutionException e) {
            throw PoolUnavailableException.shutDown(e);
        } catch (Error e) {
            // The root is queued, but the pool failed to start a thread for it (the thread
            // factory threw; at a process limit, OutOfMemoryError: unable to create native thread).
            if (pool.getPoolSize() == 0) {
                abandon(root, run);
                throw PoolUnavailableException.threadsUnavailable(e);
            }
        }
        // Submission creates a worker synchronously when none is running, so an empty pool now
        // means its factory returned no thread: nothing will ever run the root.
        if (pool.getPoolSize() == 0 && !root.isDone()) {
            abandon(root, run);
            throw PoolUnavailableException.threadsUnavailable(null);
        }
        try {
            root.join();
        } catch (CancellationException e) {
            // shutdownNow() cancelled the root; leaves already running stop at their next coordinate.
            run.abandon();
            throw PoolUnavailableException.shutDownDuringRun(run.done(), run.n, e);
        }
    }

    private static void abandon(RangeTask<?> root, Run<?> run) {
        run.abandon();
        root.cancel(false);
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
        /** Set when the pool failed the run: the leaves still running stop, and nothing is reported. */
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
         * Processes [lo, hi) with one borrowed worker, or a prefix of it when {@code splitter}
         * takes the rest. Never throws.
         */
        void leaf(int lo, int hi, Splitter splitter) {
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

        /** Coordinates finished so far. */
        long done() {
            return done.get();
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

    /** Where a running leaf may hand off the rest of its range. */
    @FunctionalInterface
    private interface Splitter {

        /** Keeps every range whole: the caller's-thread path. */
        Splitter NEVER = (next, end) -> end;

        /**
         * Called before coordinate {@code next} of a leaf whose range ends at {@code end}.
         *
         * @return the new end: {@code end}, or less when [new end, end) was handed off
         */
        int keep(int next, int end);
    }

    /**
     * Splits [lo, hi) in halves down to the grain; a leaf then hands off the upper half of its
     * remaining range while a worker is idle with nothing to steal.
     */
    private static final class RangeTask<W extends CoordinateWorker> extends RecursiveAction implements Splitter {

        private final Run<W> run;
        private final int grain;
        private final int lo;
        private final int hi;
        /** The ranges this leaf handed off, most recent first; joined after its own part. */
        private RangeTask<W> handedOff;
        /** The next older hand-off of the leaf that made this one. */
        private RangeTask<W> older;

        RangeTask(Run<W> run, int grain, int lo, int hi) {
            this.run = run;
            this.grain = grain;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo <= grain) {
                run.leaf(lo, hi, this);
                for (RangeTask<W> task = handedOff; task != null; task = task.older) {
                    task.join();
                }
            } else if (!run.stopped(lo)) {
                int mid = (lo + hi) >>> 1;
                RangeTask<W> right = new RangeTask<>(run, grain, mid, hi);
                fork(right);
                new RangeTask<>(run, grain, lo, mid).compute();
                right.join();
            }
        }

        @Override
        public int keep(int next, int end) {
            if (end - next < 2 * MIN_GRAIN || getSurplusQueuedTaskCount() >= 0) {
                return end;
            }
            int mid = (next + end) >>> 1;
            RangeTask<W> rest = new RangeTask<>(run, grain, mid, end);
            rest.older = handedOff;
            handedOff = rest;
            fork(rest);
            return mid;
        }

        private static void fork(RangeTask<?> task) {
            try {
                task.fork();
            } catch (Error e) {
                // The pool queued the task but failed to start a thread to steal it (a process
                // limit): fewer helpers, same work. Its join() runs it here if no one else takes it.
            }
        }
    }
}
