package dev.numgrad.model;

/**
 * The data layout shared by {@link LinearRegression} and {@link LogisticRegression}: an m × n
 * design matrix given row-major with one response per row, held row-major for the value (one
 * matrix-vector product) and column-major so that column i, all a delta of coordinate i reads,
 * is contiguous for the dot kernel.
 */
final class DesignMatrix {

    private DesignMatrix() {
    }

    /**
     * Checks the shapes, and that the matrix is finite; the response's values are each loss's
     * own business (finite targets, labels 0 or 1).
     *
     * @param rows m, at least 1
     * @param cols n, at least 1
     * @param features X, row-major, length m·n. Not modified.
     * @param responseName the response's name in the error, e.g. "targets"
     * @param response one value per row. Not modified.
     * @return m·n
     * @throws IllegalArgumentException naming the offending length, or the first non-finite entry of X
     */
    static int checkedLength(int rows, int cols, double[] features, String responseName, double[] response) {
        int length = ArrayLimits.matrixLength(rows, cols);
        if (features.length != length) {
            throw new IllegalArgumentException("features has length " + features.length + ", expected rows·cols = "
                    + rows + "·" + cols + " = " + length);
        }
        if (response.length != rows) {
            throw new IllegalArgumentException(responseName + " has length " + response.length
                    + ", expected rows = " + rows);
        }
        LossChecks.checkFinite("features", features);
        return length;
    }

    /**
     * The column-major copy of a row-major rows × cols matrix.
     *
     * @param rowMajor the matrix, X[r][c] at r·cols + c. Not modified.
     * @return a new array with X[r][c] at c·rows + r
     */
    static double[] columnMajor(double[] rowMajor, int rows, int cols) {
        double[] columnMajor = new double[rowMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                columnMajor[c * rows + r] = rowMajor[r * cols + c];
            }
        }
        return columnMajor;
    }

    /**
     * The length of a probe-batch evaluator's buffer: one block of m results per probe.
     *
     * @param maxProbes the evaluator's capacity, at least 1
     * @param rows m
     * @return maxProbes·m
     * @throws IllegalArgumentException if maxProbes is below 1 or the buffer would not fit an array
     */
    static int probeBufferLength(int maxProbes, int rows) {
        if (maxProbes < 1) {
            throw new IllegalArgumentException("maxProbes must be at least 1, got " + maxProbes);
        }
        return ArrayLimits.matrixLength(maxProbes, rows);
    }

    /**
     * Checks one {@code ProbeBatchEvaluator.values} call's count and output (the kernel checks
     * the coordinates and steps).
     *
     * @param count the probes asked for
     * @param maxProbes the evaluator's capacity
     * @param values the output. Not modified.
     * @throws IllegalArgumentException if count is negative or above maxProbes
     * @throws IndexOutOfBoundsException if values is shorter than count
     */
    static void checkProbeCount(int count, int maxProbes, double[] values) {
        if (count < 0 || count > maxProbes) {
            throw new IllegalArgumentException("probe count " + count + " is not in [0, " + maxProbes + "]");
        }
        if (values.length < count) {
            throw new IndexOutOfBoundsException("values has length " + values.length + ", fewer than " + count
                    + " probes");
        }
    }
}
