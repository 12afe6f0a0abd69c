package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.LogisticRegression;
import dev.numgrad.loss.Rosenbrock;
import dev.numgrad.loss.Workloads;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run fed by numeric gradients follows the run fed by exact ones: the central difference is
 * off by O(h²) ≈ 1e-10 relative, and a contracting descent does not amplify that. Measured
 * worst differences over the whole path: 2e-10 (momentum, logistic), 2e-7 (Adam, MLP), 6e-9
 * (Nesterov, Rosenbrock); the tolerances leave a margin of 17–50×. The numeric
 * source here is the test-local {@link CentralDifferenceSource}; the engine's
 * {@code NumericGradient} gets the same test once it is merged.
 */
class NumericPathTest {

    static Stream<Arguments> runs() {
        DifferentiableLoss mlp = TestLosses.mlp(4, 8, 3, 24);
        DifferentiableLoss rosenbrock = new Rosenbrock(2);
        double[][] x = TestLosses.gaussianDesign(77, 30, 3);
        double[] labels = new double[30];
        for (int r = 0; r < 30; r++) {
            labels[r] = x[r][0] - x[r][2] + 0.5 * Math.sin(r) > 0 ? 1 : 0;
        }
        DifferentiableLoss logistic = new LogisticRegression(30, 3, TestLosses.flatten(x), labels);
        return Stream.of(
                Arguments.of("momentum on logistic regression", new DescentLoop(new Momentum(0.5, 0.9), 200),
                        logistic, new double[3], 1e-8),
                // Adam divides by √v̂ per coordinate, so a coordinate whose gradient is tiny turns
                // the difference's absolute error into a large relative one: looser tolerance.
                Arguments.of("adam on the mlp", new DescentLoop(new Adam(0.05), 100),
                        mlp, Workloads.start(mlp.dimension()), 1e-5),
                Arguments.of("nesterov on rosenbrock", new DescentLoop(new Nesterov(1e-3, 0.9), 300),
                        rosenbrock, new double[] {-1.2, 1}, 1e-7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void numericAndExactGradientsFollowTheSamePath(String name, DescentLoop loop, DifferentiableLoss loss,
                                                   double[] start, double tolerance) {
        RecordingSource exact = new RecordingSource(GradientSource.exact(loss));
        RecordingSource numeric = new RecordingSource(new CentralDifferenceSource(loss));
        DescentResult exactRun = loop.run(exact, start);
        DescentResult numericRun = loop.run(numeric, start);
        assertEquals(exactRun.iterations(), numericRun.iterations());
        double worst = 0;
        for (int k = 0; k < exact.points.size(); k++) {
            worst = Math.max(worst, LinearAlgebra.maxAbsDifference(exact.points.get(k), numeric.points.get(k)));
        }
        assertTrue(worst <= tolerance, name + ": paths differ by " + worst);
        assertEquals(exactRun.loss(), numericRun.loss(), tolerance * Math.max(1, Math.abs(exactRun.loss())));
    }
}
