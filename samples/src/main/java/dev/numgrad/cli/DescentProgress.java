package dev.numgrad.cli;

import dev.numgrad.optim.DescentListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a descent: steps done of the step limit, and the current loss.
 * Fed by the loop's {@link DescentListener} on the loop's own thread.
 *
 * <p>As with {@link ProgressDisplay}, the bar appears only once the run has taken a moment, so
 * a descent that is done in a blink draws nothing. A run that stops early (a tolerance, the
 * time limit, divergence) leaves the bar where it stopped.
 */
final class DescentProgress implements DescentListener, AutoCloseable {

    private final PrintWriter err;
    private final boolean unicode;
    private final int steps;
    private final long delayNanos;
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private ProgressDisplay.WriterConsumer consumer;

    /**
     * @param err where the bar is drawn
     * @param unicode whether err can show block characters; else plain ASCII
     * @param steps the step limit of the run
     * @param delayNanos how long the run goes before the bar appears
     */
    DescentProgress(PrintWriter err, boolean unicode, int steps, long delayNanos) {
        this.err = err;
        this.unicode = unicode;
        this.steps = steps;
        this.delayNanos = delayNanos;
    }

    @Override
    public void onIteration(int iteration, double loss, double gradientNorm) {
        if (bar == null) {
            if (System.nanoTime() - startNanos < delayNanos) {
                return;
            }
            consumer = new ProgressDisplay.WriterConsumer(err, Terminal.columns());
            bar = new ProgressBarBuilder()
                    .setTaskName("descend")
                    .setInitialMax(steps)
                    .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(consumer)
                    .build();
        }
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4e", loss));
        bar.stepTo(iteration);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close(); // draws the final state
            consumer.finish();
        }
    }
}
