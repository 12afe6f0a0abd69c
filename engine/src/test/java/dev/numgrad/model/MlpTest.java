package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.workload.MlpWorkload;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTest {

    private static final List<List<HiddenLayer>> ARCHITECTURES = List.of(
            List.of(),
            List.of(HiddenLayer.tanh(5)),
            List.of(new HiddenLayer(4, Activation.RELU)),
            List.of(new HiddenLayer(6, Activation.SIGMOID)),
            List.of(new HiddenLayer(5, Activation.RELU), new HiddenLayer(3, Activation.SIGMOID)),
            List.of(new HiddenLayer(4, Activation.SIGMOID), HiddenLayer.tanh(3), new HiddenLayer(3, Activation.RELU)));

    @Test
    void workloadParameterCountsAreTheSpecifiedOnes() {
        // WORKLOADS.md: P = h·d + h + k·h + k and its table of standard sizes
        assertEquals(4_810, new MlpWorkload(64, 64, 10, 32).parameterCount());
        assertEquals(101_770, new MlpWorkload(784, 128, 10, 32).parameterCount());
        assertEquals(795_010, new MlpWorkload(784, 1000, 10, 32).parameterCount());
        assertEquals(1_009_660, new MlpWorkload(784, 1270, 10, 32).parameterCount());
        assertEquals(4_810, Mlp.workload(64, 64, 10, 32).dimension());
        assertEquals("mlp(64,64,10,32)", Mlp.workload(64, 64, 10, 32).name());
    }

    @Test
    void workloadDataAndStartPointFollowTheSpecification() {
        MlpWorkload workload = new MlpWorkload(7, 5, 3, 11);
        double[][] x = workload.inputMatrix();
        int[] labels = workload.labels();
        double[] theta = workload.startPoint();
        for (int s = 0; s < 11; s++) {
            assertEquals(s % 3, labels[s]);
            for (int j = 0; j < 7; j++) {
                assertEquals(Math.sin(0.7 * s + 0.13 * j), x[s][j], 0.0);
            }
        }
        for (int i = 0; i < theta.length; i++) {
            assertEquals(0.1 * Math.sin(0.37 * i + 0.1), theta[i], 0.0);
        }
        // the workload loss is the specified network on that data
        MlpReference reference = new MlpReference(x, labels, 3, List.of(HiddenLayer.tanh(5)));
        assertEquals(reference.value(theta), workload.loss(Kernels.scalar()).newEvaluator().value(theta), 1e-14);
    }

    @Test
    void oneHiddenLayerLayoutIsW1B1W2B2() {
        int d = 4;
        int h = 3;
        int k = 3;
        MlpWorkload workload = new MlpWorkload(d, h, k, 6);
        Mlp mlp = workload.loss(Kernels.scalar());
        assertEquals(0, mlp.weightOffset(0));
        assertEquals(h * d, mlp.biasOffset(0));
        assertEquals(h * d + h, mlp.weightOffset(1));
        assertEquals(h * d + h + k * h, mlp.biasOffset(1));
        // Move one flattened index at a time and compare with a forward pass that reads
        // W1[j][c], b1[j], W2[c][j], b2[c] from named matrices.
        double[] theta = workload.startPoint();
        Evaluator evaluator = mlp.newEvaluator();
        double[][] x = workload.inputMatrix();
        int[] labels = workload.labels();
        for (int i = 0; i < theta.length; i++) {
            double[][] w1 = new double[h][d];
            double[] b1 = new double[h];
            double[][] w2 = new double[k][h];
            double[] b2 = new double[k];
            int next = 0;
            for (int j = 0; j < h; j++) {
                for (int c = 0; c < d; c++) {
                    w1[j][c] = theta[next++];
                }
            }
            for (int j = 0; j < h; j++) {
                b1[j] = theta[next++];
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < h; j++) {
                    w2[c][j] = theta[next++];
                }
            }
            for (int c = 0; c < k; c++) {
                b2[c] = theta[next++];
            }
            // the named entry that index i must be
            String where;
            if (i < h * d) {
                w1[i / d][i % d] += 0.75;
                where = "W1[" + i / d + "][" + i % d + "]";
            } else if (i < h * d + h) {
                b1[i - h * d] += 0.75;
                where = "b1[" + (i - h * d) + "]";
            } else if (i < h * d + h + k * h) {
                int local = i - h * d - h;
                w2[local / h][local % h] += 0.75;
                where = "W2[" + local / h + "][" + local % h + "]";
            } else {
                b2[i - h * d - h - k * h] += 0.75;
                where = "b2[" + (i - h * d - h - k * h) + "]";
            }
            double expected = namedForward(x, labels, w1, b1, w2, b2);
            double[] moved = theta.clone();
            moved[i] += 0.75;
            assertEquals(expected, evaluator.value(moved), 1e-14, "index " + i + " should be " + where);
        }
    }

    private static double namedForward(double[][] x, int[] labels, double[][] w1, double[] b1, double[][] w2, double[] b2) {
        double total = 0;
        for (int s = 0; s < x.length; s++) {
            double[] hidden = new double[b1.length];
            for (int j = 0; j < hidden.length; j++) {
                double z = b1[j];
                for (int c = 0; c < x[s].length; c++) {
                    z += w1[j][c] * x[s][c];
                }
                hidden[j] = Math.tanh(z);
            }
            double expSum = 0;
            double labelLogit = 0;
            for (int c = 0; c < b2.length; c++) {
                double logit = b2[c];
                for (int j = 0; j < hidden.length; j++) {
                    logit += w2[c][j] * hidden[j];
                }
                expSum += Math.exp(logit);
                if (c == labels[s]) {
                    labelLogit = logit;
                }
            }
            total += Math.log(expSum) - labelLogit;
        }
        return total / x.length;
    }

    @Test
    void valueMatchesAPlainLoopImplementation() {
        for (int a = 0; a < ARCHITECTURES.size(); a++) {
            long seed = 1000 + a;
            MlpReference reference = MlpReference.random(seed, 7, 4, 9, ARCHITECTURES.get(a));
            Mlp mlp = reference.mlp(Kernels.scalar());
            assertEquals(reference.dimension(), mlp.dimension());
            Evaluator evaluator = mlp.newEvaluator();
            for (int trial = 0; trial < 3; trial++) {
                double[] theta = reference.randomPoint(seed * 31 + trial, 0.7);
                double[] copy = theta.clone();
                double expected = reference.value(theta);
                assertEquals(expected, evaluator.value(theta), 1e-13 * Math.max(1, Math.abs(expected)),
                        "seed " + seed + ", trial " + trial + ", " + mlp.name());
                assertTrue(java.util.Arrays.equals(copy, theta), "x modified, seed " + seed);
            }
        }
    }

    @Test
    void scalarAndSelectedKernelsAgree() {
        // Relative 1e-13: the paths differ only in summation order and the last ulp of tanh.
        KernelSupport selected = Kernels.get();
        for (int a = 0; a < ARCHITECTURES.size(); a++) {
            long seed = 2000 + a;
            MlpReference reference = MlpReference.random(seed, 37, 5, 13, ARCHITECTURES.get(a));
            double[] theta = reference.randomPoint(seed, 0.3);
            double scalar = reference.mlp(Kernels.scalar()).newEvaluator().value(theta);
            double other = reference.mlp(selected).newEvaluator().value(theta);
            assertEquals(scalar, other, 1e-13 * Math.abs(scalar), "seed " + seed + ", kernels " + selected.name());
            double[] gScalar = new double[theta.length];
            double[] gOther = new double[theta.length];
            reference.mlp(Kernels.scalar()).newExactGradient().valueAndGradient(theta, gScalar);
            reference.mlp(selected).newExactGradient().valueAndGradient(theta, gOther);
            assertTrue(MlpReference.errInf(gOther, gScalar) <= 1e-12, "gradient, seed " + seed);
        }
    }

    @Test
    void badInputIsRejectedWithTheOffendingValue() {
        double[][] x = {{1, 2}, {3, 4}};
        List<HiddenLayer> hidden = List.of(HiddenLayer.tanh(2));
        assertMessage("labels[1] = 3 is not in [0, 3)", () -> new Mlp(x, new int[]{0, 3}, 3, hidden));
        assertMessage("labels length 1 != input rows 2", () -> new Mlp(x, new int[]{0}, 3, hidden));
        assertMessage("inputs[1][0] is NaN", () -> new Mlp(new double[][]{{1, 2}, {Double.NaN, 4}}, new int[]{0, 1}, 3, hidden));
        assertMessage("inputs[1] has 1 features, inputs[0] has 2", () -> new Mlp(new double[][]{{1, 2}, {3}}, new int[]{0, 1}, 3, hidden));
        assertMessage("mlp classes must be at least 2, got 1", () -> new Mlp(x, new int[]{0, 0}, 1, hidden));
        assertMessage("hidden layer units must be at least 1, got 0", () -> new HiddenLayer(0, Activation.RELU));
        assertMessage("mlp hidden h must be at least 1, got 0", () -> new MlpWorkload(3, 0, 2, 4));
        Mlp mlp = new Mlp(x, new int[]{0, 1}, 3, hidden);
        assertMessage("dimension 3 != loss dimension 15 of mlp(2,2,3,2)", () -> mlp.newEvaluator().value(new double[3]));
        assertMessage("dimension 3 != loss dimension 15 of mlp(2,2,3,2)", () -> mlp.newDeltaEvaluator().prepare(new double[3]));
        assertMessage("gradient length 2 != loss dimension 15",
                () -> mlp.newExactGradient().valueAndGradient(new double[15], new double[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> mlp.weightOffset(2));
    }

    @Test
    void callerArraysAreCopied() {
        double[][] x = {{1, 2}, {3, 4}};
        int[] labels = {0, 1};
        Mlp mlp = new Mlp(x, labels, 2, List.of(HiddenLayer.tanh(2)), Kernels.scalar());
        double[] theta = new MlpWorkload(2, 2, 2, 2).startPoint();
        double before = mlp.newEvaluator().value(theta);
        x[0][0] = 100;
        labels[0] = 1;
        assertEquals(before, mlp.newEvaluator().value(theta), 0.0);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        Throwable thrown = assertThrows(RuntimeException.class, executable);
        assertEquals(expected, thrown.getMessage());
    }
}
