package dev.numgrad.loss.terms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.InvalidDimensionException;
import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.Sneaky;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.model.ResidualChain;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SumOfTermsTest {

    private static final long SEED = 20261201L;
    private static final NumericGradient DELTA = NumericGradient.defaults().withMode(Mode.DELTA);

    /**
     * A mixed sparse problem: a chain of Rosenbrock-like links, a family of random triples with
     * a smooth nonlinearity, two irregular single terms and a small dense part.
     */
    static SumOfTerms mixed(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int triples = n / 2;
        int[][] supports = new int[triples][];
        for (int k = 0; k < triples; k++) {
            int a = random.nextInt(n);
            int b = (a + 1 + random.nextInt(n - 1)) % n;
            int c;
            do {
                c = random.nextInt(n);
            } while (c == a || c == b);
            supports[k] = new int[] {a, b, c};
        }
        return SumOfTerms.builder("mixed", n)
                .terms("link", n - 1, 2, (k, s) -> {
                    s[0] = k;
                    s[1] = k + 1;
                }, (k, v) -> {
                    double r = v[1] - v[0] * v[0];
                    return 100 * r * r + (1 - v[0]) * (1 - v[0]);
                })
                .terms("triple", triples, 3, (k, s) -> System.arraycopy(supports[k], 0, s, 0, 3),
                        (k, v) -> Math.log1p(v[0] * v[0] + v[1] * v[1] * v[2] * v[2]) + Math.sin(v[0] * v[2]))
                .term("corner", new int[] {n - 1, 0}, v -> Math.exp(0.1 * v[0]) * v[1])
                .term("anchor", new int[] {n / 2}, v -> 3 * v[0] * v[0])
                .dense("mean", x -> {
                    double sum = 0;
                    for (double v : x) {
                        sum += v;
                    }
                    return 0.5 * sum * sum / x.length;
                })
                .build();
    }

    static double[] point(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-1.5, 1.5);
        }
        return x;
    }

    @Test
    void deltaGradientEqualsTheBlackBoxGradientToRounding() {
        for (Scheme scheme : new Scheme[] {Scheme.central(), Scheme.forward(), Scheme.fivePoint()}) {
            int n = 301;
            SumOfTerms loss = mixed(n, SEED);
            double[] x = point(n, SEED + 1);
            double[] blackBox = NumericGradient.defaults().withScheme(scheme).compute(loss, x).values();
            double[] delta = DELTA.withScheme(scheme).compute(loss, x).values();
            double bound = roundingBound(loss.newEvaluator().value(x), scheme);
            for (int i = 0; i < n; i++) {
                assertEquals(blackBox[i], delta[i], bound, scheme.id() + " x[" + i + "] (seed " + SEED + ")");
            }
        }
    }

    /**
     * How far two gradients with the same steps may differ by rounding alone: black-box probes
     * each lose about ulp(f) to f's rounding, and the scheme divides by h (the smallest step here,
     * where |x_i| <= 1.5). 64 ulps leave room for the rounding of a sum of many terms.
     */
    static double roundingBound(double f, Scheme scheme) {
        return 64 * Math.ulp(f) / StepPolicy.scaledToScheme().step(scheme, 0.0);
    }

    @Test
    void prepareReturnsTheValueBitForBit() {
        int n = 97;
        SumOfTerms loss = mixed(n, SEED);
        double[] x = point(n, SEED + 2);
        double value = loss.newEvaluator().value(x);
        DeltaEvaluator delta = loss.newDeltaEvaluator();
        assertEquals(value, delta.prepare(x), "seed " + SEED);
        // delta(i, s) is the change of the sum: compare with two values at the scale of rounding.
        double[] moved = x.clone();
        moved[5] += 0.25;
        double expected = loss.newEvaluator().value(moved) - value;
        assertEquals(expected, delta.delta(5, 0.25), 1e-12 * Math.abs(value), "seed " + SEED);
        assertEquals(expected, delta.delta(5, 0.25), 1e-12 * Math.abs(value), "the cache is never left perturbed");
    }

    @Test
    void deltaGradientsAreBitIdenticalSerialAndOnTwoAndThreeWorkers() {
        int n = 2_003;
        SumOfTerms loss = mixed(n, SEED);
        double[] x = point(n, SEED + 3);
        for (Scheme scheme : new Scheme[] {Scheme.central(), Scheme.richardson()}) {
            NumericGradient numeric = DELTA.withScheme(scheme);
            double[] serial = numeric.withExecution(Execution.serial()).compute(loss, x).values();
            for (int threads : new int[] {2, 3}) {
                try (ForkJoinPool pool = new ForkJoinPool(threads)) {
                    double[] parallel = numeric.withExecution(Execution.on(pool)).compute(loss, x).values();
                    assertArrayEquals(serial, parallel, scheme.id() + " on " + threads + " workers (seed " + SEED + ")");
                }
            }
        }
    }

    @Test
    void aTermThatThrowsIsNamedWithTheLossAndTheCoordinate() {
        int n = 50;
        double[] x = point(n, SEED + 4);
        SumOfTerms loss = chainThatFailsAt(n, x, 17, () -> {
            throw new IllegalStateException("boom");
        });
        for (Execution execution : new Execution[] {Execution.serial(), Execution.commonPool()}) {
            LossEvaluationException e = assertThrows(LossEvaluationException.class,
                    () -> DELTA.withExecution(execution).compute(loss, x));
            // Link 16 reads x[16], x[17] and fails once x[17] moves.
            assertEquals(17, e.coordinate());
            TermEvaluationException term = assertInstanceOf(TermEvaluationException.class, e.getCause());
            assertEquals("term 'link' #16 on x[16], x[17]", term.term());
            assertInstanceOf(IllegalStateException.class, term.getCause());
            assertTrue(e.getMessage().contains("loss 'failing chain'") && e.getMessage().contains("coordinate 17")
                    && e.getMessage().contains("term 'link' #16 on x[16], x[17] threw")
                    && e.getMessage().contains("boom"), e.getMessage());
        }
    }

    @Test
    void aCheckedExceptionFromATermIsKeptAsTheCause() {
        int n = 20;
        double[] x = point(n, SEED + 5);
        SumOfTerms loss = chainThatFailsAt(n, x, 3, () -> {
            throw Sneaky.<RuntimeException>raise(new IOException("disk gone"));
        });
        LossEvaluationException e = assertThrows(LossEvaluationException.class, () -> DELTA.compute(loss, x));
        assertInstanceOf(IOException.class, e.getCause().getCause());
        assertTrue(e.getMessage().contains("java.io.IOException: disk gone"), e.getMessage());
    }

    @Test
    void aTermThatReturnsNaNIsNamedWithTheLossAndTheCoordinate() {
        int n = 50;
        double[] x = point(n, SEED + 6);
        SumOfTerms loss = chainThatFailsAt(n, x, 30, () -> Double.NaN);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> DELTA.compute(loss, x));
        assertEquals(30, e.coordinate());
        assertTrue(Double.isNaN(e.value()));
        assertTrue(e.getMessage().startsWith("loss 'failing chain' returned NaN at coordinate 30")
                && e.getMessage().endsWith("term 'link' #29 on x[29], x[30] returned NaN"), e.getMessage());
    }

    @Test
    void aDensePartThatThrowsIsNamed() {
        SumOfTerms loss = SumOfTerms.builder("dense only", 3)
                .dense("norm", x -> {
                    if (x[1] != 0) {
                        throw new ArithmeticException("no");
                    }
                    return x[0] * x[0];
                })
                .build();
        LossEvaluationException e = assertThrows(LossEvaluationException.class,
                () -> DELTA.compute(loss, new double[3]));
        assertEquals(1, e.coordinate());
        assertTrue(e.getMessage().contains("dense part 'norm' threw java.lang.ArithmeticException: no"), e.getMessage());
    }

    /** A chain of links (x[k+1] − x[k]²)² in which link k returns {@code bad} once x[failing] moves. */
    private static SumOfTerms chainThatFailsAt(int n, double[] base, int failing, java.util.function.DoubleSupplier bad) {
        double at = base[failing];
        return SumOfTerms.builder("failing chain", n)
                .terms("link", n - 1, 2, (k, s) -> {
                    s[0] = k;
                    s[1] = k + 1;
                }, (k, v) -> {
                    if (k == failing - 1 && v[1] != at) {
                        return bad.getAsDouble();
                    }
                    double r = v[1] - v[0] * v[0];
                    return r * r;
                })
                .build();
    }

    @Test
    void supportsAreValidatedAtBuildNamingTheTerm() {
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> SumOfTerms.builder("bad", 4).terms("pair", 4, 2, (k, s) -> {
                    s[0] = k;
                    s[1] = k + 1;
                }, (k, v) -> 0).build());
        assertEquals("loss 'bad': term 'pair' #3 reads x[4], outside [0, 4)", outside.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> SumOfTerms.builder("bad", 4).term("square", new int[] {2, 2}, v -> 0).build());
        assertEquals("loss 'bad': term 'square' #0 lists x[2] twice", twice.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SumOfTerms.builder("bad", 4).terms("empty", 2, 0, (k, s) -> { }, (k, v) -> 0));
        assertThrows(IllegalArgumentException.class, () -> SumOfTerms.builder(" ", 4));
        assertThrows(IllegalArgumentException.class,
                () -> SumOfTerms.builder("ok", 4).term("", new int[] {0}, v -> 0));
        InvalidDimensionException dimension = assertThrows(InvalidDimensionException.class,
                () -> SumOfTerms.builder("chain", -1));
        assertEquals("loss 'chain' has dimension -1; a loss needs at least 1 parameter", dimension.getMessage());
    }

    @Test
    void coordinatesNoTermReadsHaveAZeroDelta() {
        SumOfTerms loss = SumOfTerms.builder("sparse", 5).term("middle", new int[] {2}, v -> v[0] * v[0]).build();
        GradientResult g = DELTA.compute(loss, new double[] {1, 1, 3, 1, 1});
        assertArrayEquals(new double[] {0, 0, 6, 0, 0}, g.values(), 1e-9);
        assertEquals(0, loss.termsTouching(0));
        assertEquals(1, loss.termsTouching(2));
        assertEquals(1, loss.termCount());
    }

    /**
     * The scale test: a chain of a million coupled residuals r_k = x[k+1] − x[k]² gets its
     * full central-difference gradient by delta evaluation. Correctness only: it is checked
     * against the analytic gradient, and a few coordinates against black-box probes. (Timings
     * are in docs/library-guide.md, from bench's SumOfTermsBenchmark.)
     */
    @Test
    void aMillionParameterChainGetsItsFullGradientByDelta() {
        int n = 1_000_000;
        SumOfTerms chain = ResidualChain.of(n);
        double[] x = point(n, SEED + 7);
        GradientResult g = DELTA.compute(chain, x);
        double[] exact = ResidualChain.gradient(x);
        double error = GradientError.relativeInf(g.values(), exact);
        assertTrue(error < 1e-8, "err_inf " + error + " (seed " + (SEED + 7) + ")");

        // Black-box probes difference two sums of about 10⁶: they agree only to that rounding,
        // which the delta (differencing single terms) does not suffer.
        int[] sample = {0, 1, n / 2, n - 2, n - 1};
        double[] blackBox = NumericGradient.defaults().computeCoordinates(chain, x, sample).values();
        double bound = roundingBound(chain.newEvaluator().value(x), Scheme.central());
        for (int k = 0; k < sample.length; k++) {
            assertEquals(blackBox[k], g.values()[sample[k]], bound, "x[" + sample[k] + "] (seed " + (SEED + 7) + ")");
        }
    }
}
