package dev.numgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.Execution;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.ParameterBlocks;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A failing direction is narrowed to the guilty coordinate in O(k·log n) evaluations, counted by
 * the loss itself, never by a full recompute.
 */
class DirectionalNarrowingTest {

    /** f(x) = Σ c_i·x_i² with c_i = 1 + (i mod 7)/7, which counts its own evaluations. */
    private static Loss countingQuadratic(int n, AtomicLong evaluations) {
        return Loss.of("quadratic(" + n + ")", n, x -> {
            evaluations.incrementAndGet();
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (1 + (i % 7) / 7.0) * x[i] * x[i];
            }
            return sum;
        });
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.25 * Math.sin(0.37 * i);
        }
        return x;
    }

    /** The right gradient, except coordinate {@code bad}, off by 10 %. */
    private static AnalyticGradient oneWrongCoordinate(int bad) {
        return x -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = 2 * (1 + (i % 7) / 7.0) * x[i];
            }
            g[bad] *= 1.1;
            return g;
        };
    }

    @Test
    void findsTheOneWrongCoordinateInLogarithmicallyManyEvaluations() {
        long previous = 0;
        for (int log = 10; log <= 16; log += 3) {
            int n = 1 << log;
            int bad = n / 3 + 5;
            ParameterBlocks layout = ParameterBlocks.builder().matrix("W", n / 64, 48).vector("b", n / 4).build();
            AtomicLong evaluations = new AtomicLong();
            Loss loss = countingQuadratic(n, evaluations);
            CheckReport report = GradientCheck.defaults().withMode(CheckMode.DIRECTIONAL).withWorst(1)
                    .withExecution(Execution.serial()).check(loss, layout, point(n), oneWrongCoordinate(bad));
            assertEquals(Outcome.FAILED, report.outcome(), report::toString);
            assertEquals(bad, report.worst().getFirst().index(), report::toString);
            assertEquals(layout.format(bad), report.worst().getFirst().coordinate());
            // the report counts what the loss counted
            assertEquals(evaluations.get(), report.evaluations(), report::toString);
            // 4 directions × 2, adaptive re-examination of the first failing one (≤ 24), the 2
            // blocks (2 each), 2 per bisection level, then the one coordinate: default central,
            // kink probe and adaptive (2 + 4·2 + 24 incl. the base values), f(x) twice
            long bound = 4 * 2 + 24 + 2 * 2 + 2L * log + (2 + 10 + 24) + 2;
            assertTrue(report.evaluations() <= bound, "n = " + n + ": " + report.evaluations() + " evaluations > " + bound);
            assertTrue(report.evaluations() < 3L * log + 80, "not O(log n): " + report.evaluations());
            if (previous > 0) {
                // 8 times the dimension costs a handful more evaluations, not 16 times as many
                assertTrue(report.evaluations() - previous <= 2 * 3 + 2, report.evaluations() + " after " + previous);
            }
            previous = report.evaluations();
        }
    }

    @Test
    void narrowsToTheWorstKCoordinatesWithinOrderKLogN() {
        int n = 1 << 14;
        int k = 5;
        AtomicLong evaluations = new AtomicLong();
        Loss loss = countingQuadratic(n, evaluations);
        int[] bad = {17, 4_000, 4_001, 9_999, 16_000};
        AnalyticGradient gradient = x -> {
            double[] g = oneWrongCoordinate(0).at(x);
            g[0] /= 1.1;
            for (int i : bad) {
                g[i] += 0.5;
            }
            return g;
        };
        CheckReport report = GradientCheck.defaults().withMode(CheckMode.DIRECTIONAL).withWorst(k)
                .withExecution(Execution.serial()).check(loss, point(n), gradient);
        assertEquals(Outcome.FAILED, report.outcome(), report::toString);
        assertEquals(k, report.wrong(), report::toString);
        assertEquals(java.util.Set.of(17, 4_000, 4_001, 9_999, 16_000),
                report.worst().collect(CoordinateRow::index).toSet(), report::toString);
        // each of the 4 directions: 2 evaluations, the first also ≤ 24 adaptive; a wrong one is
        // narrowed (the blocks, then ≤ 2 per level per coordinate sought) and its new coordinates
        // judged (default central, kink probe, adaptive); f(x) twice
        long perCoordinate = 2 + 10 + 24;
        long directions = 4;
        long bound = directions * 2 + 24 + directions * 2L * k * 15 + directions * k * perCoordinate + 2;
        assertTrue(bound < n / 8, "the bound itself is far below a full recompute");
        assertTrue(report.evaluations() <= bound, report.evaluations() + " evaluations > " + bound + "\n" + report);
    }
}
