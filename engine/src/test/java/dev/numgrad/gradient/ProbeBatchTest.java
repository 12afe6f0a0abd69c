package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.numgrad.fd.Scheme;
import dev.numgrad.loss.Loss;
import dev.numgrad.workload.Workloads;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batched black-box probes ({@code NumericGradient.probeBatch} > 1) give the one-probe gradient
 * bit for bit on the linear models, whose batch values are their plain values to the bit, for
 * every scheme, serial and on a pool, whole and on a coordinate subset; and the result says which
 * batch was used.
 */
class ProbeBatchTest {

    private static ForkJoinPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ForkJoinPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static List<Loss> losses() {
        return List.of(Workloads.linreg(13, 37), Workloads.logreg(9, 61), Workloads.linreg(8, 200));
    }

    @Test
    void batchedProbesGiveTheOneProbeGradientBitForBit() {
        for (Loss loss : losses()) {
            double[] x = Workloads.start(loss.dimension());
            for (Scheme scheme : Scheme.all()) {
                NumericGradient one = NumericGradient.defaults().withScheme(scheme).withExecution(Execution.serial());
                GradientResult reference = one.compute(loss, x);
                assertEquals(1, reference.probeBatch());
                for (int k : new int[] {2, 3, 8}) {
                    for (Execution execution : new Execution[] {Execution.serial(), Execution.on(pool)}) {
                        GradientResult batched = one.withProbeBatch(k).withExecution(execution).compute(loss, x);
                        String context = loss.name() + " " + scheme.id() + " K " + k + " " + execution;
                        assertArrayEquals(reference.values(), batched.values(), context);
                        assertEquals(reference.evaluations(), batched.evaluations(), context + " evaluations");
                        assertEquals(k, batched.probeBatch(), context);
                        if (reference.hasErrorEstimates()) {
                            assertArrayEquals(reference.errorEstimates(), batched.errorEstimates(), context);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCoordinateSubsetIsBatchedToo() {
        Loss loss = Workloads.logreg(9, 61);
        double[] x = Workloads.start(loss.dimension());
        int[] coordinates = {60, 0, 17, 17, 33};
        NumericGradient one = NumericGradient.defaults().withExecution(Execution.serial());
        assertArrayEquals(one.computeCoordinates(loss, x, coordinates).values(),
                one.withProbeBatch(4).withExecution(Execution.on(pool)).computeCoordinates(loss, x, coordinates).values());
    }

    @Test
    void lossesWithoutBatchesAndDeltaModeReportOneProbePerEvaluation() {
        Loss bowl = Loss.of("bowl", 3, v -> v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        NumericGradient batched = NumericGradient.defaults().withProbeBatch(8);
        assertEquals(1, batched.compute(bowl, new double[] {1, 2, 3}).probeBatch());
        Loss linreg = Workloads.linreg(5, 7);
        assertEquals(1, batched.withMode(Mode.DELTA).compute(linreg, Workloads.start(7)).probeBatch());
    }

    @Test
    void aBatchBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericGradient.defaults().withProbeBatch(0));
        assertEquals("probeBatch must be at least 1, got 0", e.getMessage());
    }
}
