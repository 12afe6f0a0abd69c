package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.InputModifiedException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.SegmentEvaluator;
import dev.numgrad.model.Rosenbrock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The black-box path for a {@link SegmentEvaluator}: each worker's private copy of x in a
 * cache-line-aligned segment gives the array path's gradient bit for bit, and a loss that writes
 * into its segment is caught like one that writes into its array.
 */
class SegmentBlackBoxWorkerTest {

    private static final ForkJoinPool TWO_WORKERS = new ForkJoinPool(2);

    @AfterAll
    static void shutDown() {
        TWO_WORKERS.shutdown();
    }

    static Stream<Arguments> rosenbrocks() {
        KernelSupport panama = Kernels.panama().orElseThrow(() -> new AssertionError(
                "the Panama kernels are unavailable: tests must run with --add-modules jdk.incubator.vector"));
        return Stream.of(Kernels.scalar(), panama).flatMap(kernels -> Stream.of(2, 33, 1021, 4099)
                .map(n -> Arguments.of(kernels, n)));
    }

    /** The same loss with only its array value visible, so the engine takes the array path. */
    private static Loss arrayOnly(Loss loss) {
        Evaluator evaluator = loss.newEvaluator();
        return Loss.of(loss.name(), loss.dimension(), x -> evaluator.value(x));
    }

    @ParameterizedTest(name = "{0} rosen({1})")
    @MethodSource("rosenbrocks")
    void theSegmentPathGivesTheArrayPathsGradientBitForBit(KernelSupport kernels, int n) {
        Rosenbrock rosen = new Rosenbrock(n, kernels);
        assertInstanceOf(SegmentEvaluator.class, rosen.newEvaluator(), "rosen offers the segment path");
        long seed = 31L * n + kernels.name().hashCode();
        double[] x = new Random(seed).doubles(n, -2, 2).toArray();
        double[] before = x.clone();
        for (Scheme scheme : Scheme.all()) {
            for (Execution execution : new Execution[] {Execution.serial(), Execution.on(TWO_WORKERS)}) {
                NumericGradient gradient = NumericGradient.defaults().withScheme(scheme).withExecution(execution);
                GradientResult viaArrays = gradient.compute(arrayOnly(rosen), x);
                GradientResult viaSegments = gradient.compute(rosen, x);
                String context = kernels.name() + " rosen(" + n + ") " + scheme + " on " + execution
                        + " (seed " + seed + ")";
                assertArrayEquals(viaArrays.values(), viaSegments.values(), context);
                assertEquals(viaArrays.evaluations(), viaSegments.evaluations(), context);
            }
        }
        assertArrayEquals(before, x, "the caller's x");
    }

    @Test
    void theWorkerKeepsItsCopyInACacheLineAlignedSegmentOnlyForASegmentEvaluator() {
        double[] x = {0.5, -1.25, 3.0, 7.0, -0.0};
        Job job = job(x);
        BlackBoxWorker aligned = BlackBoxWorker.of(job, new Rosenbrock(x.length, Kernels.scalar()));
        assertInstanceOf(SegmentBlackBoxWorker.class, aligned);
        BlackBoxWorker array = BlackBoxWorker.of(job, arrayOnly(new Rosenbrock(x.length, Kernels.scalar())));
        assertEquals(BlackBoxWorker.class, array.getClass());
        assertArrayEquals(x, array.x);
    }

    /** Adds 1 to x[3] in its segment on every {@code value(MemorySegment)} call, a buggy in-place update. */
    private static final class SegmentScribbler implements SegmentEvaluator {

        boolean scribble = true;

        @Override
        public double value(double[] x) {
            return x[0] * x[0] + x[3];
        }

        @Override
        public double value(MemorySegment x) {
            double x3 = x.getAtIndex(ValueLayout.JAVA_DOUBLE, 3);
            if (scribble) {
                x.setAtIndex(ValueLayout.JAVA_DOUBLE, 3, x3 + 1);
            }
            double x0 = x.getAtIndex(ValueLayout.JAVA_DOUBLE, 0);
            return x0 * x0 + x3;
        }
    }

    private static Loss scribbler(int n, SegmentScribbler evaluator) {
        return new Loss() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public Evaluator newEvaluator() {
                return evaluator;
            }

            @Override
            public String name() {
                return "segment scribbler";
            }
        };
    }

    @Test
    void aLossThatWritesIntoItsSegmentIsReportedAndTheCallersXIsUntouched() {
        for (Execution execution : new Execution[] {Execution.serial(), Execution.on(TWO_WORKERS)}) {
            double[] x = new double[200];
            InputModifiedException e = assertThrows(InputModifiedException.class, () -> NumericGradient.defaults()
                    .withExecution(execution).compute(scribbler(200, new SegmentScribbler()), x));
            assertEquals(3, e.index(), e::getMessage);
            assertEquals(0.0, e.before());
            assertTrue(e.getMessage().startsWith("loss 'segment scribbler' modified x[3] (0.0 -> "), e.getMessage());
            assertArrayEquals(new double[200], x, 0.0);

            InputModifiedException atBase = assertThrows(InputModifiedException.class, () -> NumericGradient
                    .defaults().withScheme(Scheme.forward()).withExecution(execution)
                    .compute(scribbler(50, new SegmentScribbler()), new double[50]));
            assertTrue(atBase.getMessage().contains("the base point x was evaluated"), atBase.getMessage());
        }
    }

    @Test
    void aWorkerWhoseSegmentWasWrittenIsRestoredAndStaysUsable() {
        double[] x = new Random(5).doubles(8, -1, 1).toArray();
        Job job = job(x);
        SegmentScribbler evaluator = new SegmentScribbler();
        BlackBoxWorker worker = BlackBoxWorker.of(job, scribbler(x.length, evaluator));
        worker.coordinate = 0;
        worker.at(0.25);
        InputModifiedException e = assertThrows(InputModifiedException.class, () -> worker.afterRange(0, 1));
        assertEquals(3, e.index());
        assertEquals(x[3], e.before());
        assertEquals(x[3] + 1, e.after());

        // restored from job.x: the next probes see x, and the next range passes the check
        evaluator.scribble = false;
        worker.coordinate = 3;
        assertEquals(x[0] * x[0] + (x[3] + 0.5), worker.at(0.5));
        worker.coordinate = 0;
        assertEquals((x[0] - 0.5) * (x[0] - 0.5) + x[3], worker.at(-0.5));
        worker.afterRange(1, 3);
        assertEquals(x[0] * x[0] + x[3], worker.valueAtBase());
        assertEquals(4, worker.evaluations);
    }

    private static Job job(double[] x) {
        return new Job("test", Scheme.central(), StepPolicy.scaledToScheme(), x, null, new double[x.length], null);
    }
}
