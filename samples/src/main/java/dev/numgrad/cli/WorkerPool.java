package dev.numgrad.cli;

import dev.numgrad.gradient.Execution;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Where a command's numeric gradients run: the calling thread for one thread, else a
 * {@link ForkJoinPool} of that many workers made for the run, so that the common pool's size
 * plays no part in the figures.
 *
 * <p>Closing never hangs. {@link ForkJoinPool#close()} waits until the pool is quiescent, which a
 * pool that could not start a thread (a process limit) never is: the gradient's task waits in
 * its queue for a worker that never comes. So the pool is ended with
 * {@link ForkJoinPool#shutdownNow()}, which drops queued work (there is none after a run that
 * completed), and its threads get {@link #TERMINATION_WAIT_SECONDS} to finish.
 */
final class WorkerPool implements AutoCloseable {

    /** How long closing waits for the workers to end; they are idle by then, so this is ample. */
    static final long TERMINATION_WAIT_SECONDS = 10;

    private final ForkJoinPool pool;

    private WorkerPool(ForkJoinPool pool) {
        this.pool = pool;
    }

    /**
     * @param threads 1 for the calling thread, more for a pool of that many workers
     * @param factory the pool's threads come from (the JDK's default in production; a
     *     failing one in tests)
     */
    static WorkerPool of(int threads, ForkJoinWorkerThreadFactory factory) {
        return new WorkerPool(threads == 1 ? null : new ForkJoinPool(threads, factory, null, false));
    }

    /** The engine's execution: serial, or on this pool. */
    Execution execution() {
        return pool == null ? Execution.serial() : Execution.on(pool);
    }

    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(TERMINATION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // Ctrl-C while closing: the output still has to be written; keep the status for later.
            Thread.currentThread().interrupt();
        }
    }
}
