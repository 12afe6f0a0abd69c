package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.loss.Loss;
import dev.numgrad.schedule.CancellationToken;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the scheduler and the schemes over random dimensions, thread counts, schemes,
 * failing and NaN coordinates and cancellation points: a parallel gradient is bit-identical to
 * the serial loop, or fails with the serial loop's exception; the caller's x is never changed;
 * and the pools stay usable.
 *
 * <p>Each try is one {@link Case} drawn from a trial seed: a failing test is named by its trial
 * ("trial 1391494144"), its message prints the whole case, and {@link #draw(long)} with that
 * trial reproduces it. (These were jqwik properties; jqwik 1.10 asks AI agents not to use it,
 * and this code base is written with one, so the same properties run as seeded JUnit trials.
 * What is lost is shrinking.)
 */
class SchedulerProperties {

    /** Pools of 1 to 4 workers, shared by every try: pools are meant to be reused. */
    private static final ForkJoinPool[] POOLS = {new ForkJoinPool(1), new ForkJoinPool(2), new ForkJoinPool(3),
        new ForkJoinPool(4)};

    @AfterAll
    static void closePools() {
        for (ForkJoinPool pool : POOLS) {
            pool.close();
        }
    }

    /** One random case: the loss's size and coefficients, where it fails, and how it runs. */
    record Case(int n, long seed, Scheme scheme, int threads, Set<Integer> throwing, Set<Integer> nan, int cancelAt) {
        @Override
        public String toString() {
            return "n=" + n + " seed=" + seed + " scheme=" + scheme.id() + " threads=" + threads + " throwing="
                    + throwing + " nan=" + nan + " cancelAt=" + cancelAt;
        }
    }

    /** The trial seeds of a property: {@code count} consecutive seeds from a fixed base per property. */
    private static LongStream seeds(long base, int count) {
        return LongStream.range(base, base + count);
    }

    static LongStream parallelCases() {
        return seeds(0x5EED_0000L, 300);
    }

    static LongStream healthyCases() {
        return seeds(0x5EED_1000L, 60);
    }

    static LongStream reuseCases() {
        return seeds(0x5EED_2000L, 30);
    }

    /**
     * One random case from its seed: a dimension from 1 to 300, any fixed-cost scheme, 1 to 4
     * workers, up to three throwing and two NaN coordinates, and a cancelling coordinate in about
     * half of the cases.
     */
    static Case draw(long trial) {
        Random random = new Random(trial);
        int n = 1 + random.nextInt(300);
        Scheme[] schemes = Scheme.all();
        Scheme scheme = schemes[random.nextInt(schemes.length)];
        int threads = 1 + random.nextInt(POOLS.length);
        Set<Integer> throwing = coordinates(random, n, random.nextInt(4));
        Set<Integer> nan = coordinates(random, n, random.nextInt(3));
        int cancelAt = Math.max(-1, random.nextInt(2 * n) - n);
        return new Case(n, random.nextLong(), scheme, threads, throwing, nan, cancelAt);
    }

    private static Set<Integer> coordinates(Random random, int n, int count) {
        Set<Integer> chosen = new HashSet<>();
        for (int k = 0; k < count; k++) {
            chosen.add(random.nextInt(n));
        }
        return Set.copyOf(chosen);
    }

    /**
     * f(x) = Σ aᵢ·sin(xᵢ) + bᵢ·xᵢ² with coefficients from the seed; it throws when a coordinate
     * in {@code throwing} is perturbed, returns NaN when one in {@code nan} is, and cancels
     * {@code token} when coordinate {@code cancelAt} is.
     */
    private static Loss loss(Case c, double[] base, CancellationToken token) {
        Random random = new Random(c.seed);
        double[] a = random.doubles(c.n, -2, 2).toArray();
        double[] b = random.doubles(c.n, -1, 1).toArray();
        return Loss.of("random", c.n, x -> {
            for (int i : c.throwing) {
                if (x[i] != base[i]) {
                    throw new IllegalStateException("injected failure at " + i);
                }
            }
            for (int i : c.nan) {
                if (x[i] != base[i]) {
                    return Double.NaN;
                }
            }
            if (c.cancelAt >= 0 && x[c.cancelAt] != base[c.cancelAt]) {
                token.cancel();
            }
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += a[i] * Math.sin(x[i]) + b[i] * x[i] * x[i];
            }
            return f;
        });
    }

    private static double[] start(Case c) {
        return new Random(~c.seed).doubles(c.n, -3, 3).toArray();
    }

    /** The outcome of one gradient: its values, or the exception it threw. */
    private record Outcome(double[] values, RuntimeException error) {
    }

    private static Outcome run(Case c, Execution execution) {
        double[] x = start(c);
        double[] copy = x.clone();
        CancellationToken token = CancellationToken.create();
        try {
            double[] values = new NumericGradient(c.scheme, dev.numgrad.fd.StepPolicy.scaledToScheme(),
                    Mode.BLACK_BOX, execution, dev.numgrad.schedule.ProgressListener.NONE, token)
                    .compute(loss(c, copy, token), x).values();
            return new Outcome(values, null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        } finally {
            assertArrayEquals(copy, x, 0.0, "the caller's x, " + c);
        }
    }

    @ParameterizedTest(name = "trial {0}")
    @MethodSource("parallelCases")
    void parallelIsTheSerialLoopOrItsError(long trial) {
        Case c = draw(trial);
        Outcome parallel = run(c, Execution.on(POOLS[c.threads - 1]));
        if (c.cancelAt >= 0) {
            // Which coordinates run before the cancelling one is up to the scheduler, so the
            // outcome is one of three, each exact: cancelled, a failure of a failing coordinate,
            // or (when the cancelling coordinate came last) the whole gradient.
            if (parallel.error == null) {
                Case uncancelled = new Case(c.n, c.seed, c.scheme, c.threads, c.throwing, c.nan, -1);
                assertArrayEquals(run(uncancelled, Execution.serial()).values, parallel.values, 0.0, c.toString());
            } else if (!(parallel.error instanceof GradientCancelledException)) {
                int at = coordinate(parallel.error);
                assertEquals(true, c.throwing.contains(at) || c.nan.contains(at), "failure at " + at + ", " + c);
            }
            return;
        }
        Outcome serial = run(c, Execution.serial());
        if (serial.error == null) {
            if (parallel.error != null) {
                throw new AssertionError("serial succeeded, parallel threw; " + c, parallel.error);
            }
            assertArrayEquals(serial.values, parallel.values, 0.0, "bit-identical, " + c);
            return;
        }
        if (parallel.error == null) {
            throw new AssertionError("serial threw, parallel succeeded; " + c, serial.error);
        }
        assertEquals(serial.error.getClass(), parallel.error.getClass(), c.toString());
        assertEquals(serial.error.getMessage(), parallel.error.getMessage(), c.toString());
        assertEquals(expectedFailure(c), coordinate(serial.error), "the lowest failing coordinate, " + c);
    }

    /** The lowest coordinate that throws or is NaN: the one the serial loop meets first. */
    private static int expectedFailure(Case c) {
        int lowest = Integer.MAX_VALUE;
        for (int i : c.throwing) {
            lowest = Math.min(lowest, i);
        }
        for (int i : c.nan) {
            lowest = Math.min(lowest, i);
        }
        return lowest;
    }

    private static int coordinate(RuntimeException e) {
        return switch (e) {
            case LossEvaluationException le -> le.coordinate();
            case NonFiniteLossException nf -> nf.coordinate();
            default -> throw new AssertionError("unexpected " + e, e);
        };
    }

    @ParameterizedTest(name = "trial {0}")
    @MethodSource("healthyCases")
    void everySchemeIsBitIdenticalAcrossThreadCountsOnAHealthyLoss(long trial) {
        Case c = draw(trial);
        Case healthy = new Case(c.n, c.seed, c.scheme, c.threads, Set.of(), Set.of(), -1);
        double[] serial = run(healthy, Execution.serial()).values;
        for (ForkJoinPool pool : POOLS) {
            double[] parallel = run(healthy, Execution.on(pool)).values;
            assertArrayEquals(serial, parallel, 0.0, "parallelism " + pool.getParallelism() + ", " + healthy);
        }
        assertEquals(c.n, Arrays.stream(serial).filter(Double::isFinite).count(), healthy.toString());
    }

    @ParameterizedTest(name = "trial {0}")
    @MethodSource("reuseCases")
    void thePoolsStayUsableAfterFailuresAndCancellations(long trial) {
        Case c = draw(trial);
        run(c, Execution.on(POOLS[c.threads - 1]));
        Case healthy = new Case(c.n, c.seed, c.scheme, c.threads, Set.of(), Set.of(), -1);
        assertArrayEquals(run(healthy, Execution.serial()).values,
                run(healthy, Execution.on(POOLS[c.threads - 1])).values, 0.0, healthy.toString());
    }
}
