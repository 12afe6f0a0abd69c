package dev.numgrad.cli.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.workload.WorkloadSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.collections.api.list.ImmutableList;
import org.junit.jupiter.api.Test;

class CostSweepTest {

    @Test
    void theLadderGoesFromAboutAThousandToAboutAMillionAndHoldsTheStandardMlpSizes() {
        ImmutableList<WorkloadSpec> all = CostSweep.models(Integer.MAX_VALUE);

        assertTrue(all.getFirst().parameters() < 2_000, all.getFirst().label());
        assertEquals(1_009_660, all.getLast().parameters());
        assertEquals(1_009_660, CostSweep.largestParameters());
        for (String label : new String[] {"mlp(64,64,10,32)", "mlp(784,128,10,32)", "mlp(784,1000,10,32)",
            "mlp(784,1270,10,32)"}) {
            assertTrue(all.anySatisfy(spec -> spec.label().equals(label)), label);
        }
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).parameters() > all.get(i - 1).parameters(), "ascending at " + i);
        }
        assertEquals(3, CostSweep.models(5_000).size());
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class, () -> CostSweep.models(100));
        assertEquals("the smallest model, mlp(784,1,10,32), has 805 parameters, more than 100", tooSmall.getMessage());
    }

    @Test
    void sampleCoordinatesAreEvenlySpreadAndDistinct() {
        assertArrayEquals(new int[] {1, 5, 8}, CostSweep.evenlySpread(3, 10)); // the middles 1.7, 5, 8.3 of three stretches
        assertArrayEquals(new int[] {0, 1, 2}, CostSweep.evenlySpread(3, 3));
        int[] large = CostSweep.evenlySpread(1000, 1_009_660);
        for (int k = 1; k < large.length; k++) {
            assertTrue(large[k] > large[k - 1], "ascending at " + k);
        }
        assertTrue(large[large.length - 1] < 1_009_660);
    }

    @Test
    void settingsAreValidated() {
        ImmutableList<WorkloadSpec> models = CostSweep.models(2_000);
        assertThrows(IllegalArgumentException.class, () -> new CostSweep.Settings(models, 0, 1, Kernels.scalar()));
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> new CostSweep.Settings(models, 1, Double.NaN, Kernels.scalar()));
        assertEquals("budget must be positive and finite, got NaN s", budget.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CostSweep.Settings(models.take(0), 1, 1, Kernels.scalar()));
    }

    @Test
    void aTinySweepMeasuresEverySizeAndAgreesWithBackprop() {
        CostSweep.Settings settings = new CostSweep.Settings(CostSweep.models(5_000), 2, 0.05, Kernels.get());
        AtomicInteger measured = new AtomicInteger();

        SweepResult result = new CostSweep(settings, new CountingListener(measured), CancellationToken.create()).run();

        assertEquals(3, result.rows().size());
        assertEquals(3, measured.get());
        assertTrue(!result.stopped());
        for (SizeCost row : result.rows()) {
            int p = row.parameters();
            assertEquals(2L * p, row.blackBox().evaluations(), row.model().label());
            assertTrue(row.delta().evaluations() >= 2L * p, row.model().label());
            assertTrue(row.delta().errInf() < 1e-9, row.model().label() + " delta err " + row.delta().errInf());
            assertTrue(row.blackBox().errInf() < 1e-6, row.model().label() + " black-box err " + row.blackBox().errInf());
            assertEquals(row.blackBox().extrapolated(), row.blackBox().coordinates() < p, row.model().label());
        }
    }

    @Test
    void everyNumericGradientGoesThroughTheGivenNumericGradients() {
        // A 50 ms budget samples the larger black-box gradients: those must go through the
        // coordinate-subset method, whole ones and delta ones through compute.
        CostSweep.Settings settings = new CostSweep.Settings(CostSweep.models(5_000), 2, 0.05, Kernels.get());
        AtomicInteger whole = new AtomicInteger();
        AtomicInteger subsets = new AtomicInteger();
        SweepResult result;
        try (NumericGradients local = NumericGradients.local(2)) {
            NumericGradients counting = new NumericGradients() {
                @Override
                public String where() {
                    return "somewhere else";
                }

                @Override
                public GradientResult compute(NumericGradient engine, WorkloadSpec model, BundledLoss loss,
                        double[] x) {
                    assertEquals(model.parameters(), loss.dimension(), model.label());
                    whole.incrementAndGet();
                    return local.compute(engine, model, loss, x);
                }

                @Override
                public GradientResult computeCoordinates(NumericGradient engine, WorkloadSpec model, BundledLoss loss,
                        double[] x, int[] coordinates) {
                    subsets.incrementAndGet();
                    return local.computeCoordinates(engine, model, loss, x, coordinates);
                }

                @Override
                public void close() {
                    throw new AssertionError("the sweep must not close what it was given");
                }
            };
            result = new CostSweep(settings, counting, new CountingListener(new AtomicInteger()),
                    CancellationToken.create()).run();
        }

        assertEquals(3, result.rows().size());
        long sampled = result.rows().count(row -> row.blackBox().extrapolated());
        assertTrue(sampled > 0, "a 50 ms budget samples some black-box gradient");
        // The warm-up computes one subset per round, each sampled size one more.
        assertTrue(subsets.get() > sampled, "subsets " + subsets.get() + ", sampled sizes " + sampled);
        // At least one delta gradient per size, and per black-box gradient measured whole.
        assertTrue(whole.get() >= 3 + (3 - sampled), "whole gradients " + whole.get());
        for (SizeCost row : result.rows()) {
            assertTrue(row.delta().errInf() < 1e-9, row.model().label() + " delta err " + row.delta().errInf());
            assertTrue(row.blackBox().errInf() < 1e-6, row.model().label() + " black-box err " + row.blackBox().errInf());
        }
    }

    @Test
    void cancellingKeepsTheSizesAlreadyMeasured() {
        CostSweep.Settings settings = new CostSweep.Settings(CostSweep.models(5_000), 1, 0.05, Kernels.get());
        CancellationToken token = CancellationToken.create();
        AtomicInteger measured = new AtomicInteger();
        SweepListener cancelAfterFirst = new CountingListener(measured) {
            @Override
            public void measured(SizeCost row) {
                super.measured(row);
                token.cancel();
            }
        };

        SweepResult result = new CostSweep(settings, cancelAfterFirst, token).run();

        assertTrue(result.stopped());
        assertEquals(1, result.rows().size());
        assertEquals(3, result.planned());
        assertEquals("mlp(784,1,10,32)", result.rows().getFirst().model().label());
    }

    @Test
    void aSweepCancelledInsideAGradientStopsThere() {
        CostSweep.Settings settings = new CostSweep.Settings(CostSweep.models(5_000), 2, 100, Kernels.get());
        CancellationToken token = CancellationToken.create();
        SweepListener cancelInBlackBox = new CountingListener(new AtomicInteger()) {
            @Override
            public void measuring(int index, WorkloadSpec model, CostMethod method, long done, long total) {
                if (method == CostMethod.BLACK_BOX && done > 0) {
                    token.cancel();
                }
            }
        };

        SweepResult result = new CostSweep(settings, cancelInBlackBox, token).run();

        assertTrue(result.stopped());
        assertEquals(0, result.rows().size());
    }

    private static class CountingListener implements SweepListener {
        private final AtomicInteger measured;

        CountingListener(AtomicInteger measured) {
            this.measured = measured;
        }

        @Override
        public void measuring(int index, WorkloadSpec model, CostMethod method, long done, long total) {
            assertTrue(done >= 0 && done <= total, method + " " + done + "/" + total);
        }

        @Override
        public void measured(SizeCost row) {
            measured.incrementAndGet();
        }
    }
}
