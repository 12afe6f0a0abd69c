package dev.numgrad.schedule;

/**
 * What one worker does to one coordinate, with state it owns (an evaluator, a private copy of x,
 * a prepared delta cache). A worker is used by one thread at a time, for a whole range of
 * coordinates, and must leave its state as it found it after each coordinate.
 */
public interface CoordinateWorker {

    /**
     * Processes coordinate i, writing only output slots that belong to i.
     *
     * @param i the coordinate (or slot)
     * @throws RuntimeException any failure; the scheduler records it against coordinate i
     */
    void process(int i);

    /**
     * Called after the worker processed coordinates [lo, hi) in a row (or fewer, when the range
     * stopped early): the place for a check too costly per coordinate, such as whether the
     * worker's private state is still intact. Does nothing by default.
     *
     * @param lo first coordinate of the range
     * @param hi end (exclusive) of what was processed
     * @throws RuntimeException a failure; the scheduler records it against coordinate lo
     */
    default void afterRange(int lo, int hi) {
    }
}
