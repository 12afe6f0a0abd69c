package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.model.LogisticRegression;
import dev.numgrad.model.Rosenbrock;
import dev.numgrad.workload.Workloads;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run fed by the engine's numeric gradient follows the run fed by the exact one, in black-box
 * and in delta mode: the central difference is off by O(h²) ≈ 1e-10 relative, and a
 * contracting descent does not amplify that. Worst differences measured over the whole path
 * (black-box / delta): 1.9e-10 / 1.4e-10 (momentum, logistic regression), 2.3e-9 / 2.3e-9
 * (Nesterov, Rosenbrock), 2.1e-7 / 5.3e-10 (Adam, the bundled mlp(4,8,3,24): delta's exact
 * changes keep Adam's per-coordinate division from amplifying rounding). The tolerances leave a
 * margin of 16–50×.
 */
class NumericPathTest {

    private static final NumericGradient BLACK_BOX = NumericGradient.defaults().withExecution(Execution.serial());
    private static final NumericGradient DELTA = BLACK_BOX.withMode(Mode.DELTA);

    static Stream<Arguments> runs() {
        DifferentiableLoss mlp = Workloads.mlp(4, 8, 3, 24);
        DifferentiableLoss rosenbrock = new Rosenbrock(2);
        double[][] x = TestLosses.gaussianDesign(77, 30, 3);
        double[] labels = new double[30];
        for (int r = 0; r < 30; r++) {
            labels[r] = x[r][0] - x[r][2] + 0.5 * Math.sin(r) > 0 ? 1 : 0;
        }
        DifferentiableLoss logistic = new LogisticRegression(30, 3, TestLosses.flatten(x), labels);
        DescentLoop momentum = new DescentLoop(new Momentum(0.5, 0.9), 200);
        DescentLoop nesterov = new DescentLoop(new Nesterov(1e-3, 0.9), 300);
        DescentLoop adam = new DescentLoop(new Adam(0.05), 100);
        return Stream.of(
                Arguments.of("momentum, logistic, black-box", momentum, logistic, BLACK_BOX, new double[3], 1e-8),
                Arguments.of("momentum, logistic, delta", momentum, logistic, DELTA, new double[3], 1e-8),
                Arguments.of("nesterov, rosenbrock, black-box", nesterov, rosenbrock, BLACK_BOX,
                        new double[] {-1.2, 1}, 1e-7),
                Arguments.of("nesterov, rosenbrock, delta", nesterov, rosenbrock, DELTA,
                        new double[] {-1.2, 1}, 1e-7),
                // Adam divides by √v̂ per coordinate, so a coordinate whose gradient is tiny turns
                // the difference's absolute error into a large relative one: looser tolerance.
                Arguments.of("adam, mlp, black-box", adam, mlp, BLACK_BOX, Workloads.start(mlp.dimension()), 1e-5),
                Arguments.of("adam, mlp, delta", adam, mlp, DELTA, Workloads.start(mlp.dimension()), 1e-8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void numericAndExactGradientsFollowTheSamePath(String name, DescentLoop loop, DifferentiableLoss loss,
                                                   NumericGradient numericGradient, double[] start, double tolerance) {
        RecordingSource exact = new RecordingSource(GradientSource.exact(loss));
        RecordingSource numeric = new RecordingSource(GradientSource.numeric(numericGradient, loss));
        DescentResult exactRun = loop.run(exact, start);
        DescentResult numericRun = loop.run(numeric, start);
        assertEquals(exactRun.iterations(), numericRun.iterations());
        assertTrue(exactRun.loss() < exactRun.trace().loss().get(0) / 10, name + ": the run goes somewhere");
        double worst = 0;
        for (int k = 0; k < exact.points.size(); k++) {
            worst = Math.max(worst, LinearAlgebra.maxAbsDifference(exact.points.get(k), numeric.points.get(k)));
        }
        assertTrue(worst <= tolerance, name + ": paths differ by " + worst);
        assertEquals(exactRun.loss(), numericRun.loss(), tolerance * Math.max(1, Math.abs(exactRun.loss())));
    }
}
