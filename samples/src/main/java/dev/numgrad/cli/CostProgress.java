package dev.numgrad.cli;

import dev.numgrad.cli.cost.CostMethod;
import dev.numgrad.cli.cost.SizeCost;
import dev.numgrad.cli.cost.SweepListener;
import dev.numgrad.workload.WorkloadSpec;
import java.io.PrintWriter;

/**
 * The progress bar of {@code numgrad cost}: one step per method and size (four per size), each
 * step filled by its gradient's coordinates as they finish, and the size and method being
 * measured beside it; like every bar, a {@link DelayedBar}.
 */
final class CostProgress implements SweepListener, AutoCloseable {

    /** Each step is this many bar units, so a gradient's coordinates move the bar smoothly. */
    private static final long UNITS_PER_STEP = 1000;

    private final DelayedBar bar;
    private long position;

    /**
     * @param err where the bar is drawn
     * @param unicode whether err can show block characters; else plain ASCII
     * @param sizes how many sizes the sweep measures
     * @param delayNanos how long the sweep goes before the bar appears
     */
    CostProgress(PrintWriter err, boolean unicode, int sizes, long delayNanos) {
        long steps = (long) sizes * CostMethod.values().length;
        this.bar = new DelayedBar(err, unicode, "cost", steps * UNITS_PER_STEP, " steps", UNITS_PER_STEP, delayNanos,
                false); // a black-box step lasts far longer than a loss step: no linear ETA
    }

    @Override
    public synchronized void measuring(int index, WorkloadSpec model, CostMethod method, long done, long total) {
        long step = (long) index * CostMethod.values().length + method.ordinal();
        long within = total <= 0 ? 0 : Math.min(UNITS_PER_STEP, done * UNITS_PER_STEP / total);
        // Workers report out of order, and repeated runs restart at 0: the bar only moves forward.
        position = Math.max(position, step * UNITS_PER_STEP + within);
        bar.stepTo(position, model.label() + " " + method.shortLabel());
    }

    @Override
    public void measured(SizeCost row) {
    }

    @Override
    public synchronized void close() {
        bar.close();
    }
}
