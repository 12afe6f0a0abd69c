package dev.numgrad.schedule;

import dev.numgrad.GradientCancelledException;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
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
 * back. Each coordinate's result depends only on that coordinate and each leaf writes only its
 * own slots, so results are bit-identical to the serial loop whatever the split or the thread
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
                run.leaf(lo, Math.min(n, lo + chunk));
            }
        } else {
            pool.invoke(new RangeTask<>(run, parallelGrain, 0, n));
        }
        run.rethrow();
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

        Run(int n, WorkerStash<W> workers, ProgressListener progress, CancellationToken cancellation) {
            this.n = n;
            this.workers = Objects.requireNonNull(workers, "workers");
            this.progress = Objects.requireNonNull(progress, "progress");
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        }

        /** Whether coordinate i (and so every coordinate above it) no longer needs doing. */
        boolean stopped(int i) {
            if (cancelled) {
                return true;
            }
            Failure f = failure.get();
            return f != null && i >= f.coordinate;
        }

        /** Processes [lo, hi) with one borrowed worker. Never throws. */
        void leaf(int lo, int hi) {
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
            try {
                for (; i < hi; i++) {
                    if (cancellation.isCancelled()) {
                        cancelled = true;
                        break;
                    }
                    if (stopped(i)) {
                        break;
                    }
                    worker.process(i);
                }
            } catch (Throwable t) {
                record(i, t);
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

    /** Splits [lo, hi) in halves down to the grain. */
    private static final class RangeTask<W extends CoordinateWorker> extends RecursiveAction {

        private final Run<W> run;
        private final int grain;
        private final int lo;
        private final int hi;

        RangeTask(Run<W> run, int grain, int lo, int hi) {
            this.run = run;
            this.grain = grain;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo <= grain) {
                run.leaf(lo, hi);
            } else if (!run.stopped(lo)) {
                int mid = (lo + hi) >>> 1;
                invokeAll(new RangeTask<>(run, grain, lo, mid), new RangeTask<>(run, grain, mid, hi));
            }
        }
    }
}
