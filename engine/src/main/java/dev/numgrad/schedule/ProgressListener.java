package dev.numgrad.schedule;

/**
 * Hears how many coordinates are done. Called from worker threads, at most once per finished
 * chunk of coordinates (one claimed by a computing thread, or one of the serial loop), so implementations must
 * be thread-safe and cheap. Calls from different workers may arrive out of order: keep the largest
 * {@code done} seen. When a gradient completes, some call reports {@code done == total}.
 *
 * <p>A listener that throws aborts the gradient with its exception.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Hears that more coordinates are done.
     *
     * @param done coordinates finished so far, across all workers
     * @param total coordinates in this gradient
     */
    void onProgress(long done, long total);
}
