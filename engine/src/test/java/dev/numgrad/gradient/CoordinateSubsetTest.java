package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.TestLosses;
import dev.numgrad.fd.Scheme;
import dev.numgrad.loss.Loss;
import dev.numgrad.workload.Workloads;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** {@link NumericGradient#computeCoordinates}: the same bits as the full gradient, at a fraction of the cost. */
class CoordinateSubsetTest {

    private static final long SEED = 20261123L;

    @Test
    void everySlotEqualsTheFullGradientsCoordinateInBothModesAndOnAPool() {
        Loss loss = Workloads.mlp(9, 7, 4, 6);
        double[] x = Workloads.start(loss.dimension());
        Random random = new Random(SEED);
        int[] coordinates = new int[40];
        for (int k = 0; k < coordinates.length; k++) {
            coordinates[k] = random.nextInt(loss.dimension());
        }
        try (ForkJoinPool pool = new ForkJoinPool(3)) {
            for (Mode mode : Mode.values()) {
                for (Scheme scheme : new Scheme[] {Scheme.central(), Scheme.richardson()}) {
                    NumericGradient serial = NumericGradient.defaults().withMode(mode).withScheme(scheme)
                            .withExecution(Execution.serial());
                    GradientResult full = serial.compute(loss, x);
                    GradientResult part = serial.withExecution(Execution.on(pool))
                            .computeCoordinates(loss, x, coordinates);
                    for (int k = 0; k < coordinates.length; k++) {
                        int i = coordinates[k];
                        assertEquals(full.values()[i], part.values()[k], 0.0,
                                mode + " " + scheme.id() + " slot " + k + " = coordinate " + i + ", seed " + SEED);
                        assertEquals(full.errorEstimates() == null, part.errorEstimates() == null);
                        if (full.errorEstimates() != null) {
                            assertEquals(full.errorEstimates()[i], part.errorEstimates()[k], 0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void blackBoxCostsTheSchemesEvaluationsPerListedCoordinate() {
        Loss loss = TestLosses.rosenbrock(50);
        double[] x = TestLosses.startPoint(50);
        GradientResult part = NumericGradient.defaults().withExecution(Execution.serial())
                .computeCoordinates(loss, x, new int[] {0, 49, 7});
        assertEquals(3L * Scheme.central().evaluationsPerCoordinate(), part.evaluations());
        assertArrayEquals(new double[] {
                TestLosses.rosenbrockGradient(x)[0], TestLosses.rosenbrockGradient(x)[49], TestLosses.rosenbrockGradient(x)[7]},
                part.values(), 1e-6);
    }

    @Test
    void aCoordinateOutOfRangeIsNamedBeforeAnyEvaluation() {
        Loss forbidden = TestLosses.forbidden(5);
        double[] x = new double[5];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> NumericGradient.defaults().computeCoordinates(forbidden, x, new int[] {1, 5}));
        assertTrue(e.getMessage().contains("coordinates[1] = 5"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> NumericGradient.defaults().computeCoordinates(forbidden, x, new int[] {-1}));
    }

    @Test
    void noCoordinatesGiveAnEmptyResult() {
        GradientResult none = NumericGradient.defaults().withExecution(Execution.serial())
                .computeCoordinates(TestLosses.sumOfSquares(4), new double[4], new int[0]);
        assertEquals(0, none.dimension());
    }
}
