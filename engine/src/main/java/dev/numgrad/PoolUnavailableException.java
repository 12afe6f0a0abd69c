package dev.numgrad;

/**
 * The {@link java.util.concurrent.ForkJoinPool} a gradient was given cannot run it: the pool is
 * shut down, was shut down while the gradient ran ({@code shutdownNow()}), or could not start a
 * worker thread (its thread factory failed, e.g. at a process limit). Nothing is computed
 * partially: the caller's arrays are as the gradient found them, except the output array, which
 * is unspecified.
 *
 * <p>After {@link #threadsUnavailable}, the pool holds the gradient's cancelled task in its queue
 * with no thread to drain it: {@code close()} would wait forever, so end such a pool with
 * {@code shutdownNow()}.
 */
public final class PoolUnavailableException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private PoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The pool was shut down before the gradient started.
     *
     * @param cause the pool's own refusal, or null
     * @return the exception
     */
    public static PoolUnavailableException shutDown(Throwable cause) {
        return new PoolUnavailableException("the ForkJoinPool is shut down: give the gradient a running pool"
                + " (or Execution.serial())", cause);
    }

    /**
     * The pool was shut down ({@code shutdownNow()}) while the gradient ran.
     *
     * @param done coordinates finished before the pool stopped (their values are discarded)
     * @param total coordinates the gradient had
     * @param cause the pool's cancellation of the gradient's task
     * @return the exception
     */
    public static PoolUnavailableException shutDownDuringRun(long done, long total, Throwable cause) {
        return new PoolUnavailableException("the ForkJoinPool was shut down while the gradient ran, after "
                + done + " of " + Words.count(total, "coordinate"), cause);
    }

    /**
     * The pool started no worker thread: its thread factory threw or returned null.
     *
     * @param cause what the thread factory threw, or null when it returned no thread
     * @return the exception
     */
    public static PoolUnavailableException threadsUnavailable(Throwable cause) {
        return new PoolUnavailableException("the ForkJoinPool could not start a worker thread ("
                + (cause == null ? "its thread factory returned none" : cause.toString())
                + "); end that pool with shutdownNow(), since close() would wait for work it cannot start", cause);
    }
}
