package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.GradientCancelledException;
import dev.numgrad.LossEvaluationException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.loss.Loss;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Many gradients of random small losses from several threads at once, on one shared pool, with
 * failures and cancellations mixed in: every successful gradient equals its serial twin bit for
 * bit, every failure is the injected one, and the pool is as usable at the end as at the start.
 */
class SharedPoolSoakTest {

    private static final long SEED = 0x5EED_50A4L;
    private static final int CALLERS = 4;
    private static final int GRADIENTS_PER_CALLER = 150;

    @Test
    void aSharedPoolSurvivesConcurrentGradientsFailuresAndCancellations() throws Exception {
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        try (ForkJoinPool pool = new ForkJoinPool(3);
                ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int caller = 0; caller < CALLERS; caller++) {
                long seed = SEED + caller;
                futures.add(callers.submit(() -> soak(pool, seed, succeeded, failed, cancelled)));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (Future<?> future : futures) {
                    future.get();
                }
            });
            // Still usable: one more gradient, checked against the serial loop.
            soak(pool, SEED - 1, succeeded, failed, cancelled);
        }
        int total = succeeded.get() + failed.get() + cancelled.get();
        assertEquals((CALLERS + 1) * GRADIENTS_PER_CALLER, total);
        assertTrue(succeeded.get() > 0 && failed.get() > 0 && cancelled.get() > 0,
                "each kind happened: " + succeeded + " ok, " + failed + " failed, " + cancelled + " cancelled; seed "
                        + SEED);
    }

    private static void soak(ForkJoinPool pool, long seed, AtomicInteger succeeded, AtomicInteger failed,
            AtomicInteger cancelled) {
        Random random = new Random(seed);
        for (int g = 0; g < GRADIENTS_PER_CALLER; g++) {
            int n = 1 + random.nextInt(96);
            double[] a = random.doubles(n, -2, 2).toArray();
            double[] x = random.doubles(n, -2, 2).toArray();
            double[] base = x.clone();
            int kind = random.nextInt(4); // 0, 1: healthy; 2: fails at a coordinate; 3: cancelled at one
            int at = random.nextInt(n);
            CancellationToken token = CancellationToken.create();
            ToDoubleFunction<double[]> value = p -> {
                double f = 0;
                for (int i = 0; i < p.length; i++) {
                    f += a[i] * Math.cos(p[i]) * p[i];
                }
                return f;
            };
            Loss healthy = Loss.of("soak", n, value);
            Loss loss = Loss.of("soak", n, p -> {
                if (kind == 2 && p[at] != base[at]) {
                    throw new IllegalStateException("injected at " + at);
                }
                if (kind == 3 && p[at] != base[at]) {
                    token.cancel();
                }
                return value.applyAsDouble(p);
            });
            Scheme scheme = Scheme.all()[random.nextInt(Scheme.all().length)];
            NumericGradient numeric = new NumericGradient(scheme, StepPolicy.scaledToScheme(), Mode.BLACK_BOX,
                    Execution.on(pool), ProgressListener.NONE, token);
            String where = "seed " + seed + ", gradient " + g + ", n " + n + ", kind " + kind + ", at " + at;
            try {
                double[] values = numeric.compute(loss, x).values();
                NumericGradient serial = numeric.withExecution(Execution.serial())
                        .withCancellation(CancellationToken.none());
                assertTrue(kind != 2, "an injected failure was lost: " + where);
                assertArrayEquals(serial.compute(healthy, x).values(), values, 0.0, where);
                succeeded.incrementAndGet();
            } catch (LossEvaluationException e) {
                assertEquals(2, kind, where);
                assertEquals(at, e.coordinate(), where);
                failed.incrementAndGet();
            } catch (GradientCancelledException e) {
                assertEquals(3, kind, where);
                cancelled.incrementAndGet();
            }
            assertArrayEquals(base, x, 0.0, "the caller's x, " + where);
        }
    }
}
