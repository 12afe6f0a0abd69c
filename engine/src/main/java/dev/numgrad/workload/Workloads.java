package dev.numgrad.workload;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.ArrayLimits;
import dev.numgrad.model.LinearRegression;
import dev.numgrad.model.LogisticRegression;
import dev.numgrad.model.Mlp;
import dev.numgrad.model.Rosenbrock;
import dev.numgrad.model.SumOfSquares;

/**
 * The standard workloads of {@code WORKLOADS.md}: closed-form data (no random numbers, so any
 * implementation in any language builds identical inputs) and the common start point. To build
 * one from command-line words, use {@link WorkloadSpec#parse(String, String)}.
 *
 * <pre>{@code
 * LinearRegression loss = Workloads.linreg(256, 1000);
 * double[] theta = Workloads.start(loss.dimension());
 * }</pre>
 */
public final class Workloads {

    private Workloads() {
    }

    /**
     * The start point of every workload: θᵢ = 0.1·sin(0.37·i + 0.1), i in [0, dimension).
     *
     * @param dimension the number of parameters, at least 1
     * @return a fresh array
     */
    public static double[] start(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("start point dimension must be at least 1, got " + dimension);
        }
        double[] theta = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            theta[i] = 0.1 * Math.sin(0.37 * i + 0.1);
        }
        return theta;
    }

    /**
     * The shared input matrix X[r][c] = sin(0.7·r + 0.13·c), row-major, {@code rows × cols}
     * (linreg and logreg; the mlp inputs are the same formula with samples for rows).
     *
     * @param rows m, the number of samples
     * @param cols n, the number of features
     * @return a fresh array of rows·cols elements
     */
    public static double[] features(int rows, int cols) {
        double[] x = new double[ArrayLimits.matrixLength(rows, cols)];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = Math.sin(0.7 * r + 0.13 * c);
            }
        }
        return x;
    }

    /**
     * The linreg targets y[r] = cos(0.3·r).
     *
     * @param rows m, the number of samples
     * @return a fresh array
     */
    public static double[] targets(int rows) {
        checkRows(rows);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = Math.cos(0.3 * r);
        }
        return y;
    }

    /**
     * The logreg labels t[r] = 1 if cos(0.3·r) &gt; 0, else 0.
     *
     * @param rows m, the number of samples
     * @return a fresh array
     */
    public static double[] labels(int rows) {
        checkRows(rows);
        double[] t = new double[rows];
        for (int r = 0; r < rows; r++) {
            t[r] = Math.cos(0.3 * r) > 0 ? 1 : 0;
        }
        return t;
    }

    private static void checkRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
    }

    /**
     * sumsq(n) on the kernels chosen for this JVM.
     *
     * @param n the dimension, at least 1
     * @return the loss
     */
    public static SumOfSquares sumsq(int n) {
        return sumsq(n, Kernels.get());
    }

    /**
     * sumsq(n) on the given kernels.
     *
     * @param n the dimension, at least 1
     * @param kernels the arithmetic
     * @return the loss
     */
    public static SumOfSquares sumsq(int n, KernelSupport kernels) {
        return new SumOfSquares(n, kernels);
    }

    /**
     * rosen(n) on the kernels chosen for this JVM.
     *
     * @param n the dimension, at least 2
     * @return the loss
     */
    public static Rosenbrock rosen(int n) {
        return rosen(n, Kernels.get());
    }

    /**
     * rosen(n) on the given kernels.
     *
     * @param n the dimension, at least 2
     * @param kernels the arithmetic
     * @return the loss
     */
    public static Rosenbrock rosen(int n, KernelSupport kernels) {
        return new Rosenbrock(n, kernels);
    }

    /**
     * linreg(m, n): {@link #features} X, {@link #targets} y, on the kernels chosen for this JVM.
     *
     * @param m the number of samples
     * @param n the number of features (and parameters)
     * @return the loss
     */
    public static LinearRegression linreg(int m, int n) {
        return linreg(m, n, Kernels.get());
    }

    /**
     * linreg(m, n) on the given kernels.
     *
     * @param m the number of samples
     * @param n the number of features (and parameters)
     * @param kernels the arithmetic
     * @return the loss
     */
    public static LinearRegression linreg(int m, int n, KernelSupport kernels) {
        return new LinearRegression(m, n, features(m, n), targets(m), kernels);
    }

    /**
     * logreg(m, n): {@link #features} X, {@link #labels} t, on the kernels chosen for this JVM.
     *
     * @param m the number of samples
     * @param n the number of features (and parameters)
     * @return the loss
     */
    public static LogisticRegression logreg(int m, int n) {
        return logreg(m, n, Kernels.get());
    }

    /**
     * logreg(m, n) on the given kernels.
     *
     * @param m the number of samples
     * @param n the number of features (and parameters)
     * @param kernels the arithmetic
     * @return the loss
     */
    public static LogisticRegression logreg(int m, int n, KernelSupport kernels) {
        return new LogisticRegression(m, n, features(m, n), labels(m), kernels);
    }

    /**
     * mlp(d, h, k, b), one tanh hidden layer ({@link MlpWorkload}), on the kernels chosen for this JVM.
     *
     * @param d input features
     * @param h hidden tanh units
     * @param k classes
     * @param b samples in the batch
     * @return the loss
     */
    public static Mlp mlp(int d, int h, int k, int b) {
        return mlp(d, h, k, b, Kernels.get());
    }

    /**
     * mlp(d, h, k, b) on the given kernels.
     *
     * @param d input features
     * @param h hidden tanh units
     * @param k classes
     * @param b samples in the batch
     * @param kernels the arithmetic
     * @return the loss
     */
    public static Mlp mlp(int d, int h, int k, int b, KernelSupport kernels) {
        return new MlpWorkload(d, h, k, b).loss(kernels);
    }
}
