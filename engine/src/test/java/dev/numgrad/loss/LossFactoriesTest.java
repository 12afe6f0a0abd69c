package dev.numgrad.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.InvalidDimensionException;
import dev.numgrad.LossEvaluationException;
import dev.numgrad.Sneaky;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientSource;
import dev.numgrad.optim.Sgd;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossFactoriesTest {

    private static final long SEED = 91L;

    private static double quartic(double[] x) {
        double f = 0;
        for (double v : x) {
            f += v * v * v * v;
        }
        return f;
    }

    private static double[] point(int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-2, 2);
        }
        return x;
    }

    @Test
    void aDifferentiableLossFromLambdasGivesItsExactGradientToTheDescentLoop() {
        DifferentiableLoss bowl = DifferentiableLoss.of("bowl", 2,
                x -> x[0] * x[0] + 10 * x[1] * x[1],
                (x, g) -> {
                    g[0] = 2 * x[0];
                    g[1] = 20 * x[1];
                    return x[0] * x[0] + 10 * x[1] * x[1];
                });
        double[] numeric = NumericGradient.defaults().compute(bowl, new double[] {3, -1}).values();
        assertArrayEquals(new double[] {6, -20}, numeric, 1e-8);
        DescentResult result = new DescentLoop(new Sgd(0.04), 500).run(GradientSource.exact(bowl), new double[] {3, -1});
        assertTrue(result.loss() < 1e-12, result.toString());
        assertEquals("exact gradient of bowl", GradientSource.exact(bowl).toString());
    }

    @Test
    void aDeltaLossFromLambdasMatchesItsBlackBoxGradient() {
        int n = 64;
        DeltaLoss loss = DeltaLoss.of("quartic", n, LossFactoriesTest::quartic, (x, i, s) -> {
            double a = x[i];
            double b = a + s;
            return (b * b - a * a) * (b * b + a * a);
        });
        double[] x = point(n);
        double[] blackBox = NumericGradient.defaults().compute(loss, x).values();
        double[] delta = NumericGradient.defaults().withMode(Mode.DELTA).compute(loss, x).values();
        assertTrue(GradientError.relativeInf(delta, blackBox) < 1e-8, "seed " + SEED);
        // The evaluator copied x at prepare: changing the caller's array afterwards changes nothing.
        DeltaEvaluator evaluator = loss.newDeltaEvaluator();
        double[] base = x.clone();
        evaluator.prepare(base);
        double before = evaluator.delta(3, 0.5);
        base[3] = 100;
        assertEquals(before, evaluator.delta(3, 0.5));
    }

    @Test
    void namesAreRequiredOrDefaultedNeverBlank() {
        assertEquals("function", Loss.of(2, x -> 0).name());
        assertThrows(IllegalArgumentException.class, () -> Loss.of("", 2, x -> 0));
        assertThrows(IllegalArgumentException.class, () -> DeltaLoss.of(" ", 2, x -> 0, (x, i, s) -> 0));
        assertThrows(IllegalArgumentException.class, () -> DifferentiableLoss.of("\t", 2, x -> 0, (x, g) -> 0));
        assertThrows(NullPointerException.class, () -> Loss.of(null, 2, x -> 0));
        Loss anonymous = new Loss() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public Evaluator newEvaluator() {
                return x -> 0;
            }
        };
        assertFalse(anonymous.name().isBlank(), "an anonymous class has an empty simple name");
    }

    @Test
    void anInvalidDimensionIsRejectedBeforeAnythingIsEvaluatedOrAllocated() {
        assertEquals("loss 'flat' has dimension 0; a loss needs at least 1 parameter",
                assertThrows(InvalidDimensionException.class, () -> Loss.of("flat", 0, x -> 0)).getMessage());
        Loss negative = new Loss() {
            @Override
            public int dimension() {
                return -1;
            }

            @Override
            public Evaluator newEvaluator() {
                throw new AssertionError("never called");
            }

            @Override
            public String name() {
                return "negative";
            }
        };
        InvalidDimensionException e = assertThrows(InvalidDimensionException.class,
                () -> NumericGradient.defaults().compute(negative, new double[0]));
        assertEquals("loss 'negative' has dimension -1; a loss needs at least 1 parameter", e.getMessage());
        assertEquals(-1, e.dimension());
        assertThrows(InvalidDimensionException.class,
                () -> NumericGradient.defaults().computeCoordinates(negative, new double[0], new int[0]));
        assertThrows(InvalidDimensionException.class,
                () -> GradientSource.numeric(NumericGradient.defaults(), negative));
    }

    @Test
    void aCheckedExceptionFromAUserLossNamesTheLossAndTheCoordinateAndKeepsTheCause() {
        double[] x = point(60);
        double at = x[50];
        Loss loss = Loss.of("reads a file", 60, p -> {
            if (p[50] != at) {
                throw Sneaky.<RuntimeException>raise(new IOException("weights.bin vanished"));
            }
            return quartic(p);
        });
        for (NumericGradient numeric : new NumericGradient[] {NumericGradient.defaults(),
                NumericGradient.defaults().withExecution(dev.numgrad.gradient.Execution.serial())}) {
            LossEvaluationException e = assertThrows(LossEvaluationException.class, () -> numeric.compute(loss, x));
            assertEquals(50, e.coordinate());
            assertInstanceOf(IOException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("loss 'reads a file' threw at coordinate 50"), e.getMessage());
        }
        DeltaLoss delta = DeltaLoss.of("delta reads a file", 60, LossFactoriesTest::quartic, (p, i, s) -> {
            if (i == 7) {
                throw Sneaky.<RuntimeException>raise(new IOException("cache vanished"));
            }
            return 0;
        });
        LossEvaluationException e = assertThrows(LossEvaluationException.class,
                () -> NumericGradient.defaults().withMode(Mode.DELTA).compute(delta, x));
        assertEquals(7, e.coordinate());
        assertInstanceOf(IOException.class, e.getCause());
        assertTrue(e.getMessage().contains("'delta reads a file'"), e.getMessage());
    }
}
