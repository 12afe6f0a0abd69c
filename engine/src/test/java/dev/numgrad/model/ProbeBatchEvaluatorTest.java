package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ProbeBatchEvaluator;
import dev.numgrad.loss.ProbeBatchLoss;
import dev.numgrad.workload.Workloads;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linear models' batched probes give each point the bits of {@link Evaluator#value} on the
 * same kernels: what lets a black-box gradient group its probes without changing its result.
 * Shapes cover rows that are and are not a multiple of four, columns shorter than two vectors
 * (the kernel's scalar path) and with a scalar tail; probes repeat coordinates and use both signs.
 */
class ProbeBatchEvaluatorTest {

    private static final long SEED = 1212;

    static List<Arguments> cases() {
        KernelSupport panama = Kernels.get();
        KernelSupport scalar = Kernels.scalar();
        return List.of(
                Arguments.of("linreg", Workloads.linreg(256, 1000, panama)),
                Arguments.of("linreg", Workloads.linreg(7, 13, panama)),
                Arguments.of("linreg scalar", Workloads.linreg(9, 37, scalar)),
                Arguments.of("logreg", Workloads.logreg(256, 1000, panama)),
                Arguments.of("logreg", Workloads.logreg(5, 3, panama)),
                Arguments.of("logreg scalar", Workloads.logreg(9, 37, scalar)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyProbeIsTheValueOfItsPointBitForBit(String label, ProbeBatchLoss loss) {
        int n = loss.dimension();
        Random random = new Random(SEED + n);
        double[] x = Workloads.start(n);
        double[] before = x.clone();
        int maxProbes = 7;
        ProbeBatchEvaluator batch = loss.newProbeBatchEvaluator(maxProbes);
        Evaluator single = loss.newEvaluator();
        assertEquals(maxProbes, batch.maxProbes());
        for (int count : new int[] {1, 4, 5, maxProbes}) {
            int[] coordinates = new int[count];
            double[] steps = new double[count];
            for (int j = 0; j < count; j++) {
                coordinates[j] = j % 2 == 1 ? coordinates[j - 1] : random.nextInt(n);
                steps[j] = (j % 2 == 1 ? -1 : 1) * 0x1p-18 * (1 + random.nextInt(4));
            }
            double[] values = new double[count];
            batch.values(x, coordinates, steps, count, values);
            double[] expected = new double[count];
            for (int j = 0; j < count; j++) {
                double[] point = x.clone();
                point[coordinates[j]] += steps[j];
                expected[j] = single.value(point);
            }
            assertArrayEquals(expected, values, label + " " + loss.name() + ", " + count + " probes (seed "
                    + (SEED + n) + ")");
            assertArrayEquals(before, x, "x is not modified");
        }
        assertEquals(single.value(x), batch.value(x), "the batch evaluator is a plain evaluator too");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void badCallsAreRejectedNamingTheValue(String label, ProbeBatchLoss loss) {
        ProbeBatchEvaluator batch = loss.newProbeBatchEvaluator(2);
        double[] x = Workloads.start(loss.dimension());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> batch.values(x, new int[3], new double[3], 3, new double[3]));
        assertEquals("probe count 3 is not in [0, 2]", tooMany.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> batch.values(x, new int[] {loss.dimension()}, new double[1], 1, new double[1]));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.values(x, new int[1], new double[1], 1, new double[0]));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> loss.newProbeBatchEvaluator(0));
        assertEquals("maxProbes must be at least 1, got 0", zero.getMessage());
    }
}
