package dev.numgrad.optim;

import java.util.Random;

/** Test data for the optimizer tests, which otherwise use the bundled losses. */
final class TestLosses {

    private TestLosses() {
    }

    /** A seeded m × n standard-normal design. */
    static double[][] gaussianDesign(long seed, int m, int n) {
        Random random = new Random(seed);
        double[][] x = new double[m][n];
        for (double[] row : x) {
            for (int c = 0; c < n; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return x;
    }

    /** The row-major copy of a matrix, as the bundled losses take it. */
    static double[] flatten(double[][] matrix) {
        int cols = matrix[0].length;
        double[] flat = new double[matrix.length * cols];
        for (int r = 0; r < matrix.length; r++) {
            System.arraycopy(matrix[r], 0, flat, r * cols, cols);
        }
        return flat;
    }
}
