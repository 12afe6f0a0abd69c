package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import java.lang.foreign.MemorySegment;

/**
 * y = X·w from a cache-line-aligned off-heap X ({@link KernelSupport#alignedCopy}), visiting its
 * rows first to last and last to first in turn: the same bits either way
 * ({@link KernelSupport#gemvSegmentFromLastRow}). Why: a pass over a matrix larger than L2 evicts
 * its own first rows, so a second pass in the same direction finds nothing in L2, while one in the
 * opposite direction starts on the rows the last pass just read. An evaluator that a black-box
 * gradient calls over and over holds one (it is stateful: not shared between threads).
 */
final class AlternatingProduct {

    private final KernelSupport kernels;
    private final MemorySegment matrix;
    private final int rows;
    private final int cols;
    private boolean fromLastRow;

    /**
     * @param matrix X, rows × cols doubles row-major, off-heap and aligned; not modified
     */
    AlternatingProduct(KernelSupport kernels, MemorySegment matrix, int rows, int cols) {
        this.kernels = kernels;
        this.matrix = matrix;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Writes X·w into y[0, rows), in the other direction from the last call.
     *
     * @param w the vector, length cols. Not modified.
     * @param y the result, length at least rows. Modified.
     */
    void multiply(double[] w, double[] y) {
        if (fromLastRow) {
            kernels.gemvSegmentFromLastRow(matrix, rows, cols, w, 0, y, 0);
        } else {
            kernels.gemvSegment(matrix, rows, cols, w, 0, y, 0);
        }
        fromLastRow = !fromLastRow;
    }
}
