package dev.numgrad.optim;

/** Dense helpers for the reference solutions of the convergence tests. */
final class LinearAlgebra {

    private LinearAlgebra() {
    }

    /** Solves A·x = b by Gaussian elimination with partial pivoting. A and b are not modified. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int r = 0; r < n; r++) {
            m[r] = java.util.Arrays.copyOf(a[r], n + 1);
            m[r][n] = b[r];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= factor * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int c = r + 1; c < n; c++) {
                sum -= m[r][c] * x[c];
            }
            x[r] = sum / m[r][r];
        }
        return x;
    }

    /** Xᵀ·diag(weights)·X for an m × n matrix X. */
    static double[][] weightedGram(double[][] x, double[] weights) {
        int n = x[0].length;
        double[][] gram = new double[n][n];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    gram[i][j] += weights[r] * x[r][i] * x[r][j];
                }
            }
        }
        return gram;
    }

    /** Xᵀ·v. */
    static double[] transposeTimes(double[][] x, double[] v) {
        double[] out = new double[x[0].length];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < out.length; c++) {
                out[c] += x[r][c] * v[r];
            }
        }
        return out;
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
