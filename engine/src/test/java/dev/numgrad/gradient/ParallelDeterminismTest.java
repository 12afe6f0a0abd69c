package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.TestLosses;
import dev.numgrad.fd.Scheme;
import dev.numgrad.loss.DeltaLoss;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-threaded gradient is the single-threaded one, bit for bit. */
class ParallelDeterminismTest {

    private static final int[] WORKERS = {1, 2, 3, 8};
    private static final int[] SIZES = {1, 7, 1001};
    private static ForkJoinPool[] pools;

    @BeforeAll
    static void createPools() {
        pools = new ForkJoinPool[WORKERS.length];
        for (int k = 0; k < WORKERS.length; k++) {
            pools[k] = new ForkJoinPool(WORKERS[k]);
        }
    }

    @AfterAll
    static void closePools() {
        for (ForkJoinPool pool : pools) {
            pool.close();
        }
    }

    @Test
    void parallelGradientsAreBitIdenticalToSerialInBothModesForEveryScheme() {
        long seed = 7_2026_11_23L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int n : SIZES) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                // Mixed magnitudes so per-coordinate steps differ.
                x[i] = (random.nextDouble() * 4 - 2) * Math.pow(10, random.nextInt(-3, 3));
            }
            for (DeltaLoss loss : new DeltaLoss[] {TestLosses.rosenbrock(n), TestLosses.sumOfSquares(n)}) {
                for (Mode mode : Mode.values()) {
                    for (Scheme scheme : Scheme.all()) {
                        NumericGradient numeric = NumericGradient.defaults().withScheme(scheme).withMode(mode);
                        GradientResult serial = numeric.withExecution(Execution.serial()).compute(loss, x);
                        for (ForkJoinPool pool : pools) {
                            GradientResult parallel = numeric.withExecution(Execution.on(pool)).compute(loss, x);
                            String what = "seed " + seed + ", " + loss.name() + " n=" + n + " " + mode + " "
                                    + scheme.id() + " on " + pool.getParallelism() + " workers";
                            assertArrayEquals(serial.values(), parallel.values(), what);
                            assertArrayEquals(serial.errorEstimates(), parallel.errorEstimates(), what);
                            if (mode == Mode.BLACK_BOX) {
                                assertEquals(serial.evaluations(), parallel.evaluations(), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theCommonPoolGivesTheSerialAnswerToo() {
        double[] x = TestLosses.startPoint(4099);
        DeltaLoss loss = TestLosses.rosenbrock(4099);
        for (Mode mode : Mode.values()) {
            NumericGradient numeric = NumericGradient.defaults().withMode(mode);
            assertArrayEquals(numeric.withExecution(Execution.serial()).compute(loss, x).values(),
                    numeric.compute(loss, x).values(), mode.id());
        }
    }
}
