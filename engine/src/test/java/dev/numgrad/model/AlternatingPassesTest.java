package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.workload.Workloads;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The linear models' evaluators pass over X forwards and backwards in turn (for L2 reuse); the
 * value must not depend on which pass a call gets. Shapes with leftover rows (m mod 4 ≠ 0, which
 * a backward pass visits first) and with and without a vector tail, on both kernel providers;
 * every call of a run of five at the same point, and at a moved point, gives a fresh evaluator's
 * bits.
 */
class AlternatingPassesTest {

    @Test
    void everyCallGivesAFreshEvaluatorsBits() {
        long seed = 20261201;
        Random random = new Random(seed);
        for (KernelSupport kernels : List.of(Kernels.scalar(), Kernels.get())) {
            for (int[] shape : new int[][]{{7, 9}, {13, 33}, {64, 100}, {257, 1000}}) {
                int m = shape[0];
                int n = shape[1];
                for (BundledLoss loss : List.of(Workloads.linreg(m, n, kernels), Workloads.logreg(m, n, kernels))) {
                    double[] x = Workloads.start(n);
                    for (int i = 0; i < n; i++) {
                        x[i] += 0.1 * random.nextGaussian();
                    }
                    Evaluator reused = loss.newEvaluator();
                    for (int call = 0; call < 5; call++) {
                        if (call == 3) {
                            x[n / 2] += 1e-3; // a probe-like move, as in a gradient
                        }
                        double expected = loss.newEvaluator().value(x);
                        double actual = reused.value(x);
                        String what = loss.name() + " on " + kernels.name() + ", call " + call + " (seed " + seed + ")";
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
                    }
                }
            }
        }
    }
}
