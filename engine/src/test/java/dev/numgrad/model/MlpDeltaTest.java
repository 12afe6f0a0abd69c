package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.workload.MlpWorkload;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MlpDeltaTest {

    /** Every path of the delta evaluator: output layer only, last hidden, and 1 or 2 layers of propagation. */
    private static final List<List<HiddenLayer>> ARCHITECTURES = List.of(
            List.of(),
            List.of(HiddenLayer.tanh(4)),
            List.of(new HiddenLayer(4, Activation.SIGMOID)),
            List.of(new HiddenLayer(4, Activation.RELU)),
            List.of(new HiddenLayer(4, Activation.RELU), new HiddenLayer(3, Activation.SIGMOID)),
            List.of(HiddenLayer.tanh(3), HiddenLayer.tanh(3)),
            List.of(new HiddenLayer(3, Activation.SIGMOID), HiddenLayer.tanh(3), new HiddenLayer(3, Activation.RELU)));

    private static final double[] STEPS = {1e-6, -1e-6, 1e-9, -3e-4, 0.25, -1.5, 6.0};

    /**
     * delta(i, s) against f(x + s·eᵢ) − f(x) in 40-digit BigDecimal, where x + s·eᵢ is formed
     * exactly too. Tolerance 1e-12·max(|exact|, |s|·max|∇f|): a few hundred ulps of the change
     * at the gradient's scale. The black-box difference of two doubles near f ≈ 1 has an error
     * of ~1e-16 absolute, which is ~1e-9 of a change of 1e-7 and would fail this by three
     * orders of magnitude.
     */
    @Test
    void deltaMatchesExtendedPrecisionDifferences() {
        for (int a = 0; a < ARCHITECTURES.size(); a++) {
            long seed = 4000 + a;
            MlpReference reference = MlpReference.random(seed, 3, 3, 4, ARCHITECTURES.get(a));
            Mlp mlp = reference.mlp(Kernels.scalar());
            double[] theta = reference.randomPoint(seed + 7, 0.8);
            double[] gradient = new double[theta.length];
            mlp.newExactGradient().valueAndGradient(theta, gradient);
            double gradientScale = 0;
            for (double g : gradient) {
                gradientScale = Math.max(gradientScale, Math.abs(g));
            }
            DeltaEvaluator delta = mlp.newDeltaEvaluator();
            double[] copy = theta.clone();
            double value = delta.prepare(theta);
            assertTrue(java.util.Arrays.equals(copy, theta), "x modified, seed " + seed);
            BigDecimal[] exact = MlpReference.exact(theta);
            BigDecimal base = reference.exactValue(exact);
            assertEquals(base.doubleValue(), value, 1e-14, "prepare value, seed " + seed);
            for (int i = 0; i < theta.length; i++) {
                for (double step : STEPS) {
                    BigDecimal original = exact[i];
                    exact[i] = original.add(new BigDecimal(step));
                    double expected = reference.exactValue(exact).subtract(base).doubleValue();
                    exact[i] = original;
                    double actual = delta.delta(i, step);
                    double tolerance = 1e-12 * Math.max(Math.abs(expected), Math.abs(step) * gradientScale);
                    assertEquals(expected, actual, tolerance, "delta(" + i + ", " + step + ") of " + mlp.name() + " "
                            + ARCHITECTURES.get(a) + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void standardWorkloadDeltaMatchesExtendedPrecision() {
        MlpWorkload workload = new MlpWorkload(3, 4, 3, 5);
        Mlp mlp = workload.loss(Kernels.scalar());
        MlpReference reference = new MlpReference(workload.inputMatrix(), workload.labels(), 3, List.of(HiddenLayer.tanh(4)));
        double[] theta = workload.startPoint();
        DeltaEvaluator delta = mlp.newDeltaEvaluator();
        delta.prepare(theta);
        BigDecimal[] exact = MlpReference.exact(theta);
        BigDecimal base = reference.exactValue(exact);
        for (int i = 0; i < theta.length; i++) {
            for (double step : new double[]{1e-6, -1e-6}) {
                BigDecimal original = exact[i];
                exact[i] = original.add(new BigDecimal(step));
                double expected = reference.exactValue(exact).subtract(base).doubleValue();
                exact[i] = original;
                // relative to the change itself: on this smooth workload no coordinate's
                // derivative is tiny compared with its own terms
                assertEquals(expected, delta.delta(i, step), 1e-11 * Math.abs(expected), "delta(" + i + ", " + step + ")");
            }
        }
    }

    /**
     * The softmax-shift power series at the largest change it is trusted with: a first-layer
     * weight whose step makes |Δz| reach 0.999 of the unit's series limit, against BigDecimal.
     * Its truncation is bounded by one rounding of the exponential sum, so the tolerance is the
     * same as for any delta. Also shows the limit admits the steps finite differences use.
     */
    @Test
    void powerSeriesIsExactToRoundingUpToItsLimit() {
        MlpWorkload workload = new MlpWorkload(3, 4, 3, 5);
        Mlp mlp = workload.loss(Kernels.scalar());
        MlpReference reference = new MlpReference(workload.inputMatrix(), workload.labels(), 3, List.of(HiddenLayer.tanh(4)));
        double[] theta = workload.startPoint();
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 8; // larger output weights: a tighter limit and a larger series tail
        }
        double[] gradient = new double[theta.length];
        mlp.newExactGradient().valueAndGradient(theta, gradient);
        double gradientScale = 0;
        for (double g : gradient) {
            gradientScale = Math.max(gradientScale, Math.abs(g));
        }
        MlpDeltaEvaluator delta = (MlpDeltaEvaluator) mlp.newDeltaEvaluator();
        delta.prepare(theta);
        BigDecimal[] exact = MlpReference.exact(theta);
        BigDecimal base = reference.exactValue(exact);
        double[][] x = workload.inputMatrix();
        for (int r = 0; r < 4; r++) {
            double limit = delta.seriesLimit(r);
            assertTrue(limit > 1e-3, "series limit " + limit + " of unit " + r + " would not cover finite-difference steps");
            for (int c = 0; c < 3; c++) {
                double columnMax = 0;
                for (double[] row : x) {
                    columnMax = Math.max(columnMax, Math.abs(row[c]));
                }
                int i = r * 3 + c;
                for (double sign : new double[]{1, -1}) {
                    double step = sign * 0.999 * limit / columnMax;
                    BigDecimal original = exact[i];
                    exact[i] = original.add(new BigDecimal(step));
                    double expected = reference.exactValue(exact).subtract(base).doubleValue();
                    exact[i] = original;
                    assertEquals(expected, delta.delta(i, step), 1e-12 * Math.max(Math.abs(expected), Math.abs(step) * gradientScale),
                            "W1[" + r + "][" + c + "] step " + step + " at the series limit " + limit);
                }
            }
        }
    }

    @Test
    void anyCallOrderGivesTheValuesOfAFreshEvaluator() {
        long seed = 4100;
        MlpReference reference = MlpReference.random(seed, 4, 3, 5,
                List.of(HiddenLayer.tanh(3), new HiddenLayer(3, Activation.RELU), new HiddenLayer(2, Activation.SIGMOID)));
        Mlp mlp = reference.mlp(Kernels.scalar());
        double[] theta = reference.randomPoint(seed, 0.7);
        DeltaEvaluator shared = mlp.newDeltaEvaluator();
        shared.prepare(theta);
        Random random = new Random(seed);
        for (int call = 0; call < 300; call++) {
            int i = random.nextInt(theta.length);
            double step = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -random.nextInt(9));
            DeltaEvaluator fresh = mlp.newDeltaEvaluator();
            fresh.prepare(theta);
            assertEquals(fresh.delta(i, step), shared.delta(i, step), 0.0, "call " + call + ": delta(" + i + ", " + step + "), seed " + seed);
        }
        assertEquals(0.0, shared.delta(3, 0.0), 0.0, "a zero step changes nothing");
    }

    @Test
    void deltaCentralGradientIsAtLeastAsAccurateAsBlackBox() {
        // h = 1e-6: black-box rounding ε·|f|/h ≈ 1e-10 dominates its truncation ≈ 1e-13; delta
        // has the same truncation and no such rounding.
        double h = 1e-6;
        List<MlpReference> problems = List.of(
                new MlpReference(new MlpWorkload(12, 10, 4, 8).inputMatrix(), new MlpWorkload(12, 10, 4, 8).labels(), 4,
                        List.of(HiddenLayer.tanh(10))),
                MlpReference.random(4200, 6, 3, 7, List.of(new HiddenLayer(5, Activation.SIGMOID), HiddenLayer.tanh(4))),
                MlpReference.random(4201, 6, 3, 7, List.of(new HiddenLayer(5, Activation.RELU))));
        for (int p = 0; p < problems.size(); p++) {
            MlpReference reference = problems.get(p);
            Mlp mlp = reference.mlp(Kernels.scalar());
            double[] theta = p == 0 ? new MlpWorkload(12, 10, 4, 8).startPoint() : reference.randomPoint(4300 + p, 0.5);
            double[] exact = new double[theta.length];
            mlp.newExactGradient().valueAndGradient(theta, exact);
            double[] blackBox = MlpBackpropTest.centralDifferencesWithStep(mlp.newEvaluator(), theta, h);
            DeltaEvaluator delta = mlp.newDeltaEvaluator();
            delta.prepare(theta);
            double[] viaDelta = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                viaDelta[i] = (delta.delta(i, h) - delta.delta(i, -h)) / (2 * h);
            }
            double errDelta = MlpReference.errInf(viaDelta, exact);
            double errBlackBox = MlpReference.errInf(blackBox, exact);
            assertTrue(errDelta <= errBlackBox, "problem " + p + " (" + mlp.name() + "): delta err_inf " + errDelta
                    + " > black-box " + errBlackBox);
            assertTrue(errDelta <= 1e-9, "problem " + p + ": delta err_inf " + errDelta);
        }
    }

    @Test
    void selectedKernelsGiveTheScalarDeltasToAFewUlps() {
        // Kernels.get() is Panama where the module is present: its batch kernels run here.
        MlpWorkload workload = new MlpWorkload(10, 9, 4, 35);
        double[] theta = workload.startPoint();
        DeltaEvaluator scalar = workload.loss(Kernels.scalar()).newDeltaEvaluator();
        DeltaEvaluator selected = workload.loss(Kernels.get()).newDeltaEvaluator();
        double value = scalar.prepare(theta);
        assertEquals(value, selected.prepare(theta), 1e-13 * value, "prepare, kernels " + Kernels.get().name());
        double[] exact = new double[theta.length];
        workload.loss(Kernels.scalar()).newExactGradient().valueAndGradient(theta, exact);
        double scale = 0;
        for (double g : exact) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < theta.length; i++) {
            for (double step : new double[]{1e-6, -1e-6, 0.5}) {
                double expected = scalar.delta(i, step);
                assertEquals(expected, selected.delta(i, step), 1e-12 * Math.max(Math.abs(expected), Math.abs(step) * scale),
                        "delta(" + i + ", " + step + "), kernels " + Kernels.get().name());
            }
        }
    }

    /**
     * symmetricDeltas(i, s) is {delta(i, s), delta(i, −s)} bit for bit, for every coordinate of
     * every architecture, on both kernel providers, at steps inside and beyond the fused pass's
     * reach (the power series, tanh's series, log1p's polynomial), at a batch that is no lane multiple.
     */
    @Test
    void symmetricDeltasGiveTheBitsOfTwoDeltaCalls() {
        long seed = 4400;
        double[] steps = {1e-6, -1e-6, 1e-4, 3e-3, 0.05, 0.25, 0.0};
        for (List<HiddenLayer> hidden : ARCHITECTURES) {
            MlpReference reference = MlpReference.random(seed, 7, 3, 19, hidden);
            double[] theta = reference.randomPoint(seed, 0.6);
            for (var kernels : List.of(Kernels.scalar(), Kernels.get())) {
                Mlp mlp = reference.mlp(kernels);
                DeltaEvaluator single = mlp.newDeltaEvaluator();
                DeltaEvaluator paired = mlp.newDeltaEvaluator();
                single.prepare(theta);
                paired.prepare(theta);
                double[] into = new double[2];
                for (int i = 0; i < theta.length; i++) {
                    for (double step : steps) {
                        paired.symmetricDeltas(i, step, into);
                        String what = mlp.name() + " on " + kernels.name() + ": symmetricDeltas(" + i + ", " + step
                                + "), seed " + seed;
                        assertEquals(Double.doubleToRawLongBits(single.delta(i, step)), Double.doubleToRawLongBits(into[0]),
                                what + " +step");
                        assertEquals(Double.doubleToRawLongBits(single.delta(i, -step)), Double.doubleToRawLongBits(into[1]),
                                what + " −step");
                    }
                }
            }
        }
    }

    /**
     * On the Panama kernels, the last hidden layer's weights take the fused pass for small steps:
     * counted through a proxy, so that the bitwise test above is known to compare two different
     * computations rather than the default method against itself.
     */
    @Test
    void lastHiddenWeightsTakeTheFusedPassOnPanama() {
        KernelSupport panama = Kernels.panama().orElse(null);
        assumeTrue(panama != null, "no Vector API module in this JVM");
        AtomicInteger fused = new AtomicInteger();
        KernelSupport counting = (KernelSupport) Proxy.newProxyInstance(KernelSupport.class.getClassLoader(),
                new Class<?>[]{KernelSupport.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(panama, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("tanhSeriesDeltaPair") && (Boolean) result) {
                        fused.incrementAndGet();
                    }
                    return result;
                });
        MlpWorkload workload = new MlpWorkload(10, 9, 4, 35);
        DeltaEvaluator delta = workload.loss(counting).newDeltaEvaluator();
        delta.prepare(workload.startPoint());
        double[] into = new double[2];
        int firstLayerWeights = 9 * 10;
        for (int i = 0; i < firstLayerWeights; i++) {
            delta.symmetricDeltas(i, 1e-6, into);
        }
        assertEquals(firstLayerWeights, fused.get(), "every first-layer weight at h = 1e-6");
        delta.symmetricDeltas(firstLayerWeights, 1e-6, into); // a bias: the separate calls
        delta.symmetricDeltas(0, 0.5, into); // beyond tanh's series: declined
        assertEquals(firstLayerWeights, fused.get(), "biases and large steps make the separate calls");
    }

    @Test
    void misuseIsReported() {
        Mlp mlp = Mlp.workload(3, 2, 2, 2);
        DeltaEvaluator delta = mlp.newDeltaEvaluator();
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> delta.delta(0, 1e-6));
        assertEquals("delta(0, 1.0E-6) before prepare(x)", early.getMessage());
        assertThrows(IllegalStateException.class, () -> delta.symmetricDeltas(0, 1e-6, new double[2]));
        delta.prepare(new MlpWorkload(3, 2, 2, 2).startPoint());
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> delta.delta(14, 1e-6));
        assertEquals("coordinate 14 is not in [0, 14)", outside.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> delta.symmetricDeltas(14, 1e-6, new double[2]));
    }
}
