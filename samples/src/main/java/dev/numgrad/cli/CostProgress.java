package dev.numgrad.cli;

import dev.numgrad.cli.cost.CostMethod;
import dev.numgrad.cli.cost.SizeCost;
import dev.numgrad.cli.cost.SweepListener;
import dev.numgrad.workload.WorkloadSpec;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of {@code numgrad cost}: one step per method and size (four per size), each
 * step filled by its gradient's coordinates as they finish, and the size and method being
 * measured beside it. As with {@link ProgressDisplay}, the bar appears only once the sweep has
 * taken a moment.
 */
final class CostProgress implements SweepListener, AutoCloseable {

    /** Each step is this many bar units, so a gradient's coordinates move the bar smoothly. */
    private static final long UNITS_PER_STEP = 1000;

    private final PrintWriter err;
    private final boolean unicode;
    private final int steps;
    private final long delayNanos;
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private ProgressDisplay.WriterConsumer consumer;
    private long position;
    private String message = "";

    /**
     * @param err where the bar is drawn
     * @param unicode whether err can show block characters; else plain ASCII
     * @param sizes how many sizes the sweep measures
     * @param delayNanos how long the sweep goes before the bar appears
     */
    CostProgress(PrintWriter err, boolean unicode, int sizes, long delayNanos) {
        this.err = err;
        this.unicode = unicode;
        this.steps = sizes * CostMethod.values().length;
        this.delayNanos = delayNanos;
    }

    @Override
    public synchronized void measuring(int index, WorkloadSpec model, CostMethod method, long done, long total) {
        long step = (long) index * CostMethod.values().length + method.ordinal();
        long within = total <= 0 ? 0 : Math.min(UNITS_PER_STEP, done * UNITS_PER_STEP / total);
        // Workers report out of order, and repeated runs restart at 0: the bar only moves forward.
        position = Math.max(position, step * UNITS_PER_STEP + within);
        message = model.label() + ": " + method.label();
        if (bar == null) {
            if (System.nanoTime() - startNanos < delayNanos) {
                return;
            }
            consumer = new ProgressDisplay.WriterConsumer(err, Terminal.columns());
            bar = new ProgressBarBuilder()
                    .setTaskName("cost")
                    .setInitialMax(steps * UNITS_PER_STEP)
                    .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUnit(" steps", UNITS_PER_STEP)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(consumer)
                    .build();
        }
        bar.setExtraMessage(message);
        bar.stepTo(position);
    }

    @Override
    public void measured(SizeCost row) {
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close(); // draws the final state
            consumer.finish();
        }
    }
}
