package dev.numgrad.cli.cost;

import dev.numgrad.workload.WorkloadSpec;

/**
 * Hears how a {@link CostSweep} is getting on: for a progress bar, and for output that streams
 * one result per size. Called from the sweep's thread and, for {@link #measuring}, from the
 * numeric gradients' worker threads too, so implementations must be thread-safe and cheap.
 */
public interface SweepListener {

    /**
     * Work done on one method of one size; reports of one method may arrive out of order.
     *
     * @param index the size's position in the sweep, from 0
     * @param model the size being measured
     * @param method what is being timed
     * @param done units of work done so far (coordinates of a gradient, or 0 and then 1)
     * @param total units of work of this method at this size
     */
    void measuring(int index, WorkloadSpec model, CostMethod method, long done, long total);

    /**
     * A size is fully measured.
     *
     * @param row its costs
     */
    void measured(SizeCost row);
}
