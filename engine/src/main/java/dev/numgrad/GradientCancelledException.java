package dev.numgrad;

/** The gradient was cancelled through its cancellation token before every coordinate was done. */
public final class GradientCancelledException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final long done;
    private final long total;

    /**
     * A gradient stopped by its cancellation token.
     *
     * @param done coordinates finished before the cancellation was observed
     * @param total coordinates the gradient had
     */
    public GradientCancelledException(long done, long total) {
        super("gradient cancelled after " + done + " of " + Words.count(total, "coordinate"));
        this.done = done;
        this.total = total;
    }

    /** {@return coordinates finished before the cancellation was observed (their values are discarded)} */
    public long done() {
        return done;
    }

    /** {@return the coordinates the gradient had} */
    public long total() {
        return total;
    }
}
