package dev.numgrad.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on one line of stderr that appears only once the work has taken a moment
 * ({@link ProgressDisplay#DEFAULT_DELAY_NANOS}): work done in a blink should not flash a bar.
 * The bar of every command ({@link ProgressDisplay}, {@link DescentProgress}, {@link CostProgress});
 * not thread-safe, its owners synchronise.
 */
final class DelayedBar implements AutoCloseable {

    private final PrintWriter err;
    private final boolean unicode;
    private final String task;
    private final long max;
    private final String unit;
    private final long unitSize;
    private final long delayNanos;
    private final boolean eta;
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private ProgressDisplay.WriterConsumer consumer;

    /**
     * @param err where the bar is drawn
     * @param unicode whether err can show block characters; else plain ASCII
     * @param task the name at the bar's left, e.g. "gradient"
     * @param max the units of the whole work
     * @param unit the unit's name after the count, e.g. " coords"
     * @param unitSize how many units make one counted unit
     * @param delayNanos how long the work goes before the bar appears
     * @param eta whether to show the time left, which the library extrapolates linearly from the
     *     units done: right for equal units (coordinates, steps), wrong for unequal ones
     */
    DelayedBar(PrintWriter err, boolean unicode, String task, long max, String unit, long unitSize, long delayNanos,
            boolean eta) {
        this.err = err;
        this.unicode = unicode;
        this.task = task;
        this.max = max;
        this.unit = unit;
        this.unitSize = unitSize;
        this.delayNanos = delayNanos;
        this.eta = eta;
    }

    /**
     * Moves the bar to {@code done} units, with a message beside it; nothing until the delay has
     * passed, and never backwards (reports from several workers may arrive out of order).
     *
     * @param message the extra message, or null for none
     */
    void stepTo(long done, String message) {
        if (bar == null) {
            if (System.nanoTime() - startNanos < delayNanos) {
                return;
            }
            consumer = new ProgressDisplay.WriterConsumer(err, Terminal.columns());
            ProgressBarBuilder builder = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(max)
                    .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUnit(unit, unitSize)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(consumer);
            bar = (eta ? builder : builder.hideEta()).build();
        }
        if (message != null) {
            bar.setExtraMessage(message);
        }
        if (done > bar.getCurrent()) {
            bar.stepTo(done);
        }
    }

    /** Draws the final state and ends the line, if the bar ever appeared. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            consumer.finish();
        }
    }
}
