package dev.numgrad.cli;

import dev.numgrad.schedule.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A progress bar on stderr for a run of several gradients, fed by the engine's
 * {@link ProgressListener} from its worker threads.
 *
 * <p>The bar appears only once the run has taken a moment ({@link #DEFAULT_DELAY_NANOS}): a
 * gradient that is done in a blink should not flash a bar. Each gradient reports coordinates done of its own n; the
 * display adds the gradients before it, so one bar spans all the repeats.
 */
final class ProgressDisplay implements AutoCloseable {

    static final long DEFAULT_DELAY_NANOS = 500_000_000L;

    private final long dimension;
    private final DelayedBar bar;

    /**
     * @param err where the bar is drawn
     * @param unicode whether err can show block characters; else plain ASCII
     * @param dimension coordinates of one gradient
     * @param gradients how many gradients the run computes
     * @param delayNanos how long the run goes before the bar appears
     */
    ProgressDisplay(PrintWriter err, boolean unicode, long dimension, long gradients, long delayNanos) {
        this.dimension = dimension;
        this.bar = new DelayedBar(err, unicode, "gradient", dimension * gradients, " coords", 1, delayNanos, true);
    }

    /** The listener for gradient number {@code index} (from 0) of the run. */
    ProgressListener forGradient(int index) {
        long before = index * dimension;
        return (done, of) -> show(before + done);
    }

    private synchronized void show(long done) {
        bar.stepTo(done, null);
    }

    @Override
    public synchronized void close() {
        bar.close();
    }

    /**
     * Draws the bar on one line of a writer, returning to its start with a carriage return.
     * The progress bar library refreshes from its own thread; once {@link #finish()} has ended
     * the line, a late refresh is dropped instead of drawing after it. Shared with
     * {@link DescentProgress}.
     */
    static final class WriterConsumer implements ProgressBarConsumer {

        private final PrintWriter err;
        private final int columns;
        private boolean finished;

        WriterConsumer(PrintWriter err, int columns) {
            this.err = err;
            this.columns = columns;
        }

        @Override
        public int getMaxRenderedLength() {
            return columns - 1;
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!finished) {
                err.print("\r" + rendered);
                err.flush();
            }
        }

        /** The library's close; the line is ended by {@link #finish()}, after its last refresh. */
        @Override
        public void close() {
        }

        synchronized void finish() {
            if (!finished) {
                finished = true;
                err.println();
                err.flush();
            }
        }
    }
}
