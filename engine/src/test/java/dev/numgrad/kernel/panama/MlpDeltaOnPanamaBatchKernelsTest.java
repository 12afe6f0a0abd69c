package dev.numgrad.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.model.Activation;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.MlpWorkload;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MLP delta evaluator with the Panama batch kernels in place of the scalar ones (everything
 * else scalar): same deltas to a few ulps of the change's scale, and a central gradient as
 * accurate against backprop. Independent of which provider {@code Kernels.get()} picks.
 */
class MlpDeltaOnPanamaBatchKernelsTest {

    @Test
    void deltasAgreeWithTheScalarBatchKernels() {
        MlpWorkload workload = new MlpWorkload(20, 16, 5, 37); // a batch that is no lane multiple
        List<Mlp> pairs = List.of(workload.loss(Kernels.scalar()), workload.loss(new PanamaBatchOnScalar()));
        checkPair(pairs.get(0), pairs.get(1), workload.startPoint(), "workload " + workload);

        double[][] inputs = new MlpWorkload(6, 1, 2, 19).inputMatrix();
        int[] labels = new MlpWorkload(6, 1, 3, 19).labels();
        List<HiddenLayer> deep = List.of(HiddenLayer.tanh(5), new HiddenLayer(4, Activation.SIGMOID), HiddenLayer.tanh(3));
        Mlp scalar = new Mlp(inputs, labels, 3, deep, Kernels.scalar());
        Mlp panama = new Mlp(inputs, labels, 3, deep, new PanamaBatchOnScalar());
        double[] theta = new double[scalar.dimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.5 * Math.sin(1.3 * i + 0.2);
        }
        checkPair(scalar, panama, theta, "deep " + scalar.name());
    }

    private static void checkPair(Mlp scalar, Mlp panama, double[] theta, String what) {
        double h = 1e-6;
        double[] exact = new double[theta.length];
        scalar.newExactGradient().valueAndGradient(theta, exact);
        double scale = 0;
        for (double g : exact) {
            scale = Math.max(scale, Math.abs(g));
        }
        DeltaEvaluator a = scalar.newDeltaEvaluator();
        DeltaEvaluator b = panama.newDeltaEvaluator();
        assertEquals(a.prepare(theta), b.prepare(theta), 0.0, what + ": prepare runs no batch kernel");
        double worst = 0;
        for (int i = 0; i < theta.length; i++) {
            for (double step : new double[]{h, -h, 0.3}) {
                double expected = a.delta(i, step);
                double actual = b.delta(i, step);
                assertEquals(expected, actual, 1e-13 * Math.max(Math.abs(expected), Math.abs(step) * scale),
                        what + ": delta(" + i + ", " + step + ")");
            }
            double g = (b.delta(i, h) - b.delta(i, -h)) / (2 * h);
            worst = Math.max(worst, Math.abs(g - exact[i]));
        }
        assertTrue(worst / scale <= 1e-8, what + ": central delta gradient err_inf " + worst / scale);
    }

    /** Scalar kernels except the batch kernels, which run on {@link PanamaBatchKernels}. */
    private static final class PanamaBatchOnScalar implements KernelSupport {
        private final KernelSupport scalar = Kernels.scalar();

        @Override
        public String name() {
            return "scalar+panama-batch";
        }

        @Override
        public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
            return scalar.dot(a, aOffset, b, bOffset, length);
        }

        @Override
        public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
            scalar.axpy(alpha, x, xOffset, y, yOffset, length);
        }

        @Override
        public double sumOfSquares(double[] a, int from, int to) {
            return scalar.sumOfSquares(a, from, to);
        }

        @Override
        public double rosenbrock(double[] x, int from, int to) {
            return scalar.rosenbrock(x, from, to);
        }

        @Override
        public double rosenbrockSegment(MemorySegment x, int from, int to) {
            return scalar.rosenbrockSegment(x, from, to);
        }

        @Override
        public void gemvProbes(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset,
                               int[] coordinates, double[] steps, int count, double[] y, int yOffset, double[] work) {
            scalar.gemvProbes(a, aOffset, rows, cols, x, xOffset, coordinates, steps, count, y, yOffset, work);
        }

        @Override
        public void gemv(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
            scalar.gemv(a, aOffset, rows, cols, x, xOffset, y, yOffset);
        }

        @Override
        public void gemvSegment(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
            scalar.gemvSegment(a, rows, cols, x, xOffset, y, yOffset);
        }

        @Override
        public void gemvSegmentFromLastRow(MemorySegment a, int rows, int cols, double[] x, int xOffset, double[] y,
                                           int yOffset) {
            scalar.gemvSegmentFromLastRow(a, rows, cols, x, xOffset, y, yOffset);
        }

        @Override
        public void gemvTransposed(double[] a, int aOffset, int rows, int cols, double[] x, int xOffset, double[] y, int yOffset) {
            scalar.gemvTransposed(a, aOffset, rows, cols, x, xOffset, y, yOffset);
        }

        @Override
        public void gemm(double[] a, int aOffset, int rows, int inner, double[] b, int bOffset, int cols,
                         double[] c, int cOffset) {
            scalar.gemm(a, aOffset, rows, inner, b, bOffset, cols, c, cOffset);
        }

        @Override
        public void tanh(double[] in, double[] out, int from, int to) {
            scalar.tanh(in, out, from, to);
        }

        @Override
        public void softplus(double[] in, double[] out, int from, int to) {
            scalar.softplus(in, out, from, to);
        }

        @Override
        public double logSumExp(double[] a, int from, int to) {
            return scalar.logSumExp(a, from, to);
        }

        @Override
        public void relu(double[] in, double[] out, int from, int to) {
            scalar.relu(in, out, from, to);
        }

        @Override
        public void sigmoid(double[] in, double[] out, int from, int to) {
            scalar.sigmoid(in, out, from, to);
        }

        @Override
        public void tanhDifference(double[] z, double[] tanhZ, double[] sech2Z, int offset, double alpha,
                                   double[] v, int vOffset, double[] out, int outOffset, int length) {
            PanamaBatchKernels.tanhDifference(z, tanhZ, sech2Z, offset, alpha, v, vOffset, out, outOffset, length);
        }

        @Override
        public void addExpm1Scaled(double[] p, int pOffset, double alpha, double[] v, int vOffset,
                                   double[] out, int outOffset, int length) {
            PanamaBatchKernels.addExpm1Scaled(p, pOffset, alpha, v, vOffset, out, outOffset, length);
        }

        @Override
        public double sumLog1p(double[] a, int from, int to) {
            return PanamaBatchKernels.sumLog1p(a, from, to);
        }

        @Override
        public void powerSeries(double[] coefficients, int offset, int stride, int terms, double[] x, int xOffset,
                                double[] out, int outOffset, int length) {
            PanamaBatchKernels.powerSeries(coefficients, offset, stride, terms, x, xOffset, out, outOffset, length);
        }
    }
}
