package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.InputModifiedException;
import dev.numgrad.NonFiniteDerivativeException;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Losses that break the contract in ways a gradient would otherwise hide: a finite loss whose
 * difference quotient overflows, and an evaluator that writes into the x it is given.
 */
class DishonestLossTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(3);

    static Stream<Execution> executions() {
        return Stream.of(Execution.serial(), Execution.on(POOL));
    }

    @ParameterizedTest
    @MethodSource("executions")
    void aQuotientThatOverflowsNamesTheCoordinateInsteadOfReturningInfinity(Execution execution) {
        // f = ±1.5e308 by the sign of x[5]: finite everywhere, but f(h) − f(−h) = 3e308 overflows.
        Loss cliff = Loss.of("cliff", 10, x -> x[5] >= 0 ? 1.5e308 : -1.5e308);
        double[] x = new double[10];
        NonFiniteDerivativeException e = assertThrows(NonFiniteDerivativeException.class,
                () -> NumericGradient.defaults().withExecution(execution).compute(cliff, x));
        assertEquals(5, e.coordinate());
        assertEquals(Double.POSITIVE_INFINITY, e.value());
        assertTrue(e.getMessage().contains("x[5] = 0.0 is Infinity with step"), e.getMessage());
        assertArrayEquals(new double[10], x, 0.0);
    }

    /** An evaluator that adds 1 to x[3] on every call, as a buggy in-place normalisation would. */
    private static Loss scribbler(int n) {
        return new Loss() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public Evaluator newEvaluator() {
                return x -> {
                    x[3] += 1;
                    return x[0] * x[0];
                };
            }

            @Override
            public String name() {
                return "scribbler";
            }
        };
    }

    @ParameterizedTest
    @MethodSource("executions")
    void anEvaluatorThatWritesIntoXIsReportedAndTheCallersXIsUntouched(Execution execution) {
        double[] x = new double[200];
        InputModifiedException e = assertThrows(InputModifiedException.class,
                () -> NumericGradient.defaults().withExecution(execution).compute(scribbler(200), x));
        assertEquals(3, e.index());
        assertEquals(0.0, e.before());
        assertTrue(e.getMessage().startsWith("loss 'scribbler' modified x[3] (0.0 -> "), e.getMessage());
        assertArrayEquals(new double[200], x, 0.0);
    }

    @ParameterizedTest
    @MethodSource("executions")
    void aBaseValueEvaluationThatWritesIntoXIsReportedToo(Execution execution) {
        InputModifiedException e = assertThrows(InputModifiedException.class, () -> NumericGradient.defaults()
                .withScheme(dev.numgrad.fd.Scheme.forward()).withExecution(execution).compute(scribbler(50), new double[50]));
        assertTrue(e.getMessage().contains("the base point x was evaluated"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("executions")
    void aDeltaEvaluatorThatWritesIntoXIsReported(Execution execution) {
        DeltaLoss loss = new DeltaLoss() {
            @Override
            public int dimension() {
                return 64;
            }

            @Override
            public Evaluator newEvaluator() {
                return x -> 0;
            }

            @Override
            public DeltaEvaluator newDeltaEvaluator() {
                return new DeltaEvaluator() {
                    private double[] kept;

                    @Override
                    public double prepare(double[] x) {
                        kept = x;
                        return 0;
                    }

                    @Override
                    public double delta(int i, double step) {
                        kept[0] = 7; // keeps a "running" value in x instead of its own field
                        return step;
                    }
                };
            }

            @Override
            public String name() {
                return "mover";
            }
        };
        double[] x = new double[64];
        InputModifiedException e = assertThrows(InputModifiedException.class, () -> NumericGradient.defaults()
                .withMode(Mode.DELTA).withExecution(execution).compute(loss, x));
        assertTrue(e.getMessage().contains("while the delta gradient was computed"), e.getMessage());
        assertArrayEquals(new double[64], x, 0.0);
    }
}
