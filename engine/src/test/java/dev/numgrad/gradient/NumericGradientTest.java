package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.GradientCancelledException;
import dev.numgrad.InvalidStepException;
import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.NonFiniteParameterException;
import dev.numgrad.TestLosses;
import dev.numgrad.UnsupportedModeException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Loss;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NumericGradientTest {

    private static final int N = 300;
    private static ForkJoinPool pool;

    @BeforeAll
    static void createPool() {
        pool = new ForkJoinPool(3);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** Serial and on the shared pool: every failure test runs on both. */
    private static NumericGradient[] executions(NumericGradient base) {
        return new NumericGradient[] {base.withExecution(Execution.serial()), base.withExecution(Execution.on(pool))};
    }

    /**
     * Runs {@code failing}, which must throw {@code type}; then checks that x is unchanged and that
     * the same execution computes a correct gradient right after.
     */
    private static <T extends Throwable> T failsThenRecovers(Class<T> type, NumericGradient numeric, double[] x,
            Function<NumericGradient, Executable> failing) {
        double[] before = x.clone();
        T thrown = assertThrows(type, failing.apply(numeric));
        assertArrayEquals(before, x, "the caller's x was modified");
        double[] point = TestLosses.startPoint(N);
        GradientResult next = numeric.withCancellation(CancellationToken.none()).withProgress(ProgressListener.NONE)
                .withMode(Mode.BLACK_BOX).withScheme(Scheme.central()).withSteps(StepPolicy.scaledToScheme())
                .compute(TestLosses.rosenbrock(N), point);
        assertArrayEquals(TestLosses.rosenbrockGradient(point), next.values(), 1e-7, "gradient after the failure");
        return thrown;
    }

    @Test
    void dimensionMismatchIsReportedBeforeAnyEvaluation() {
        for (Mode mode : Mode.values()) {
            DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                    () -> NumericGradient.defaults().withMode(mode).compute(TestLosses.forbidden(4), new double[3]));
            assertEquals("x dimension 3 != loss dimension 4", e.getMessage());
            assertEquals(3, e.actual());
            assertEquals(4, e.expected());
        }
        DimensionMismatchException out = assertThrows(DimensionMismatchException.class,
                () -> NumericGradient.defaults().compute(TestLosses.forbidden(4), new double[4], new double[5]));
        assertEquals("out dimension 5 != loss dimension 4", out.getMessage());
        assertThrows(IllegalArgumentException.class, () -> {
            double[] x = new double[4];
            NumericGradient.defaults().compute(TestLosses.forbidden(4), x, x);
        });
    }

    @Test
    void nonFiniteParametersAreNamedBeforeAnyEvaluation() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] x = TestLosses.startPoint(20);
            x[17] = bad;
            x[19] = Double.NaN;
            double[] before = x.clone();
            NonFiniteParameterException e = assertThrows(NonFiniteParameterException.class,
                    () -> NumericGradient.defaults().compute(TestLosses.forbidden(20), x));
            assertEquals("x[17] is " + bad, e.getMessage());
            assertEquals(17, e.index());
            assertArrayEquals(before, x);
        }
    }

    @Test
    void invalidStepsAreRejectedBeforeAnyEvaluation() {
        assertThrows(InvalidStepException.class, () -> StepPolicy.absolute(0));
        assertThrows(InvalidStepException.class, () -> StepPolicy.absolute(-1e-4));
        assertThrows(InvalidStepException.class, () -> StepPolicy.absolute(Double.NaN));
        assertThrows(InvalidStepException.class, () -> StepPolicy.relative(Double.POSITIVE_INFINITY));

        double[] x = {1, 2, 1e6, 4};
        InvalidStepException vanishing = assertThrows(InvalidStepException.class, () -> NumericGradient.defaults()
                .withSteps(StepPolicy.absolute(1e-11)).compute(TestLosses.forbidden(4), x));
        assertEquals(2, vanishing.coordinate());
        assertTrue(vanishing.getMessage().contains("x[2] = 1000000.0"), vanishing.getMessage());

        double[] huge = {1, 1e300, 3};
        InvalidStepException infinite = assertThrows(InvalidStepException.class, () -> NumericGradient.defaults()
                .withSteps(StepPolicy.relative(1e10)).compute(TestLosses.forbidden(3), huge));
        assertEquals(1, infinite.coordinate());
    }

    @Test
    void deltaModeOnALossWithoutDeltaIsAnErrorNotAFallback() {
        Loss plain = Loss.of("plain", 3, x -> {
            throw new AssertionError("evaluated");
        });
        UnsupportedModeException e = assertThrows(UnsupportedModeException.class,
                () -> NumericGradient.defaults().withMode(Mode.DELTA).compute(plain, new double[3]));
        assertTrue(e.getMessage().contains("delta") && e.getMessage().contains("'plain'"), e.getMessage());
    }

    @Test
    void aLossThatThrowsIsNamedByCoordinateWithItsCause() {
        double[] x = TestLosses.startPoint(N);
        Loss loss = TestLosses.failingAt(N, x, 123, 0, true);
        for (NumericGradient numeric : executions(NumericGradient.defaults())) {
            LossEvaluationException e = failsThenRecovers(LossEvaluationException.class, numeric, x,
                    n -> () -> n.compute(loss, x));
            assertEquals(123, e.coordinate());
            assertTrue(e.getMessage().contains("coordinate 123"), e.getMessage());
            assertTrue(e.getMessage().contains("'failing'"), e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException c && c.getMessage().equals("boom at 123"));
        }
    }

    @Test
    void aLossThatThrowsAtTheBasePointIsReportedAsSuch() {
        Loss loss = Loss.of("bad", 5, x -> {
            throw new IllegalStateException("never works");
        });
        for (NumericGradient numeric : executions(NumericGradient.defaults().withScheme(Scheme.forward()))) {
            double[] x = new double[5];
            LossEvaluationException e = failsThenRecovers(LossEvaluationException.class, numeric, x,
                    n -> () -> n.compute(loss, x));
            assertEquals(LossEvaluationException.BASE_POINT, e.coordinate());
            assertTrue(e.getMessage().contains("base point"), e.getMessage());
        }
    }

    @Test
    void aNonFiniteValueAtAPerturbedPointIsNamedByCoordinateAndStep() {
        double[] x = TestLosses.startPoint(N);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Loss loss = TestLosses.failingAt(N, x, 42, bad, false);
            for (NumericGradient numeric : executions(NumericGradient.defaults())) {
                NonFiniteLossException e = failsThenRecovers(NonFiniteLossException.class, numeric, x,
                        n -> () -> n.compute(loss, x));
                assertEquals(42, e.coordinate());
                double h = StepPolicy.scaledToScheme().step(Scheme.central(), x[42]);
                assertEquals(h, e.offset(), "central probes +h first");
                assertEquals(bad, e.value());
                assertTrue(e.getMessage().contains("coordinate 42") && e.getMessage().contains("s = " + h)
                        && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            }
        }
    }

    @Test
    void aNonFiniteBaseValueIsReportedWhenTheSchemeNeedsIt() {
        Loss loss = Loss.of("nan", 3, x -> Double.NaN);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> NumericGradient.defaults().withScheme(Scheme.backward()).compute(loss, new double[3]));
        assertEquals(NonFiniteLossException.BASE_POINT, e.coordinate());
    }

    @Test
    void aNonFiniteDeltaIsNamedByCoordinate() {
        DeltaLoss sumsq = TestLosses.sumOfSquares(N);
        DeltaLoss broken = new DeltaLoss() {
            @Override
            public int dimension() {
                return N;
            }

            @Override
            public dev.numgrad.loss.Evaluator newEvaluator() {
                return sumsq.newEvaluator();
            }

            @Override
            public dev.numgrad.loss.DeltaEvaluator newDeltaEvaluator() {
                dev.numgrad.loss.DeltaEvaluator inner = sumsq.newDeltaEvaluator();
                return new dev.numgrad.loss.DeltaEvaluator() {
                    @Override
                    public double prepare(double[] x) {
                        return inner.prepare(x);
                    }

                    @Override
                    public double delta(int i, double step) {
                        return i == 250 && step < 0 ? Double.NaN : inner.delta(i, step);
                    }
                };
            }
        };
        double[] x = TestLosses.startPoint(N);
        for (NumericGradient numeric : executions(NumericGradient.defaults().withMode(Mode.DELTA))) {
            NonFiniteLossException e = failsThenRecovers(NonFiniteLossException.class, numeric, x,
                    n -> () -> n.compute(broken, x));
            assertEquals(250, e.coordinate());
            assertTrue(e.offset() < 0);
        }
    }

    /**
     * Central schemes take both sides of a coordinate from one {@code symmetricDeltas} call: a
     * delta evaluator that forbids {@code delta} still gives central and Richardson gradients
     * (f = Σ xᵢ³, whose central difference is 3xᵢ² + h², computed here exactly as the engine
     * must), and a non-finite −h side is reported at −h.
     */
    @Test
    void centralDeltaGradientsTakeBothSidesFromOneSymmetricDeltasCall() {
        int n = 40;
        double[] x = TestLosses.startPoint(n);
        for (NumericGradient numeric : executions(NumericGradient.defaults().withMode(Mode.DELTA))) {
            GradientResult central = numeric.compute(pairedCubic(n, -1), x);
            for (int i = 0; i < n; i++) {
                double h = StepPolicy.scaledToScheme().step(Scheme.central(), x[i]);
                double expected = (cubeChange(x[i], h) - cubeChange(x[i], -h)) / (2 * h);
                assertEquals(expected, central.values()[i], 0.0, "coordinate " + i);
            }
            // two deltas per coordinate, plus one prepare per worker that took part (1 serially, 1–3 on the pool)
            long prepares = central.evaluations() - 2L * n;
            assertTrue(prepares >= 1 && prepares <= pool.getParallelism(), "evaluations " + central.evaluations());
            GradientResult richardson = numeric.withScheme(Scheme.richardson()).compute(pairedCubic(n, -1), x);
            for (int i = 0; i < n; i++) {
                assertEquals(3 * x[i] * x[i], richardson.values()[i], 1e-9 * (1 + 3 * x[i] * x[i]), "coordinate " + i);
            }
            NonFiniteLossException e = failsThenRecovers(NonFiniteLossException.class, numeric, x,
                    g -> () -> g.compute(pairedCubic(n, 17), x));
            assertEquals(17, e.coordinate());
            assertEquals(-StepPolicy.scaledToScheme().step(Scheme.central(), x[17]), e.offset(), "the −h side");
        }
    }

    private static double cubeChange(double xi, double step) {
        double moved = xi + step;
        return moved * moved * moved - xi * xi * xi;
    }

    /** Σ xᵢ³ whose delta evaluator answers only in pairs; NaN on the −step side of {@code nanAt}. */
    private static DeltaLoss pairedCubic(int n, int nanAt) {
        return new DeltaLoss() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public dev.numgrad.loss.Evaluator newEvaluator() {
                return x -> {
                    double f = 0;
                    for (double v : x) {
                        f += v * v * v;
                    }
                    return f;
                };
            }

            @Override
            public dev.numgrad.loss.DeltaEvaluator newDeltaEvaluator() {
                return new dev.numgrad.loss.DeltaEvaluator() {
                    private double[] base;

                    @Override
                    public double prepare(double[] x) {
                        base = x.clone();
                        return newEvaluator().value(x);
                    }

                    @Override
                    public double delta(int i, double step) {
                        throw new AssertionError("delta(" + i + ", " + step + ") called; central schemes pair");
                    }

                    @Override
                    public void symmetricDeltas(int i, double step, double[] into) {
                        into[0] = cubeChange(base[i], step);
                        into[1] = i == nanAt ? Double.NaN : cubeChange(base[i], -step);
                    }
                };
            }
        };
    }

    @Test
    void cancellingFromTheProgressListenerStopsTheGradient() {
        double[] x = TestLosses.startPoint(5000);
        for (NumericGradient numeric : executions(NumericGradient.defaults())) {
            CancellationToken token = CancellationToken.create();
            AtomicLong calls = new AtomicLong();
            NumericGradient cancelling = numeric.withCancellation(token).withProgress((done, total) -> {
                calls.incrementAndGet();
                token.cancel();
            });
            GradientCancelledException e = failsThenRecovers(GradientCancelledException.class, cancelling, x,
                    n -> () -> n.compute(TestLosses.rosenbrock(5000), x));
            assertTrue(e.done() < 5000, "done " + e.done());
            assertEquals(5000, e.total());
        }
    }

    @Test
    void cancellingFromAnotherThreadStopsPromptly() throws Exception {
        int n = 2000;
        double[] x = TestLosses.startPoint(n);
        for (NumericGradient numeric : executions(NumericGradient.defaults())) {
            CancellationToken token = CancellationToken.create();
            CountDownLatch reached = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            AtomicInteger evaluationsAfterCancel = new AtomicInteger();
            double at = x[700];
            Loss loss = Loss.of("waits", n, p -> {
                if (token.isCancelled()) {
                    evaluationsAfterCancel.incrementAndGet();
                }
                if (p[700] != at) {
                    reached.countDown();
                    try {
                        assertTrue(cancelled.await(30, TimeUnit.SECONDS), "canceller never ran");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return p[0] * p[0];
            });
            Thread canceller = Thread.ofPlatform().start(() -> {
                try {
                    reached.await();
                } catch (InterruptedException e) {
                    return;
                }
                token.cancel();
                cancelled.countDown();
            });
            failsThenRecovers(GradientCancelledException.class, numeric.withCancellation(token), x,
                    g -> () -> g.compute(loss, x));
            canceller.join();
            // The waiting evaluation itself, its partner at x − h, and one in flight per other worker.
            int bound = 2 + numeric.execution().parallelism();
            assertTrue(evaluationsAfterCancel.get() <= bound,
                    evaluationsAfterCancel.get() + " evaluations after cancel, bound " + bound);
        }
    }

    @Test
    void aTokenCancelledBeforehandStopsBeforeAnyEvaluation() {
        CancellationToken token = CancellationToken.create();
        token.cancel();
        assertThrows(GradientCancelledException.class, () -> NumericGradient.defaults().withCancellation(token)
                .compute(TestLosses.forbidden(10), new double[10]));
    }

    @Test
    void progressReachesTheTotalAndEvaluationsMatchTheScheme() {
        int n = 1001;
        double[] x = TestLosses.startPoint(n);
        for (NumericGradient base : executions(NumericGradient.defaults())) {
            for (Scheme scheme : Scheme.all()) {
                AtomicLong maxDone = new AtomicLong();
                AtomicLong totalSeen = new AtomicLong();
                GradientResult g = base.withScheme(scheme).withProgress((done, total) -> {
                    maxDone.accumulateAndGet(done, Math::max);
                    totalSeen.set(total);
                }).compute(TestLosses.rosenbrock(n), x);
                assertEquals(n, maxDone.get());
                assertEquals(n, totalSeen.get());
                long expected = (long) n * scheme.evaluationsPerCoordinate() + (scheme.usesBaseValue() ? 1 : 0);
                assertEquals(expected, g.evaluations(), scheme.id());
                assertEquals(scheme.estimatesError(), g.hasErrorEstimates(), scheme.id());
                assertEquals(scheme.estimatesError(), g.errors().isPresent(), scheme.id());
            }
        }
    }

    @Test
    void deltaEvaluationsCountDeltasPlusOnePreparePerWorker() {
        int n = 1001;
        double[] x = TestLosses.startPoint(n);
        GradientResult serial = NumericGradient.defaults().withMode(Mode.DELTA).withExecution(Execution.serial())
                .compute(TestLosses.rosenbrock(n), x);
        assertEquals(2L * n + 1, serial.evaluations());
        GradientResult parallel = NumericGradient.defaults().withMode(Mode.DELTA).withExecution(Execution.on(pool))
                .compute(TestLosses.rosenbrock(n), x);
        long prepares = parallel.evaluations() - 2L * n;
        assertTrue(prepares >= 1 && prepares <= pool.getParallelism(), "prepares " + prepares);
    }

    @Test
    void deltaAndBlackBoxAgreeAndDeltaIsAtLeastAsAccurate() {
        int n = 500;
        double[] x = TestLosses.startPoint(n);
        double[] exact = TestLosses.rosenbrockGradient(x);
        for (Scheme scheme : Scheme.all()) {
            double[] blackBox = NumericGradient.defaults().withScheme(scheme).compute(TestLosses.rosenbrock(n), x).values();
            double[] delta = NumericGradient.defaults().withScheme(scheme).withMode(Mode.DELTA)
                    .compute(TestLosses.rosenbrock(n), x).values();
            double blackBoxError = errInf(blackBox, exact);
            double deltaError = errInf(delta, exact);
            double tolerance = switch (scheme.order()) {
                case 1 -> 1e-6;
                case 2 -> 1e-8;
                default -> 1e-10;
            };
            assertTrue(blackBoxError < tolerance, scheme.id() + " black-box error " + blackBoxError);
            assertTrue(deltaError <= blackBoxError, scheme.id() + ": delta " + deltaError + " > black-box " + blackBoxError);
        }
    }

    /** max_i |g_i − g*_i| / max_i |g*_i|, as WORKLOADS.md defines it. */
    private static double errInf(double[] g, double[] exact) {
        double error = 0;
        double scale = 0;
        for (int i = 0; i < g.length; i++) {
            error = Math.max(error, Math.abs(g[i] - exact[i]));
            scale = Math.max(scale, Math.abs(exact[i]));
        }
        return error / scale;
    }

    @Test
    void computeIntoOutWritesTheCallersArray() {
        double[] x = {3, 4};
        double[] out = new double[2];
        GradientResult g = NumericGradient.defaults().compute(TestLosses.sumOfSquares(2), x, out);
        assertSame(out, g.values());
        assertArrayEquals(new double[] {6, 8}, out, 1e-8);
        assertArrayEquals(new double[] {3, 4}, x);
    }

    @Test
    void richardsonReturnsPerCoordinateErrorEstimates() {
        double[] x = TestLosses.startPoint(50);
        GradientResult g = NumericGradient.defaults().withScheme(Scheme.richardson())
                .withSteps(StepPolicy.absolute(1e-2)).compute(TestLosses.rosenbrock(50), x);
        double[] exact = TestLosses.rosenbrockGradient(x);
        double[] estimates = g.errors().orElseThrow();
        for (int i = 0; i < 50; i++) {
            assertTrue(Math.abs(g.values()[i] - exact[i]) <= estimates[i] + 1e-12, "coordinate " + i);
        }
        assertNull(NumericGradient.defaults().compute(TestLosses.rosenbrock(50), x).errorEstimates());
    }

    @Test
    void configurationRejectsNullsAndReadsCliNames() {
        NumericGradient d = NumericGradient.defaults();
        assertThrows(NullPointerException.class, () -> d.withScheme(null));
        assertThrows(NullPointerException.class, () -> d.withSteps(null));
        assertThrows(NullPointerException.class, () -> d.withMode(null));
        assertThrows(NullPointerException.class, () -> d.withExecution(null));
        assertThrows(NullPointerException.class, () -> d.withProgress(null));
        assertThrows(NullPointerException.class, () -> d.withCancellation(null));
        assertThrows(NullPointerException.class, () -> Execution.on(null));
        assertEquals(Mode.BLACK_BOX, Mode.parse("blackbox"));
        assertEquals(Mode.BLACK_BOX, Mode.parse("black-box"));
        assertEquals(Mode.DELTA, Mode.parse("DELTA"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("backprop"));
        assertTrue(e.getMessage().contains("blackbox, delta"), e.getMessage());
        assertEquals(1, Execution.serial().parallelism());
        assertEquals(3, Execution.on(pool).parallelism());
        // the common pool's threads and the caller's
        assertEquals(ForkJoinPool.getCommonPoolParallelism() + 1, Execution.commonPool().parallelism());
        assertEquals(Scheme.central(), d.scheme());
        assertEquals(Mode.BLACK_BOX, d.mode());
        assertNotNull(d.progress());
        assertFalse(d.cancellation().isCancelled());
    }
}
