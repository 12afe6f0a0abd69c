package dev.numgrad.cli;

import dev.numgrad.optim.DescentListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on stderr for a descent: steps done of the step limit, and the current loss.
 * Fed by the loop's {@link DescentListener} on the loop's own thread.
 *
 * <p>As with {@link ProgressDisplay}, the bar appears only once the run has taken a moment, so
 * a descent that is done in a blink draws nothing. A run that stops early (a tolerance, the
 * time limit, divergence) leaves the bar where it stopped.
 */
final class DescentProgress implements DescentListener, AutoCloseable {

    private final DelayedBar bar;

    /**
     * @param err where the bar is drawn
     * @param unicode whether err can show block characters; else plain ASCII
     * @param steps the step limit of the run
     * @param delayNanos how long the run goes before the bar appears
     */
    DescentProgress(PrintWriter err, boolean unicode, int steps, long delayNanos) {
        this.bar = new DelayedBar(err, unicode, "descend", steps, " steps", 1, delayNanos, true);
    }

    @Override
    public void onIteration(int iteration, double loss, double gradientNorm) {
        bar.stepTo(iteration, String.format(Locale.ROOT, "loss %.4e", loss));
    }

    @Override
    public void close() {
        bar.close();
    }
}
