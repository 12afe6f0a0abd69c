package dev.numgrad.cli.cost;

import java.util.Objects;
import org.eclipse.collections.api.list.ImmutableList;

/**
 * What a {@link CostSweep} measured.
 *
 * @param rows one per fully measured size, smallest first
 * @param planned how many sizes the sweep meant to measure
 * @param stopped whether it was cancelled before measuring them all; the size being measured
 *     then is left out
 * @param seconds wall time of the sweep
 */
public record SweepResult(ImmutableList<SizeCost> rows, int planned, boolean stopped, double seconds) {

    /**
     * Validates the result.
     *
     * @throws NullPointerException for missing rows
     * @throws IllegalArgumentException for more rows than planned
     */
    public SweepResult {
        Objects.requireNonNull(rows, "rows");
        if (rows.size() > planned) {
            throw new IllegalArgumentException(rows.size() + " rows but only " + planned + " planned");
        }
    }
}
