package dev.numgrad;

/**
 * The {@link java.util.concurrent.ForkJoinPool} a gradient was given cannot run it: the pool is
 * shut down, or could not start a worker thread (its thread factory failed, e.g. at a process
 * limit). Thrown before anything is computed: the caller's arrays are as the gradient found them,
 * except the output array, which is unspecified. (A pool shut down while the gradient runs only
 * leaves more of the work to the calling thread, which completes it.)
 *
 * <p>After {@link #threadsUnavailable}, the pool holds the gradient's cancelled tasks in its queue
 * with no thread to drain them: {@code close()} would wait forever, so end such a pool with
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
